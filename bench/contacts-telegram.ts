// Telegram contacts from a whole-account result.json (issue 16.2): `relink import` of an export as
// Telegram Desktop writes it — the contact list first, then every chat with its messages — read as
// it streams (electron/import/json.ts). Target: peak RSS ≤ 300 MB whatever the file's size (the
// file was read whole before: its bytes, its text and every parsed message at once). Also a result.json
// of 100k contacts alone. CONTACTS_TELEGRAM_MESSAGES changes the export's size (default 600k messages).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { bundles } from '../scripts/bundles.mjs';
import { writeTelegramExport } from './gen-telegram';

const MESSAGES = Number(process.env.CONTACTS_TELEGRAM_MESSAGES ?? 600_000);
const CONTACTS = 100_000;
const PEAK_MB = 300;

/** A result.json holding only a contact list of `n` entries, as Telegram Desktop writes one. */
function writeContactList(file: string, n: number): void {
  const parts = ['{\n "about": "Here is the data you requested.",\n "contacts": {\n  "about": "This is your contact list.",\n  "list": [\n'];
  for (let c = 0; c < n; c++) {
    parts.push(`   {\n    "user_id": ${100_000 + c},\n    "first_name": "Friend",\n    "last_name": "${c}",\n    "phone_number": "+86 139 ${String(c).padStart(8, '0')}",\n    "date": "2019-01-01T10:00:00",\n    "date_unixtime": "1546308000"\n   }${c < n - 1 ? ',' : ''}\n`);
  }
  parts.push('  ]\n }\n}\n');
  writeFileSync(file, parts.join(''));
}

const EXIT_FIGURES = `import { writeSync } from 'node:fs';
process.on('exit', () => {
  const u = process.resourceUsage();
  writeSync(3, JSON.stringify({ cpu: (u.userCPUTime + u.systemCPUTime) / 1e6, peakMb: u.maxRSS / 1024 }));
});
`;

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'relink-bench-telegram-'));
  try {
    const cliDir = join(work, 'cli');
    await build({ ...bundles(cliDir).cli, entryPoints: { cli: resolve('electron/cli/main.ts') }, logLevel: 'error' });
    // As installed: dist/ lies in the package, whose package.json says its .js files are ES modules (else Node reads each chunk to guess).
    writeFileSync(join(cliDir, 'package.json'), '{"type":"module"}');
    mkdirSync(resolve('.tmp', 'bench'), { recursive: true });
    const preload = resolve('.tmp', 'bench', 'exit-figures.mjs');
    writeFileSync(preload, EXIT_FIGURES);
    console.log(`relink import of Telegram result.json files (load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores)`);
    const full = join(work, 'full', 'result.json');
    mkdirSync(join(work, 'full'));
    await writeTelegramExport(full, MESSAGES);
    const list = join(work, 'list', 'result.json');
    mkdirSync(join(work, 'list'));
    writeContactList(list, CONTACTS);
    for (const [what, file, expected] of [[`whole-account export, ${MESSAGES} messages`, full, 49], [`${CONTACTS} contacts`, list, CONTACTS]] as const) {
      const caseDir = join(work, `case-${expected}`);
      const t0 = performance.now();
      const run = spawnSync(process.execPath, ['--import', preload, join(cliDir, 'cli.js'), 'import', '--json', '--case', caseDir, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
      const wall = (performance.now() - t0) / 1000;
      if (run.status !== 0) throw new Error(`${what}: ${run.stderr}`);
      const { cpu, peakMb } = JSON.parse(String(run.output[3])) as { cpu: number; peakMb: number };
      const records = (JSON.parse(run.stdout) as { files: { records: number }[] }).files[0]!.records;
      if (records !== expected) throw new Error(`${what}: ${records} records, ${expected} expected`);
      const mb = statSync(file).size / 1e6;
      console.log(`${what} (${mb.toFixed(0)} MB): ${records} contacts in ${wall.toFixed(2)} s wall, ${cpu.toFixed(2)} s CPU, peak RSS ${peakMb.toFixed(0)} MB; target ≤ ${PEAK_MB} MB: ${peakMb <= PEAK_MB ? 'PASS' : 'SHORT'}`);
      rmSync(caseDir, { recursive: true, force: true });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
