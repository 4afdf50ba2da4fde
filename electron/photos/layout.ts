// What a file's place tells about it: camera roll, WeChat cache (and which chat), or a backup;
// and whether it is only WeChat's small preview of a picture.
import type { PhotoOriginKind } from '../../shared/types';

export interface Placement {
  kind: PhotoOriginKind;
  /** WeChat chat folder: MsgAttach/<md5 of chat> (PC 3.x) or msg/attach/<hex> (PC 4.x). */
  chat?: string;
  /** Inside a WeChat data folder: .dat files there are candidates for decoding. */
  wechat: boolean;
  /** WeChat preview (_t.dat): kept until the full picture turns up. */
  thumbnail: boolean;
  /** Pairs a preview with its full picture: chat + file stem. */
  pictureKey?: string;
}

const WECHAT_MARKERS = new Set(['filestorage', 'wechat files', 'xwechat_files', 'msgattach']);
const CAMERA_MARKERS = new Set(['dcim', 'camera']);

function findChat(lower: string[], segments: string[]): string | undefined {
  const msgAttach = lower.indexOf('msgattach');
  if (msgAttach >= 0 && segments[msgAttach + 1]) return segments[msgAttach + 1];
  for (let i = 0; i + 2 < lower.length; i++) {
    if (lower[i] === 'msg' && lower[i + 1] === 'attach') return segments[i + 2];
  }
  return undefined;
}

export function placement(dirSegments: readonly string[], name: string): Placement {
  const lower = dirSegments.map((s) => s.toLowerCase());
  const chat = findChat(lower, [...dirSegments]);
  const isDat = /\.dat$/i.test(name);
  const wechat = isDat || chat !== undefined || lower.some((s) => WECHAT_MARKERS.has(s) || s.startsWith('wxid_'));
  const thumbMatch = /^(.*?)_t\.dat$/i.exec(name);
  const stem = (thumbMatch ? thumbMatch[1]! : name.replace(/(_h)?\.dat$/i, '')).toLowerCase();
  // Only PC .dat names are unique enough (an md5) to pair a preview with its picture.
  const pairable = isDat;
  const kind: PhotoOriginKind = wechat ? 'wechat' : lower.some((s) => CAMERA_MARKERS.has(s)) ? 'camera' : 'backup';
  return {
    kind,
    ...(chat ? { chat } : {}),
    wechat,
    thumbnail: pairable && thumbMatch !== null,
    ...(pairable ? { pictureKey: `${chat ?? ''}:${stem}` } : {}),
  };
}
