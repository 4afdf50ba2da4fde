// Contact import against the fastest JavaScript vCard parser (issue 16.2): `relink import` — the whole
// command, a process from start to exit: read, parse, prepare, merge, save the book — against a
// baseline process in the same run that parses the same file card by card with ical.js (the
// fastest parser measured; a dev dependency for this bench only): the file streamed, cut at
// END:VCARD, each card given to ICAL.parse; for 2.1 quoted-printable the soft line breaks joined
// first, bare types named (TEL;CELL → TEL;TYPE=CELL) and the QP values decoded (ical.js knows no QP). 100k iPhone-style 3.0 cards and 100k
// Android 2.1-QP cards, 5 alternating pairs each; each process's CPU time and peak RSS come from
// its own resource usage at exit. Targets: ≤ 2x the baseline's wall time, the time the user waits
// (median of the pairs' ratios; the CPU ratio is printed beside it for information), peak RSS ≤ 300 MB. CONTACTS_IMPORT_N, CONTACTS_IMPORT_ROUNDS and
// CONTACTS_IMPORT_FLAVORS (3.0,2.1-qp) change what is run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { bundles } from '../scripts/bundles.mjs';
import { generateVcardFile, type VcardFlavor } from './gen-vcards';

const N = Number(process.env.CONTACTS_IMPORT_N ?? 100_000);
const ROUNDS = Number(process.env.CONTACTS_IMPORT_ROUNDS ?? 5);

/** Loaded first into every measured process: its CPU time and peak RSS, written to fd 3 at exit. */
const EXIT_FIGURES = `import { writeSync } from 'node:fs';
process.on('exit', () => {
  const u = process.resourceUsage();
  writeSync(3, JSON.stringify({ cpu: (u.userCPUTime + u.systemCPUTime) / 1e6, peakMb: u.maxRSS / 1024 }));
});
`;

/** The baseline: ical.js, card by card, as a plain script. */
const BASELINE = `import ICAL from 'ical.js';
import { createReadStream } from 'node:fs';
const [file, flavor] = process.argv.slice(2);
const qp = flavor === '2.1-qp';
const unQp = (s) => {
  const out = Buffer.allocUnsafe(s.length);
  let o = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 61 && i + 2 < s.length) {
      out[o++] = parseInt(s.substr(i + 1, 2), 16);
      i += 2;
    } else out[o++] = c;
  }
  return out.toString('utf8', 0, o);
};
const decoder = new TextDecoder();
let carry = '';
let cards = 0;
let values = 0;
for await (const chunk of createReadStream(file, { highWaterMark: 64 * 1024 })) {
  const text = carry + decoder.decode(chunk, { stream: true });
  let start = 0;
  for (let end = text.indexOf('END:VCARD', start); end >= 0; end = text.indexOf('END:VCARD', start)) {
    let card = text.slice(start, end + 9);
    // 2.1: soft line breaks joined, and bare types (TEL;CELL) named, which ical.js requires.
    if (qp) card = card.replace(/=\\r?\\n/g, '').replace(/;(CELL|HOME|WORK|VOICE|FAX|PREF|INTERNET)(?=[;:])/gi, ';TYPE=$1');
    const [, props] = ICAL.parse(card);
    for (const p of props) {
      if (qp && p[1].encoding) for (let i = 3; i < p.length; i++) p[i] = Array.isArray(p[i]) ? p[i].map(unQp) : unQp(p[i]);
      values += p.length - 3;
    }
    cards++;
    start = end + 9;
  }
  carry = text.slice(start);
}
console.log(JSON.stringify({ cards, values }));
`;

interface Figure {
  wall: number;
  cpu: number;
  peakMb: number;
  out: string;
}

function measured(args: string[], preload: string): Figure {
  const t0 = performance.now();
  const run = spawnSync(process.execPath, ['--import', preload, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
  const wall = (performance.now() - t0) / 1000;
  if (run.status !== 0) throw new Error(`${args.join(' ')}: ${run.stderr}`);
  const figures = JSON.parse(String(run.output[3])) as { cpu: number; peakMb: number };
  return { wall, ...figures, out: run.stdout };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const spread = (values: number[], digits = 2): string => `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'relink-bench-cards-'));
  try {
    // The real command line, bundled as `npm run build` bundles it.
    const cliDir = join(work, 'cli');
    // (bundles() finds the sources from its own folder, which bundling this bench moves: from the cwd.)
    await build({ ...bundles(cliDir).cli, entryPoints: { cli: resolve('electron/cli/main.ts') }, logLevel: 'error' });
    // As installed: dist/ lies in the package, whose package.json says its .js files are ES modules (else Node reads each chunk to guess).
    writeFileSync(join(cliDir, 'package.json'), '{"type":"module"}');
    const benchDir = resolve('.tmp', 'bench');
    mkdirSync(benchDir, { recursive: true });
    const preload = join(benchDir, 'exit-figures.mjs');
    const baseline = join(benchDir, 'contacts-ical-baseline.mjs');
    writeFileSync(preload, EXIT_FIGURES);
    writeFileSync(baseline, BASELINE);
    console.log(`relink import vs an ical.js card-by-card parse (whole processes, ${ROUNDS} alternating pairs; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores)`);
    for (const flavor of (process.env.CONTACTS_IMPORT_FLAVORS ?? '3.0,2.1-qp').split(',') as VcardFlavor[]) {
      const file = join(work, `cards-${flavor}.vcf`);
      const bytes = generateVcardFile(file, N, flavor);
      const bases: Figure[] = [];
      const ours: Figure[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        bases.push(measured([baseline, file, flavor], preload));
        const caseDir = join(work, `case-${flavor}-${round}`);
        ours.push(measured([join(cliDir, 'cli.js'), 'import', '--case', caseDir, file], preload));
        rmSync(caseDir, { recursive: true, force: true });
      }
      const cards = (JSON.parse(bases[0]!.out) as { cards: number }).cards;
      if (cards !== N) throw new Error(`the baseline read ${cards} of ${N} cards`);
      const wallRatios = ours.map((o, i) => o.wall / bases[i]!.wall);
      const cpuRatios = ours.map((o, i) => o.cpu / bases[i]!.cpu);
      const ratio = median(wallRatios);
      const peak = Math.max(...ours.map((o) => o.peakMb));
      console.log(
        `vCard ${flavor}, ${N} cards (${(bytes / 1e6).toFixed(1)} MB): ical.js ${median(bases.map((b) => b.wall)).toFixed(2)} s wall (${spread(bases.map((b) => b.wall))}), ` +
          `${median(bases.map((b) => b.cpu)).toFixed(2)} s CPU, peak RSS ${median(bases.map((b) => b.peakMb)).toFixed(0)} MB; relink import ${median(ours.map((o) => o.wall)).toFixed(2)} s wall ` +
          `(${spread(ours.map((o) => o.wall))}), ${median(ours.map((o) => o.cpu)).toFixed(2)} s CPU, peak RSS ${spread(ours.map((o) => o.peakMb), 0)} MB`,
      );
      console.log(
        `  wall ratio ${ratio.toFixed(2)}x (${spread(wallRatios)}), target ≤ 2x: ${ratio <= 2 ? 'PASS' : 'SHORT'}; ` +
          `peak RSS target ≤ 300 MB: ${peak <= 300 ? 'PASS' : 'SHORT'} (${peak.toFixed(0)} MB)`,
      );
      console.log(
        `  (information: CPU ratio ${median(cpuRatios).toFixed(2)}x (${spread(cpuRatios)}))`,
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
