// End-to-end tests drive the real renderer in Chromium against browser mode (see test/e2e/fixtures.ts).
// The browser: RELINK_CHROMIUM (set by scripts/e2e.mjs), else Debian's /usr/bin/chromium.
import { defineConfig } from '@playwright/test';

const executablePath = process.env.RELINK_CHROMIUM || '/usr/bin/chromium';

export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    headless: true,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath,
      // As on our machines: no sandbox as root, and no background calls home (the network is closed).
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    },
  },
});
