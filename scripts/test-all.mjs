// `npm test`: everything CI checks, in order — typecheck, lint (with the layer rules), the
// Electron security gate, unit tests, build, packaging smoke test, end-to-end tests in Chromium — then one summary line
// `N passed, N failed` that CI reads. Every step runs even if an earlier one failed, so one run
// shows everything that is wrong.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const only = process.argv.slice(2);
mkdirSync('.tmp', { recursive: true });
const unitReport = '.tmp/vitest.json';
const e2eReport = '.tmp/playwright.json';
rmSync(unitReport, { force: true });
rmSync(e2eReport, { force: true });

const steps = [
  // The root config checks everything together; one per layer checks each layer sees only its world
  // (shared: no DOM, no Node; backend: Node, no DOM; renderer: DOM, no Node).
  { name: 'typecheck', cmd: ['npm', 'run', 'typecheck', '--silent'] },
  { name: 'lint', cmd: ['npx', 'eslint', '.', '--max-warnings=0'] },
  { name: 'security', cmd: ['node', 'scripts/security-gate.mjs'] },
  { name: 'unit', cmd: ['npx', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${unitReport}`] },
  { name: 'build', cmd: ['node', 'scripts/build.mjs'] },
  { name: 'package', cmd: ['node', 'scripts/package-smoke.mjs'] },
  {
    name: 'e2e',
    cmd: ['node', 'scripts/e2e.mjs', '--reporter=list,json'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport },
  },
].filter((s) => only.length === 0 || only.includes(s.name));

const results = [];
for (const step of steps) {
  const started = Date.now();
  console.log(`\n=== ${step.name}: ${step.cmd.join(' ')}`);
  const run = spawnSync(step.cmd[0], step.cmd.slice(1), { stdio: 'inherit', env: { ...process.env, ...step.env } });
  results.push({ name: step.name, ok: run.status === 0, seconds: (Date.now() - started) / 1000 });
}

function vitestCounts() {
  if (!existsSync(unitReport)) return undefined;
  const report = JSON.parse(readFileSync(unitReport, 'utf8'));
  return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
}

function playwrightCounts() {
  if (!existsSync(e2eReport)) return undefined;
  const stats = JSON.parse(readFileSync(e2eReport, 'utf8')).stats;
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
}

console.log('\n=== summary');
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds.toFixed(1)} s)`);
const unit = vitestCounts();
const e2e = playwrightCounts();
if (unit) console.log(`unit tests: ${unit.passed} passed, ${unit.failed} failed, ${unit.skipped} skipped`);
if (e2e) console.log(`e2e tests: ${e2e.passed} passed, ${e2e.failed} failed, ${e2e.skipped} skipped`);
const failedSteps = results.filter((r) => !r.ok).length;
const passed = (unit?.passed ?? 0) + (e2e?.passed ?? 0);
// A failing step without test counts (typecheck, lint, security, build) counts as one failure.
const failed = (unit?.failed ?? 0) + (e2e?.failed ?? 0) + results.filter((r) => !r.ok && !['unit', 'e2e'].includes(r.name)).length +
  results.filter((r) => !r.ok && ((r.name === 'unit' && !unit?.failed) || (r.name === 'e2e' && !e2e?.failed))).length;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedSteps === 0 ? 0 : 1);
