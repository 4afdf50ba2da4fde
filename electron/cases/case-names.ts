// Turning a case name the user typed into a safe folder name, on every platform.

const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f]/g;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/** Keeps Chinese and other letters; replaces what a filesystem refuses; never empty or hidden. */
export function folderNameFor(name: string): string {
  let folder = name.normalize('NFC').replace(FORBIDDEN, '_').trim();
  folder = folder.replace(/^\.+/, '').replace(/[. ]+$/, '');
  if (WINDOWS_RESERVED.test(folder)) folder = `${folder}_`;
  if (folder.length > 80) folder = folder.slice(0, 80);
  return folder || 'case';
}

/** First of `base`, `base (2)`, `base (3)`… that is not taken. */
export function uniqueName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base} (${i})`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}
