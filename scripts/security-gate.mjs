// Security gate: runs @doyensec/electronegativity over the Electron shell through its API (its
// CLI exits 0 even with findings) and fails on any HIGH or MEDIUM finding. Findings a human has
// reviewed are silenced in the code itself with an `eng-disable` comment that says why.
// Its network-dependent parts are switched off: the AvailableSecurityFixes check (asks GitHub)
// is excluded, and its `got` HTTP client is replaced by one that fails at once (locale fetch).
import { createRequire, Module } from 'node:module';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const originalLoad = Module._load;
Module._load = function load(request, ...rest) {
  if (request === 'got') {
    const offline = () => Promise.reject(new Error('offline: electronegativity network access disabled'));
    return Object.assign(offline, { default: offline, get: offline });
  }
  return originalLoad.call(this, request, ...rest);
};
const electronegativity = require('@doyensec/electronegativity');
const run = electronegativity.default ?? electronegativity;

// What ships to Electron: the shell's sources, the page (CSP meta) and the package manifest.
const input = mkdtempSync(join(tmpdir(), 'relink-eng-'));
cpSync('electron/shell', join(input, 'shell'), { recursive: true });
cpSync('renderer/index.html', join(input, 'index.html'));
cpSync('package.json', join(input, 'package.json'));

let result;
try {
  result = await run({ input, isRelative: true, excludeFromScan: ['AvailableSecurityFixesGlobalCheck'] });
} finally {
  rmSync(input, { recursive: true, force: true });
}

const blocking = result.issues.filter((f) => f.severity.name === 'HIGH' || f.severity.name === 'MEDIUM');
for (const f of result.issues) {
  const mark = blocking.includes(f) ? 'FAIL' : 'info';
  console.log(`${mark} ${f.id} ${f.severity.name}/${f.confidence.name} ${f.file}:${f.location.line} ${f.description}`);
}
if (result.errors?.length) console.log(`electronegativity could not parse: ${JSON.stringify(result.errors)}`);
console.log(`electronegativity: ${result.issues.length} findings, ${blocking.length} high/medium`);
process.exit(blocking.length === 0 && !result.errors?.length ? 0 : 1);
