// Security policy for the Electron window, as small pure tables and functions (no electron import)
// so they are unit-tested; main.ts only wires them to Electron's hooks.
import { resolve, sep } from 'node:path';

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

/**
 * The app's own origin: a privileged custom scheme (standard, secure, fetch, streams) that the
 * shell answers with the same route table browser mode serves, the page included. No file:// URL
 * is ever loaded, so relative URLs and fetch behave as on any web origin.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'relink';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const RENDERER_URL = `${APP_ORIGIN}/`;

/** The privileges registered for APP_SCHEME before the app is ready (Electron's CustomScheme). */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, stream: true } as const;

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** Is this URL on our origin (app://relink/…)? */
export function isOwnOrigin(url: string): boolean {
  const u = parse(url);
  return u !== undefined && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.port === '';
}

/** Is this URL our own renderer page (any hash route)? */
export function isOwnRenderer(url: string): boolean {
  return isOwnOrigin(url) && ['/', '/index.html'].includes(parse(url)!.pathname);
}

/** Navigation away from the renderer is never allowed; links to the web never open inside. */
export function mayNavigate(url: string): boolean {
  return isOwnRenderer(url);
}

/**
 * Who may ask the app:// scheme: our page (its requests carry our Origin, or none for a plain GET).
 * A request with any other Origin is refused, whatever it asks.
 */
export function mayAskScheme(origin: string | null): boolean {
  return origin === null || origin === APP_ORIGIN;
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

/**
 * Relink is offline: the window may load only its own origin, inline data and its own blob: URLs
 * (text downloads), and DevTools. Everything else, file:// included, is cancelled.
 */
export function mayRequest(url: string): boolean {
  if (isOwnOrigin(url)) return true;
  if (url.startsWith('blob:')) return isOwnOrigin(url.slice('blob:'.length));
  return /^(data|devtools):/.test(url);
}
