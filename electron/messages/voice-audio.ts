// WeChat voice messages are SILK v3 audio, which no browser plays: decoded here (silk-wasm, the
// SILK SDK compiled to WebAssembly, offline) into a WAV file an <audio> element plays.
//   WeChat stores `0x02 #!SILK_V3 …`; QQ and Skype the bare `#!SILK_V3 …`. silk-wasm's decoder reads
// only the first form, so the bare one gets the 0x02 byte put in front.
import { readFile, stat } from 'node:fs/promises';
import { decode } from 'silk-wasm';
import { MAX_VOICE_BYTES } from './formats/wechat-db/voices';

/** The rate WeChat's clients record at; the decoder resamples to whatever is asked, so this keeps the voice as recorded. */
export const VOICE_SAMPLE_RATE = 24_000;

const MAGIC = Buffer.from('#!SILK_V3', 'latin1');

/** A stored voice that is not SILK or cannot be decoded (cut short, overwritten). */
export class VoiceDecodeError extends Error {}

export { MAX_VOICE_BYTES };

/** The stored voice's bytes; VoiceDecodeError, without reading it, when it is too large to be one (a hostile archive's blob). */
export async function readVoiceFile(path: string): Promise<Uint8Array> {
  const { size } = await stat(path);
  if (size > MAX_VOICE_BYTES) throw new VoiceDecodeError(`${(size / 1048576).toFixed(1)} MB, too large for a voice message (at most ${MAX_VOICE_BYTES / 1048576} MB)`);
  return readFile(path);
}

/** SILK v3, with or without WeChat's leading 0x02 byte. */
export function isSilk(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 10));
  return head.indexOf(MAGIC) === 0 || (head[0] === 0x02 && head.indexOf(MAGIC) === 1);
}

/** The form silk-wasm reads: WeChat's, with the 0x02 lead byte. */
function wechatForm(bytes: Uint8Array): Uint8Array {
  if (bytes[0] === 0x02) return bytes;
  const out = new Uint8Array(bytes.byteLength + 1);
  out[0] = 0x02;
  out.set(bytes, 1);
  return out;
}

/** Whether at least one whole frame (u16 LE length, then its bytes) follows WeChat's 10-byte head: the decoder makes noise out of none. */
function hasFrame(wechat: Uint8Array): boolean {
  const length = wechat.byteLength >= 12 ? wechat[10]! | (wechat[11]! << 8) : 0;
  return length > 0 && length !== 0xffff && 12 + length <= wechat.byteLength;
}

/** A RIFF/WAVE header for mono 16-bit PCM of `dataBytes` bytes. */
export function wavHeader(dataBytes: number, sampleRate: number): Buffer {
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'latin1');
  h.writeUInt32LE(36 + dataBytes, 4);
  h.write('WAVEfmt ', 8, 'latin1');
  h.writeUInt32LE(16, 16); // fmt chunk size
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(sampleRate, 24);
  h.writeUInt32LE(sampleRate * 2, 28); // bytes per second
  h.writeUInt16LE(2, 32); // bytes per frame
  h.writeUInt16LE(16, 34); // bits per sample
  h.write('data', 36, 'latin1');
  h.writeUInt32LE(dataBytes, 40);
  return h;
}

/** The SILK voice as a mono 16-bit WAV at 24 kHz; VoiceDecodeError when it is not SILK or is damaged. */
export async function silkToWav(bytes: Uint8Array): Promise<Buffer> {
  if (!isSilk(bytes)) throw new VoiceDecodeError('not SILK audio');
  const silk = wechatForm(bytes);
  if (!hasFrame(silk)) throw new VoiceDecodeError('SILK audio without a single whole frame');
  let pcm: Uint8Array;
  try {
    pcm = (await decode(silk, VOICE_SAMPLE_RATE)).data;
  } catch (error) {
    // "Aborted(…)" is the decoder failing to start (its silk.wasm not beside the bundle): our fault, not the voice's.
    if (error instanceof Error && error.message.startsWith('Aborted(')) throw error;
    // silk-wasm says "silk decoding failure", or the WebAssembly traps on frames that lie about their length.
    throw new VoiceDecodeError(`damaged SILK audio (${error instanceof Error ? error.message : String(error)})`);
  }
  if (pcm.byteLength === 0) throw new VoiceDecodeError('SILK audio without a single frame');
  return Buffer.concat([wavHeader(pcm.byteLength, VOICE_SAMPLE_RATE), pcm]);
}

// An <audio> asks again for byte ranges while it plays and seeks: the last few decoded voices are
// kept (at most KEEP × 2.9 MB for minute-long ones), and one voice is decoded at a time, so a chat
// full of voices pressed in a row cannot fill memory.
const KEEP = 4;
const recent = new Map<string, Promise<Buffer>>();
let queue: Promise<unknown> = Promise.resolve();

/** The WAV of the voice stored at `key` (its content-store path), decoded once while it is among the last few played. */
export function recentVoiceWav(key: string, read: () => Promise<Uint8Array>): Promise<Buffer> {
  const known = recent.get(key);
  if (known) {
    recent.delete(key);
    recent.set(key, known); // most recently used last
    return known;
  }
  const wav = queue.then(async () => silkToWav(await read()));
  queue = wav.catch(() => undefined);
  recent.set(key, wav);
  wav.catch(() => recent.delete(key)); // a failure is told each time, not kept
  while (recent.size > KEEP) recent.delete(recent.keys().next().value!);
  return wav;
}
