// Smoke-tests the installer configuration offline: electron-builder packs the built app for Linux
// into a folder, using a stub in place of the Electron binary (which cannot be downloaded here),
// then we check that the package holds the main script, the preload, the renderer and sharp.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const stub = '.tmp/electron-stub';
const out = '.tmp/package-smoke';
rmSync(out, { recursive: true, force: true });
mkdirSync(stub, { recursive: true });
writeFileSync(join(stub, 'electron'), '#!/bin/sh\necho "stub electron"\n');
chmodSync(join(stub, 'electron'), 0o755);

const run = spawnSync('npx', ['electron-builder', '--linux', 'dir', `-c.electronDist=${stub}`, `-c.directories.output=${out}`], {
  stdio: 'inherit',
});
if (run.status !== 0) process.exit(run.status ?? 1);

const resources = join(out, 'linux-unpacked', 'resources');
const listing = execFileSync('npx', ['asar', 'list', join(resources, 'app.asar')], { encoding: 'utf8' });
const required = ['/dist/electron/main.cjs', '/dist/electron/preload.cjs', '/dist/renderer/index.html', '/dist/cli.js', '/package.json'];
const missing = required.filter((file) => !listing.split('\n').includes(file));
if (!existsSync(join(resources, 'app.asar.unpacked', 'node_modules', 'sharp'))) missing.push('app.asar.unpacked/node_modules/sharp');
const stray = listing.split('\n').filter((f) => /^\/(electron|renderer|shared|test|bench)\//.test(f));
if (missing.length || stray.length) {
  console.error(`package smoke test failed: missing ${JSON.stringify(missing)}, sources shipped ${JSON.stringify(stray.slice(0, 5))}`);
  process.exit(1);
}
console.log(`package smoke test: ok (${listing.split('\n').length} entries in app.asar)`);
