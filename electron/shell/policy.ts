// Security policy for the Electron window, as small pure tables and functions (no electron import)
// so they are unit-tested; main.ts only wires them to Electron's hooks.
import { resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Every permission a page could ask for, and our answer. Relink needs none of them. */
export const PERMISSIONS: Readonly<Record<string, boolean>> = {
  'clipboard-sanitized-write': true, // copy search keys and messages: the core of the re-add flow
  'clipboard-read': false,
  media: false,
  geolocation: false,
  notifications: false,
  midi: false,
  midiSysex: false,
  pointerLock: false,
  fullscreen: false,
  openExternal: false,
  'display-capture': false,
  'idle-detection': false,
  hid: false,
  serial: false,
  usb: false,
  'window-management': false,
  'storage-access': false,
  'top-level-storage-access': false,
  'speaker-selection': false,
  'keyboardLock': false,
  'fileSystem': false,
};

export function isPermissionAllowed(permission: string): boolean {
  return PERMISSIONS[permission] === true;
}

/** The renderer is our built index.html and nothing else. */
export function rendererUrl(rendererDir: string): string {
  return pathToFileURL(`${rendererDir}/index.html`).href;
}

/** Is this URL our own renderer page (any hash route)? */
export function isOwnRenderer(url: string, rendererDir: string): boolean {
  const own = rendererUrl(rendererDir);
  return url === own || url.startsWith(`${own}#`) || url.startsWith(`${own}?`);
}

/** Navigation away from the renderer is never allowed; links to the web never open inside. */
export function mayNavigate(url: string, rendererDir: string): boolean {
  return isOwnRenderer(url, rendererDir);
}

/** Links the user clicks may only open outside as mail or SMS drafts (the "I've moved" kit). */
export function mayOpenExternally(url: string): boolean {
  try {
    const protocol = new URL(url).protocol;
    return protocol === 'mailto:' || protocol === 'sms:';
  } catch {
    return false;
  }
}

/**
 * The renderer may only have the backend read what the user chose in a dialog: a chosen file, or
 * anything inside a chosen folder. Paths are compared resolved, so `..` cannot climb out.
 */
export function isInsideChosen(path: string, chosen: Iterable<string>): boolean {
  const target = resolve(path);
  for (const c of chosen) {
    const root = resolve(c);
    if (target === root || target.startsWith(root.endsWith(sep) ? root : root + sep)) return true;
  }
  return false;
}

/** Relink is offline: the window may load only its own files and inline data (blob: = downloads). */
export function mayRequest(url: string): boolean {
  return /^(file|data|blob|devtools):/.test(url);
}
