// The same first steps in the real Electron window, for machines that have the Electron binary.
// Here (no binary can be downloaded) the suite skips and says why.
import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findElectronBinary, hasDisplay } from '../../electron/cli/electron-launch';

const check = findElectronBinary();

test.describe('Electron window', () => {
  test.skip(!check.ok || !hasDisplay(), `Electron cannot start here: ${check.ok ? 'no display' : check.reason}`);

  test('opens sandboxed on app://, without Node in the page, and creates a case', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'relink-electron-'));
    const app = await electron.launch({
      executablePath: check.ok ? check.binary : undefined,
      args: [resolve('dist/electron/main.cjs'), '--data-dir', dataDir, '--lang', 'en'],
    });
    try {
      const page = await app.firstWindow();
      await expect(page.getByRole('heading', { level: 1, name: 'Cases' })).toBeVisible();
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
      // Served from our own app:// origin, never file://; the preload gives only the file dialog.
      expect(page.url()).toMatch(/^app:\/\/relink\//);
      expect(await page.evaluate(() => Object.keys((globalThis as { relink?: object }).relink ?? {}))).toEqual(['pickFiles']);
      await page.getByLabel('New case name').fill('Test');
      await page.getByRole('button', { name: 'Create case' }).click();
      await expect(page.getByTestId('current-case')).toHaveText('Test');
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
