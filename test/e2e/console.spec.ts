// The page loads without errors in the browser console (a Content-Security-Policy violation among them).
import { expect, test } from './fixtures';

test('no console errors on load and across the screens', async ({ page, relink }) => {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${m.text()} @ ${JSON.stringify(m.location())}`);
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(relink.url);
  await expect(page.getByRole('navigation')).toBeVisible();
  for (const screen of ['contacts', 'readd', 'photos', 'messages', 'settings', 'cases']) {
    await page.goto(`${relink.origin}/#/${screen}`);
    await page.waitForLoadState('networkidle');
  }
  expect(errors).toEqual([]);
});
