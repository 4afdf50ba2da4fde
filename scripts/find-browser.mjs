// Finds a Chromium for the end-to-end tests, so that `npm test` is the whole set-up:
// Playwright's own browser if installed, else a system Chromium, else (as root on Debian) it
// installs Debian's chromium and CJK fonts with apt, else it says exactly what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const SYSTEM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

async function playwrightOwn() {
  try {
    const { chromium } = await import('playwright-core');
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

function isRootOnDebian() {
  return process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
}

function aptInstall() {
  console.log('Installing Debian packages for the browser tests: chromium fonts-noto-cjk …');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
  const result = spawnSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'chromium', 'fonts-noto-cjk'], {
    stdio: 'inherit',
    env,
  });
  return result.status === 0;
}

function hasCjkFont() {
  try {
    return execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).trim().length > 0;
  } catch {
    return false;
  }
}

export async function findBrowser() {
  if (process.env.RELINK_CHROMIUM && existsSync(process.env.RELINK_CHROMIUM)) return process.env.RELINK_CHROMIUM;
  const own = await playwrightOwn();
  if (own) return own;
  let system = SYSTEM_CANDIDATES.find((p) => existsSync(p));
  if ((!system || !hasCjkFont()) && isRootOnDebian()) {
    aptInstall();
    system = SYSTEM_CANDIDATES.find((p) => existsSync(p));
  }
  if (system) return system;
  throw new Error(
    'No Chromium for the end-to-end tests. Install one: on Debian/Ubuntu `sudo apt-get install chromium fonts-noto-cjk`, ' +
      'elsewhere `npx playwright install chromium`, or set RELINK_CHROMIUM=/path/to/chrome.',
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await findBrowser());
}
