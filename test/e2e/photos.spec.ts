// Photos: upload a folder with camera JPEGs (EXIF dates in three months), a backup copy of one,
// WeChat PC .dat copies (XOR) under FileStorage/MsgAttach/<chat>/Image/2019-09 and a text file;
// every picture shows once under its month, the viewer lists all places it was found, filters,
// export and the archive check work; only local requests.
import { createHash } from 'node:crypto';
import { crc32, deflateRawSync } from 'node:zlib';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import type { Page } from '@playwright/test';
import { expect, expectAccessible, expectOnlyLocalRequests, screenshot, test } from './fixtures';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const md5 = (s: string) => createHash('md5').update(s).digest('hex');
const CHAT = md5('wxid_friend_chat');

/** A small photo-like JPEG (gradient + a coloured block per seed), with an EXIF capture date. */
async function jpeg(seed: number, exifDate: string): Promise<Buffer> {
  const width = 320;
  const height = 240;
  const px = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const block = x > 60 + seed * 40 && x < 140 + seed * 40 && y > 60 && y < 180;
      px[i] = block ? 230 : (x * 255) / width;
      px[i + 1] = block ? 120 + seed * 30 : (y * 255) / height;
      px[i + 2] = block ? 40 : 160 - seed * 30;
    }
  }
  return sharp(px, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 85 })
    .withExif({ IFD0: { Make: 'Relink e2e' }, IFD2: { DateTimeOriginal: exifDate } })
    .toBuffer();
}

function put(path: string, bytes: Uint8Array | string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
}

const xor = (b: Buffer, key: number) => Buffer.from(b.map((x) => x ^ key));

/** The folder the user uploads, and the hashes of its four distinct pictures. */
async function photoFolder(outputDir: string) {
  const root = join(outputDir, '相册导入');
  const a = await jpeg(0, '2019:09:06 10:11:12');
  const b = await jpeg(1, '2019:08:15 09:30:00');
  const d = await jpeg(2, '2018:01:01 12:00:00');
  const c = await sharp({ create: { width: 200, height: 150, channels: 3, background: { r: 30, g: 140, b: 200 } } }).png().toBuffer();
  put(join(root, 'DCIM', 'Camera', 'IMG_20190906_101112.jpg'), a);
  put(join(root, 'DCIM', 'Camera', 'IMG_20190815_093000.jpg'), b);
  put(join(root, 'DCIM', 'Camera', 'IMG_20180101_120000.jpg'), d);
  put(join(root, 'Backup', 'IMG_20190906_101112 copy.jpg'), a);
  const image = join(root, 'FileStorage', 'MsgAttach', CHAT, 'Image', '2019-09');
  put(join(image, `${md5('a')}.dat`), xor(a, 0x5a));
  put(join(image, `${md5('c')}.dat`), xor(c, 0x5a));
  put(join(root, 'notes.txt'), 'not a picture');
  return { root, a: sha256(a), b: sha256(b), c: sha256(c), d: sha256(d) };
}

async function createCaseAndOpenPhotos(page: Page, url: string, lang: 'zh-CN' | 'en') {
  await page.goto(url);
  await page.getByLabel(lang === 'zh-CN' ? '新案例名称' : 'New case name').fill(lang === 'zh-CN' ? '张三' : 'Sam');
  await page.getByRole('button', { name: lang === 'zh-CN' ? '创建案例' : 'Create case' }).click();
  // Creating a case opens its contacts; then go to photos.
  await expect(page.getByTestId('contacts-empty')).toBeVisible();
  await page.getByRole('link', { name: lang === 'zh-CN' ? '照片' : 'Photos' }).click();
  await expect(page.getByTestId('photos-empty')).toBeVisible();
}

async function uploadFolder(page: Page, root: string) {
  // The second input is the folder input (webkitdirectory): names keep "相册导入/…".
  await page.getByTestId('photos-file-picker').locator('input[type=file]').nth(1).setInputFiles(root);
}

test('import a folder, see each picture once by month, its origins, filters, export and check', async ({ page, relink }, testInfo) => {
  const folder = await photoFolder(testInfo.outputDir);
  await createCaseAndOpenPhotos(page, relink.url, 'zh-CN');
  await expect(page.getByTestId('photos-empty')).toContainText('FileStorage');
  await expectAccessible(page, 'photos empty');
  await screenshot(page, 'zh-CN-photos-empty');

  await page.getByTestId('photos-empty').getByRole('button', { name: '导入照片' }).click();
  await uploadFolder(page, folder.root);
  await expect(page.getByTestId('photo-sources')).toContainText('相册导入（7 个文件）');
  await expectAccessible(page, 'photos import chosen');
  await screenshot(page, 'zh-CN-photos-import-chosen');

  await page.getByRole('button', { name: '开始导入' }).click();
  const summary = page.getByTestId('photo-import-summary');
  await expect(summary).toBeVisible({ timeout: 30_000 });
  await expect(summary.getByTestId('summary-new')).toHaveText('4');
  await expect(summary.getByTestId('summary-duplicates')).toHaveText('2');
  await expect(summary.getByTestId('summary-decoded')).toHaveText('2');
  await expect(summary.getByTestId('summary-skipped')).toHaveText('1');
  await expect(summary.getByTestId('summary-couldNotDecode')).toHaveText('0');
  await expect(summary.getByTestId('summary-needsKey')).toHaveText('0');
  await expectAccessible(page, 'photos import summary');
  await screenshot(page, 'zh-CN-photos-import-summary');

  await page.getByRole('button', { name: /返回相册/ }).click();
  await expect(page.getByTestId('photo-count')).toHaveText('共 4 张');
  const months = page.getByTestId('photo-month');
  await expect(months).toHaveCount(3);
  await expect(months.nth(0)).toContainText('2019年9月');
  await expect(months.nth(0)).toContainText('2 张');
  await expect(months.nth(1)).toContainText('2019年8月');
  await expect(months.nth(2)).toContainText('2018年1月');
  const tiles = page.getByTestId('photo-tile');
  await expect(tiles).toHaveCount(4);
  const shas = await tiles.evaluateAll((els) => els.map((e) => e.getAttribute('data-sha')));
  expect(new Set(shas)).toEqual(new Set([folder.a, folder.b, folder.c, folder.d]));
  // September holds the camera picture and the WeChat-only picture dated by its Image/2019-09 folder.
  const septemberTop = await months.nth(0).boundingBox();
  const augustTop = await months.nth(1).boundingBox();
  for (const sha of [folder.a, folder.c]) {
    const box = await page.locator(`[data-sha="${sha}"]`).boundingBox();
    expect(box!.y).toBeGreaterThan(septemberTop!.y);
    expect(box!.y).toBeLessThan(augustTop!.y);
  }
  // Thumbnails really load (WebP from the local route).
  await expect
    .poll(() => page.locator('[data-testid="photo-tile"] img').evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth > 0).length))
    .toBe(4);
  await expectAccessible(page, 'photos gallery');
  await screenshot(page, 'zh-CN-photos-gallery');

  // The viewer: the full picture and all three places it was found, the chat folder among them.
  await page.locator(`[data-sha="${folder.a}"]`).getByRole('button').click();
  const viewer = page.getByTestId('photo-viewer');
  await expect(viewer).toBeVisible();
  const origins = viewer.getByTestId('photo-origins').locator('li');
  await expect(origins).toHaveCount(3);
  await expect(viewer).toContainText(`相册导入/FileStorage/MsgAttach/${CHAT}/Image/2019-09/${md5('a')}.dat`);
  await expect(viewer).toContainText('相册导入/DCIM/Camera/IMG_20190906_101112.jpg');
  await expect(viewer).toContainText('相册导入/Backup/IMG_20190906_101112 copy.jpg');
  await expect(viewer).toContainText(`微信聊天文件夹 ${CHAT}`);
  await expect(viewer).toContainText('照片自带的拍摄信息（EXIF）');
  await expect(viewer.getByTestId('photo-date')).toContainText('2019');
  await expect.poll(() => viewer.locator('img').evaluate((i) => (i as HTMLImageElement).naturalWidth)).toBe(320);
  await expect(page.getByRole('link', { name: '下载原图' })).toHaveAttribute('download', /\.jpg$/);
  await expectAccessible(page, 'photo viewer');
  await screenshot(page, 'zh-CN-photos-viewer');
  await page.getByRole('button', { name: '关闭' }).click();
  await expect(viewer).toBeHidden();

  // Filters: WeChat chats, then only pictures found more than once.
  await page.getByTestId('photo-origin-filter').selectOption('wechat');
  await expect(page.getByTestId('photo-count')).toHaveText('共 2 张');
  await page.getByTestId('photo-origin-filter').selectOption('');
  await page.getByLabel('只看有多个副本的').check();
  await expect(page.getByTestId('photo-count')).toHaveText('共 1 张');
  await expect(page.getByTestId('photo-tile')).toHaveCount(1);
  await page.getByLabel('只看有多个副本的').uncheck();
  await expect(page.getByTestId('photo-tile')).toHaveCount(4);

  // Export two selected pictures: browser mode writes into the data folder and says where.
  await page.locator(`[data-sha="${folder.b}"]`).getByRole('checkbox').check();
  await page.locator(`[data-sha="${folder.c}"]`).getByRole('checkbox').check();
  await expect(page.getByText('已选 2 张')).toBeVisible();
  await screenshot(page, 'zh-CN-photos-selected');
  await page.getByRole('button', { name: '导出选中的照片' }).click();
  const exported = page.getByTestId('photo-export-result');
  await expect(exported).toContainText('已导出 2 张照片到');
  const folderShown = (await exported.locator('code').textContent())!;
  expect(folderShown.startsWith(join(relink.dataDir, 'exports'))).toBe(true);
  expect(existsSync(folderShown)).toBe(true);
  expect(readdirSync(folderShown).sort()).toEqual([`${md5('c')}.png`, 'IMG_20190815_093000.jpg'].sort());

  // The archive check re-hashes every stored picture.
  await page.getByRole('button', { name: '检查照片是否完好' }).click();
  await expect(page.getByTestId('photo-verify-result')).toContainText('检查了 4 张照片，全部完好。');

  expectOnlyLocalRequests(relink);
});

test.describe('in English', () => {
  test.use({ systemLang: 'en_US.UTF-8' });
  test('import summary, gallery and viewer', async ({ page, relink }, testInfo) => {
    const folder = await photoFolder(testInfo.outputDir);
    await createCaseAndOpenPhotos(page, relink.url, 'en');
    await screenshot(page, 'en-photos-empty');
    await page.getByTestId('photos-empty').getByRole('button', { name: 'Import photos' }).click();
    await uploadFolder(page, folder.root);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(page.getByTestId('photo-import-summary').getByTestId('summary-new')).toHaveText('4', { timeout: 30_000 });
    await screenshot(page, 'en-photos-import-summary');
    await page.getByRole('button', { name: /Back to photos/ }).click();
    await expect(page.getByTestId('photo-month').first()).toContainText('September 2019');
    await expect(page.getByTestId('photo-tile')).toHaveCount(4);
    await expectAccessible(page, 'photos gallery (en)');
    await screenshot(page, 'en-photos-gallery');
    await page.locator(`[data-sha="${folder.c}"]`).getByRole('button').click();
    await expect(page.getByTestId('photo-viewer')).toContainText('the month of its folder');
    await expect(page.getByTestId('photo-viewer')).toContainText(`WeChat chat folder ${CHAT}`);
    await screenshot(page, 'en-photos-viewer');
    expectOnlyLocalRequests(relink);
  });
});

test.describe('large archive', () => {
  test.use({ systemLang: 'en_US.UTF-8' });
  test('100 000 pictures: only the rows on screen exist, and the last month is reachable', async ({ page, relink }) => {
  // The archive's answers are simulated (a real 100k import is a benchmark, not a UI test): the
  // timeline asks for months, then only for the pages it scrolls to.
  const months = Array.from({ length: 100 }, (_, i) => {
    const year = 2024 - Math.floor(i / 12);
    const month = 12 - (i % 12);
    return { month: `${year}-${String(month).padStart(2, '0')}`, count: 1000 };
  });
  const listed: number[] = [];
  await page.route(/\/api\/call\/photos\.(months|list)$/, async (route) => {
    const args = route.request().postDataJSON() as { offset?: number; limit?: number };
    if (route.request().url().endsWith('photos.months')) return route.fulfill({ json: { result: months } });
    const offset = args.offset ?? 0;
    listed.push(offset);
    const photos = Array.from({ length: Math.min(args.limit ?? 500, 100_000 - offset) }, (_, i) => {
      const n = offset + i;
      const m = months[Math.floor(n / 1000)]!.month;
      return {
        sha256: n.toString(16).padStart(64, '0'),
        type: 'jpeg',
        mime: 'image/jpeg',
        size: 1000,
        date: `${m}-01T12:00:00`,
        dateSource: 'exif',
        origins: [{ path: `DCIM/${n}.jpg`, kind: 'camera', name: `${n}.jpg`, mtime: '2020-01-01T00:00:00Z' }],
        thumbnailOnly: false,
      };
    });
    return route.fulfill({ json: { result: { total: 100_000, photos } } });
  });
  await page.goto(relink.url);
  await page.getByLabel('New case name').fill('Big');
  await page.getByRole('button', { name: 'Create case' }).click();
  await expect(page.getByTestId('contacts-empty')).toBeVisible();
  await page.getByRole('link', { name: 'Photos' }).click();
  await expect(page.getByTestId('photo-count')).toHaveText('Photos: 100,000');
  const tiles = page.getByTestId('photo-tile');
  await expect(tiles.first()).toBeVisible();
  expect(await tiles.count()).toBeLessThan(200);
  const timeline = page.getByTestId('photo-timeline');
  await timeline.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(page.locator(`[data-sha="${(99_999).toString(16).padStart(64, '0')}"]`)).toBeVisible();
  expect(await tiles.count()).toBeLessThan(200);
  // Pages were fetched for the top and the bottom only, not the 100 000 in between.
  expect(listed.length).toBeLessThan(10);
  await screenshot(page, 'en-photos-100k-bottom');
});
});

/** A zip of `count` distinct 4 MB "pictures" of zeros: about 100 KB that would expand to `count` × 4 MB. */
function manyEntryBomb(count: number): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (let i = 0; i < count; i++) {
    const data = Buffer.alloc(4 << 20);
    data.set([0xff, 0xd8, 0xff, 0xe0, i + 1]);
    const body = deflateRawSync(data);
    const name = Buffer.from(`IMG_${i}.jpg`);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

for (const lang of ['zh-CN', 'en'] as const) {
  test.describe(`zips that are refused (${lang})`, () => {
    test.use({ systemLang: lang === 'zh-CN' ? 'zh_CN.UTF-8' : 'en_US.UTF-8' });
    test('a zip bomb and a .zip that is no zip are named, each with why', async ({ page, relink }, testInfo) => {
      const root = join(testInfo.outputDir, lang === 'zh-CN' ? '手机备份' : 'phone backup');
      put(join(root, 'IMG_20190906_101112.jpg'), await jpeg(0, '2019:09:06 10:11:12'));
      put(join(root, 'takeout.zip'), manyEntryBomb(20));
      put(join(root, 'holiday.zip'), 'this is not a zip, just text renamed .zip');
      await createCaseAndOpenPhotos(page, relink.url, lang);
      await page.getByTestId('photos-empty').getByRole('button', { name: lang === 'zh-CN' ? '导入照片' : 'Import photos' }).click();
      await uploadFolder(page, root);
      await page.getByRole('button', { name: lang === 'zh-CN' ? '开始导入' : 'Import', exact: true }).click();
      const summary = page.getByTestId('photo-import-summary');
      await expect(summary.getByTestId('summary-new')).toHaveText('1', { timeout: 30_000 });
      await expect(summary.getByTestId('summary-skipped')).toHaveText('0');
      await expect(summary.getByTestId('summary-unreadable')).toHaveText('2');
      await summary.locator('details.photo-problems').last().locator('summary').click();
      const problems = summary.locator('details.photo-problems').last().locator('li');
      await expect(problems).toHaveCount(2);
      if (lang === 'zh-CN') {
        await expect(problems.filter({ hasText: 'holiday.zip' })).toContainText('不是能读取的压缩包');
        await expect(problems.filter({ hasText: 'takeout.zip' })).toContainText('像是恶意的“压缩炸弹”，已拒绝');
      } else {
        await expect(problems.filter({ hasText: 'holiday.zip' })).toContainText('Not a readable zip');
        await expect(problems.filter({ hasText: 'takeout.zip' })).toContainText('refused as a zip bomb');
      }
      await expectAccessible(page, `photos refused zips (${lang})`);
      await screenshot(page, `${lang}-photos-refused-zips`);
      expectOnlyLocalRequests(relink);
    });
  });
}
