// Smoke-tests the installer configuration offline: electron-builder packs the built app for Linux
// into a folder, using a stub in place of the Electron binary (which cannot be downloaded here),
// then we check that the package holds the main script, the preload, the renderer and sharp, and
// that electron-builder flipped the fuses electron-builder.yml asks for (electronFuses). The stub
// carries a fuse wire as Electron's binary does (sentinel, version, length, one byte per fuse, in
// Electron's defaults), so @electron/fuses flips it as it would the real one, and we read it back.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const stub = '.tmp/electron-stub';
const out = '.tmp/package-smoke';
rmSync(out, { recursive: true, force: true });
mkdirSync(stub, { recursive: true });
// Electron's defaults: RunAsNode on, cookie encryption off, NODE_OPTIONS on, --inspect on, asar
// integrity off, only-asar off, browser V8 snapshot off, file:// privileges on, WASM trap handlers on.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const defaults = '101100011';
writeFileSync(join(stub, 'electron'), `#!/bin/sh\necho "stub electron"\nexit 0\n# ${SENTINEL}\x01${String.fromCharCode(defaults.length)}${defaults}\n`);
chmodSync(join(stub, 'electron'), 0o755);

const run = spawnSync('npx', ['electron-builder', '--linux', 'dir', `-c.electronDist=${stub}`, `-c.directories.output=${out}`], {
  stdio: 'inherit',
});
if (run.status !== 0) process.exit(run.status ?? 1);

const resources = join(out, 'linux-unpacked', 'resources');
const listing = execFileSync('npx', ['asar', 'list', join(resources, 'app.asar')], { encoding: 'utf8' });
// silk.wasm: the voice decoder's WebAssembly, read from beside the bundle that holds its code.
const required = ['/dist/electron/main.cjs', '/dist/electron/preload.cjs', '/dist/electron/silk.wasm', '/dist/renderer/index.html', '/dist/cli.js', '/dist/silk.wasm', '/package.json'];
const missing = required.filter((file) => !listing.split('\n').includes(file));
if (!existsSync(join(resources, 'app.asar.unpacked', 'node_modules', 'sharp'))) missing.push('app.asar.unpacked/node_modules/sharp');
const stray = listing.split('\n').filter((f) => /^\/(electron|renderer|shared|test|bench)\//.test(f));
if (missing.length || stray.length) {
  console.error(`package smoke test failed: missing ${JSON.stringify(missing)}, sources shipped ${JSON.stringify(stray.slice(0, 5))}`);
  process.exit(1);
}

// What electron-builder.yml asks for, read back from the packaged binary: [fuse's place on the wire, on?].
const expected = {
  RunAsNode: [0, false],
  EnableCookieEncryption: [1, true],
  EnableNodeOptionsEnvironmentVariable: [2, false],
  EnableNodeCliInspectArguments: [3, false],
  EnableEmbeddedAsarIntegrityValidation: [4, true],
  OnlyLoadAppFromAsar: [5, true],
  GrantFileProtocolExtraPrivileges: [7, false],
};
const binary = readFileSync(join(out, 'linux-unpacked', 'relink'));
const fuses = binary.indexOf(SENTINEL) + SENTINEL.length + 2;
if (fuses < SENTINEL.length + 2) throw new Error('package smoke test failed: the packaged binary has no fuse wire');
const wrong = Object.entries(expected).filter(([, [place, on]]) => binary[fuses + place] !== (on ? 0x31 : 0x30));
if (wrong.length) {
  console.error(`package smoke test failed: fuses not as configured: ${wrong.map(([name, [, on]]) => `${name} should be ${on ? 'on' : 'off'}`).join(', ')}`);
  process.exit(1);
}
console.log(`package smoke test: ok (${listing.split('\n').length} entries in app.asar; fuses ${Object.entries(expected).map(([name, [, on]]) => `${name} ${on ? 'on' : 'off'}`).join(', ')})`);
