// WeChat voices (SILK v3) decoded to WAV for an <audio> element: real SILK made by silk-wasm's
// encoder (the SILK SDK's) from a sine wave, in WeChat's 0x02-led form and the bare `#!SILK_V3` one.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode } from 'silk-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { isSilk, MAX_VOICE_BYTES, readVoiceFile, recentVoiceWav, silkToWav, VOICE_SAMPLE_RATE, VoiceDecodeError } from '../../../electron/messages/voice-audio';

/** `seconds` of a 440 Hz tone at amplitude `peak`, mono 16-bit PCM at 24 kHz. */
function tone(seconds: number, peak = 8000): Int16Array {
  const pcm = new Int16Array(Math.round(VOICE_SAMPLE_RATE * seconds));
  for (let i = 0; i < pcm.length; i++) pcm[i] = Math.round(peak * Math.sin((2 * Math.PI * 440 * i) / VOICE_SAMPLE_RATE));
  return pcm;
}

/** Root mean square of the WAV's samples (after its 44-byte header). */
function rms(wav: Buffer): number {
  const samples = new Int16Array(wav.buffer.slice(wav.byteOffset + 44, wav.byteOffset + wav.byteLength));
  let sum = 0;
  for (const s of samples) sum += s * s;
  return Math.sqrt(sum / samples.length);
}

let wechat: Uint8Array; // 0x02 #!SILK_V3 …, as WeChat stores it
beforeAll(async () => {
  wechat = (await encode(tone(3), VOICE_SAMPLE_RATE)).data;
});

describe('silkToWav', () => {
  it('reads WeChat\'s 0x02-led SILK: a 24 kHz mono 16-bit WAV of the voice\'s length and loudness', async () => {
    expect(Buffer.from(wechat.subarray(0, 10)).toString('latin1')).toBe('\x02#!SILK_V3');
    const wav = await silkToWav(wechat);
    expect(wav.toString('latin1', 0, 4)).toBe('RIFF');
    expect(wav.toString('latin1', 8, 16)).toBe('WAVEfmt ');
    expect([wav.readUInt16LE(20), wav.readUInt16LE(22), wav.readUInt32LE(24), wav.readUInt16LE(34)]).toEqual([1, 1, 24_000, 16]);
    expect(wav.readUInt32LE(4)).toBe(wav.length - 8);
    expect(wav.readUInt32LE(40)).toBe(wav.length - 44);
    const seconds = (wav.length - 44) / 2 / VOICE_SAMPLE_RATE;
    expect(seconds).toBeGreaterThan(2.9);
    expect(seconds).toBeLessThan(3.1);
    // A sine of peak 8000 has an RMS of 5657; a lossy codec keeps it roughly, silence would be ~0.
    expect(rms(wav)).toBeGreaterThan(3500);
    expect(rms(wav)).toBeLessThan(8000);
  });

  it('reads the bare #!SILK_V3 form (QQ, Skype) the same', async () => {
    const bare = wechat.subarray(1);
    expect(isSilk(bare)).toBe(true);
    expect((await silkToWav(bare)).equals(await silkToWav(wechat))).toBe(true);
  });

  it('a quiet voice stays quiet', async () => {
    const quiet = (await encode(tone(1, 500), VOICE_SAMPLE_RATE)).data;
    expect(rms(await silkToWav(quiet))).toBeLessThan(800);
  });

  it('tells a damaged voice and something that is no SILK apart from a crash', async () => {
    const damaged = Uint8Array.from(wechat);
    for (let i = 20; i < damaged.length; i += 7) damaged[i] = damaged[i]! ^ 0xff;
    await expect(silkToWav(damaged)).rejects.toBeInstanceOf(VoiceDecodeError);
    await expect(silkToWav(wechat.subarray(0, 10))).rejects.toBeInstanceOf(VoiceDecodeError);
    await expect(silkToWav(Buffer.from('#!AMR\n not silk'))).rejects.toThrow(/not SILK/);
    expect(isSilk(Buffer.from('#!AMR\n'))).toBe(false);
  });
});

describe('recentVoiceWav', () => {
  it('decodes a voice once while it is among the last played, again once it has left', async () => {
    let reads = 0;
    const read = async () => (reads++, wechat);
    const first = await recentVoiceWav('/case/a.silk', read);
    expect((await recentVoiceWav('/case/a.silk', read)).equals(first)).toBe(true);
    expect(reads).toBe(1);
    for (const other of ['b', 'c', 'd', 'e']) await recentVoiceWav(`/case/${other}.silk`, read);
    await recentVoiceWav('/case/a.silk', read);
    expect(reads).toBe(6);
  });

  it('does not keep a failure: the next request tries again', async () => {
    let reads = 0;
    const broken = async () => (reads++, Buffer.from('not a voice'));
    await expect(recentVoiceWav('/case/broken.silk', broken)).rejects.toBeInstanceOf(VoiceDecodeError);
    await expect(recentVoiceWav('/case/broken.silk', broken)).rejects.toBeInstanceOf(VoiceDecodeError);
    expect(reads).toBe(2);
  });
});

describe('readVoiceFile', () => {
  it('refuses a stored blob too large to be a voice, without decoding it; reads a real one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relink-voice-'));
    const huge = join(dir, 'huge.silk');
    writeFileSync(huge, Buffer.concat([Buffer.from(wechat), Buffer.alloc(MAX_VOICE_BYTES)]));
    await expect(readVoiceFile(huge)).rejects.toThrow(/too large for a voice message/);
    await expect(readVoiceFile(huge)).rejects.toBeInstanceOf(VoiceDecodeError);
    const real = join(dir, 'real.silk');
    writeFileSync(real, wechat);
    expect(Buffer.from(await readVoiceFile(real)).equals(Buffer.from(wechat))).toBe(true);
  });
});
