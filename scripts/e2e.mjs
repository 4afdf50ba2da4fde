// Runs the Playwright suites in Chromium against browser mode (the app must be built first).
import { spawnSync } from 'node:child_process';
import { findBrowser } from './find-browser.mjs';

const browser = await findBrowser();
console.log(`e2e browser: ${browser}`);
const result = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, RELINK_CHROMIUM: browser },
});
process.exit(result.status ?? 1);
