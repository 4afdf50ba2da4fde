// How long a WeChat voice takes to become playable: SILK (silk-wasm's encoder, WeChat's 0x02-led
// form) decoded to the 24 kHz WAV the media route answers, per second of audio, for voices of 5,
// 20 and 60 s (WeChat's longest). The route decodes on each play (the last four kept), on the host's
// thread: goal ≤ 10 ms per second of audio, so the longest voice holds the host ≤ 0.6 s.
import { encode } from 'silk-wasm';
import { recentVoiceWav, silkToWav, VOICE_SAMPLE_RATE } from '../electron/messages/voice-audio';

/** Speech-like: two drifting tones, syllable-rate loudness, a little noise. */
function voice(seconds: number): Int16Array {
  const pcm = new Int16Array(VOICE_SAMPLE_RATE * seconds);
  let seed = 1;
  for (let i = 0; i < pcm.length; i++) {
    const t = i / VOICE_SAMPLE_RATE;
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t);
    const s = Math.sin(2 * Math.PI * (180 + 40 * Math.sin(t)) * t) + 0.5 * Math.sin(2 * Math.PI * 720 * t);
    pcm[i] = Math.round(envelope * 7000 * s + ((seed % 2000) - 1000));
  }
  return pcm;
}

const RUNS = 15;
let worst = 0;
for (const seconds of [5, 20, 60]) {
  const silk = (await encode(voice(seconds), VOICE_SAMPLE_RATE)).data;
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    await silkToWav(silk);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(RUNS / 2)]!;
  const p95 = times[Math.ceil(RUNS * 0.95) - 1]!;
  worst = Math.max(worst, median / seconds);
  console.log(`${String(seconds).padStart(2)} s voice (${(silk.byteLength / 1024).toFixed(0)} KB SILK → ${((seconds * VOICE_SAMPLE_RATE * 2) / 1e6).toFixed(2)} MB WAV): median ${median.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, ${(median / seconds).toFixed(1)} ms per second of audio`);
}
// A play's range requests after the first: answered from the last four decoded.
const silk = (await encode(voice(60), VOICE_SAMPLE_RATE)).data;
await recentVoiceWav('bench', async () => silk);
const started = performance.now();
for (let i = 0; i < 100; i++) await recentVoiceWav('bench', async () => silk);
console.log(`repeat request of a recently played 60 s voice: ${((performance.now() - started) / 100).toFixed(3)} ms`);
console.log(`worst median ${worst.toFixed(1)} ms per second of audio (goal ≤ 10)`);
if (worst > 10) process.exitCode = 1;
