// Google Takeout sidecars: each picture has a JSON file beside it holding photoTakenTime.
// Names: "NAME.ext.json", newer "NAME.ext.supplemental-metadata.json" (cut to 51 characters, so
// ".supplemental-metadata" may be shortened to ".supplemental-me" or ".supp"), and duplicates
// "image(1).jpg" pair with "image.jpg(1).json". A sidecar may sit in another zip part than its
// picture, so sidecars are collected before pictures are imported and matched by folder + name.
import { posix } from 'node:path';

const SUPPLEMENTAL = '.supplemental-metadata';

/** True for names that look like a Takeout sidecar (the JSON itself decides). */
export function looksLikeSidecar(name: string): boolean {
  return /\.json$/i.test(name) && /\.[A-Za-z0-9]{2,5}[^/]*\.json$/i.test(name);
}

/** The picture name a sidecar file name belongs to, e.g. "image.jpg(1).json" -> "image(1).jpg". */
export function pictureNameForSidecar(sidecarName: string): string | undefined {
  let stem = sidecarName.replace(/\.json$/i, '');
  const dup = /^(.*?)(\(\d+\))$/.exec(stem);
  let counter = '';
  if (dup) {
    stem = dup[1]!;
    counter = dup[2]!;
  }
  // Strip ".supplemental-metadata" or any cut-down prefix of it (at least ".s").
  const dot = stem.lastIndexOf('.');
  if (dot > 0) {
    const tail = stem.slice(dot).toLowerCase();
    if (tail.length >= 2 && SUPPLEMENTAL.startsWith(tail)) stem = stem.slice(0, dot);
  }
  const extDot = stem.lastIndexOf('.');
  if (extDot <= 0) return undefined;
  return counter ? `${stem.slice(0, extDot)}${counter}${stem.slice(extDot)}` : stem;
}

/** photoTakenTime (else creationTime) of a sidecar, as an ISO instant. */
export function sidecarTakenTime(json: unknown): string | undefined {
  if (!json || typeof json !== 'object') return undefined;
  const obj = json as Record<string, unknown>;
  for (const field of ['photoTakenTime', 'creationTime']) {
    const t = obj[field];
    if (!t || typeof t !== 'object') continue;
    const seconds = Number((t as Record<string, unknown>).timestamp);
    if (Number.isFinite(seconds) && seconds > 0) return new Date(seconds * 1000).toISOString();
  }
  return undefined;
}

export function sidecarTitle(json: unknown): string | undefined {
  const title = json && typeof json === 'object' ? (json as Record<string, unknown>).title : undefined;
  return typeof title === 'string' && title.length > 0 ? title : undefined;
}

/** Sidecar dates, looked up by the picture's folder (relative to its import root or zip) and name. */
export class SidecarIndex {
  private readonly byDirAndName = new Map<string, string>();
  private readonly byName = new Map<string, string>();
  count = 0;

  /** Registers one sidecar; returns false when it is not a Takeout sidecar. */
  add(relDir: string, sidecarName: string, json: unknown): boolean {
    const date = sidecarTakenTime(json);
    if (!date) return false;
    const names = new Set<string>();
    const fromFileName = pictureNameForSidecar(sidecarName);
    if (fromFileName) names.add(fromFileName);
    const title = sidecarTitle(json);
    // The title is the uploaded name; it only helps when the file name did not already say it.
    if (title && !fromFileName) names.add(title);
    for (const name of names) {
      this.byDirAndName.set(key(relDir, name), date);
      this.byName.set(name.toLowerCase(), date);
    }
    this.count++;
    return names.size > 0;
  }

  lookup(relDir: string, pictureName: string): string | undefined {
    return (
      this.byDirAndName.get(key(relDir, pictureName)) ??
      this.byName.get(pictureName.toLowerCase()) ??
      this.lookupTruncated(relDir, pictureName)
    );
  }

  /** Takeout also cuts long picture names inside sidecar names: match on the shared prefix. */
  private lookupTruncated(relDir: string, pictureName: string): string | undefined {
    if (pictureName.length < 40) return undefined;
    const want = key(relDir, pictureName);
    for (const [k, date] of this.byDirAndName) {
      if (k.length >= 40 && want.startsWith(k.replace(/\.[^./]*$/, ''))) return date;
    }
    return undefined;
  }
}

function key(relDir: string, name: string): string {
  return `${posix.normalize(relDir.replace(/\\/g, '/')).toLowerCase()}/${name.toLowerCase()}`;
}
