// Starting the Electron app from the command line without importing `electron` (which, in plain
// Node, tries to download the binary). We look for the binary ourselves and say why we can't.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type ElectronCheck = { ok: true; binary: string } | { ok: false; reason: string };

export function findElectronBinary(env: NodeJS.ProcessEnv = process.env): ElectronCheck {
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const binary = join(env.ELECTRON_OVERRIDE_DIST_PATH, process.platform === 'win32' ? 'electron.exe' : 'electron');
    if (existsSync(binary)) return { ok: true, binary };
  }
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { ok: false, reason: 'the electron package is not installed' };
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return { ok: false, reason: 'the Electron binary has not been downloaded (it needs network access once)' };
  }
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(binary)) return { ok: false, reason: `the Electron binary is missing (${binary})` };
  return { ok: true, binary };
}

export function hasDisplay(env: NodeJS.ProcessEnv = process.env, platform = process.platform): boolean {
  if (platform !== 'linux') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/**
 * Runs Electron with our main script. Resolves 'exited' when the app closes normally, or
 * 'failed' with a reason when it dies during start-up, so the caller can fall back.
 */
export function launchElectron(
  binary: string,
  mainScript: string,
  args: string[],
): Promise<{ outcome: 'exited' } | { outcome: 'failed'; reason: string }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(binary, [mainScript, ...args], { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      process.stderr.write(chunk);
    });
    child.on('error', (error) => resolve({ outcome: 'failed', reason: error.message }));
    child.on('exit', (code, signal) => {
      if (code === 0 || Date.now() - started > 5000) resolve({ outcome: 'exited' });
      else {
        const lastLine = stderr.trim().split('\n').pop();
        resolve({ outcome: 'failed', reason: lastLine || `Electron exited with ${signal ?? `code ${code}`}` });
      }
    });
  });
}
