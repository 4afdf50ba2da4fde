// Each test gets its own Relink in browser mode: the built command line, started as a user would
// (`relink start --browser --no-open`), with a temporary data folder, stopped with SIGTERM after.
// Every request the page makes is recorded so tests can assert Relink never leaves 127.0.0.1.
import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface RelinkServer {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  /** Every URL the page requested. */
  requests: string[];
}

const repo = resolve(import.meta.dirname, '..', '..');
export const screenshotDir = join(repo, 'screenshots');
mkdirSync(screenshotDir, { recursive: true });

function startRelink(dataDir: string, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolveStart, reject) => {
    const child = spawn(process.execPath, [join(repo, 'dist', 'cli.js'), 'start', '--browser', '--no-open', '--data-dir', dataDir], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`Relink did not print its URL in 10 s:\n${output}`)), 10_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Relink is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveStart({ child, url: match[1]! });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`Relink exited early (${code}):\n${output}`)));
  });
}

export const test = base.extend<{ relink: RelinkServer; systemLang: string }>({
  systemLang: ['zh_CN.UTF-8', { option: true }],
  relink: async ({ page, systemLang }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'relink-e2e-'));
    const { child, url } = await startRelink(dataDir, { LANG: systemLang, LC_ALL: systemLang });
    const parsed = new URL(url);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await use({ url, origin: parsed.origin, token: parsed.searchParams.get('token')!, dataDir, requests });
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    child.kill('SIGTERM');
    expect(await exited, 'Relink stops cleanly on SIGTERM').toBe(0);
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect };

/** Relink is offline: the page may only ever talk to its own host (or inline data). */
export function expectOnlyLocalRequests(server: RelinkServer): void {
  const foreign = server.requests.filter(
    (u) => !u.startsWith(`${server.origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:'),
  );
  expect(foreign, 'requests outside 127.0.0.1').toEqual([]);
  expect(server.requests.length).toBeGreaterThan(0);
}

/** Accessibility: no serious or critical axe violations on the screen as shown. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${screen}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    'serious/critical accessibility violations',
  ).toEqual([]);
}

/** Writes a fixture file into the test's own output folder and returns its path. */
export function fixtureFile(outputDir: string, name: string, content: string | Uint8Array): string {
  mkdirSync(outputDir, { recursive: true });
  const path = join(outputDir, name);
  writeFileSync(path, content);
  return path;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/** The UI words the shared steps below click through, in the language under test. */
export interface CaseWords {
  newCase: string;
  create: string;
  importBtn: string;
  runImport: string;
}

/** Creates a case from the Cases screen and imports contact files through the import panel. */
export async function createCaseWithContacts(page: Page, w: CaseWords, caseName: string, files: string[]): Promise<void> {
  await page.getByLabel(w.newCase).fill(caseName);
  await page.getByRole('button', { name: w.create }).click();
  await page.getByTestId('contacts-empty').getByRole('button', { name: w.importBtn }).click();
  await page.getByTestId('contacts-file-picker').locator('input[type=file]').first().setInputFiles(files);
  await page.getByRole('button', { name: w.runImport, exact: true }).click();
  await expect(page.getByTestId('import-result')).toBeVisible();
}
