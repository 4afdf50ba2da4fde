import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { corpusPath, hasCorpus } from '../../corpus';
import {
  addPictureFromChat,
  closePhotoArchive,
  exportPhotos,
  importPhotos,
  listPhotos,
  photoMonths,
  thumbnailPath,
  verifyPhotos,
} from '../../../electron/photos/index';
import { photosCommand } from '../../../electron/photos/cli';
import { blobPath, contentStoreDir } from '../../../electron/platform/content-store';
import type { PhotoImportProgress } from '../../../shared/types';
import { makeJpeg, makePng, makeVDat, md5, put, sha256, storedZip, xorDat } from './fixtures';

let root: string;
let caseDir: string;
let src: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'relink-photos-'));
  caseDir = join(root, 'case');
  src = join(root, 'src');
  mkdirSync(caseDir);
  mkdirSync(src);
});
afterEach(() => {
  closePhotoArchive(caseDir);
  rmSync(root, { recursive: true, force: true });
});

const CHAT = md5('wxid_friend');
const pc3 = (...p: string[]) => join(src, 'WeChat Files', 'wxid_me', 'FileStorage', 'MsgAttach', CHAT, ...p);
const pc4 = (...p: string[]) => join(src, 'xwechat_files', 'wxid_me_a1b2', 'msg', 'attach', 'c'.repeat(32), ...p);

describe('importPhotos', () => {
  it('imports camera roll, backups, zips and WeChat caches; stores each picture once with every origin', async () => {
    const beach = await makeJpeg(1, '2019:09:06 12:34:56');
    put(join(src, 'DCIM', 'Camera', 'IMG_20190906_123456.jpg'), beach);
    put(join(src, 'backup-2020', 'copy of beach.jpg'), beach);
    put(join(src, 'backup-2020', 'nested', 'beach.JPG'), beach);
    put(join(src, 'old.zip'), storedZip([
      { name: 'phone/beach.jpg', data: beach },
      { name: 'phone/again/beach-2.jpg', data: beach },
      { name: 'notes.txt', data: Buffer.from('hello') },
    ]));
    // WeChat PC 3.x: full picture XORed, a preview whose picture never arrived, a month folder.
    const chatPic = await makeJpeg(2);
    put(pc3('Image', '2020-01', `${md5('p2')}.dat`), xorDat(chatPic, 0x5a));
    const lonelyThumb = await makeJpeg(3, undefined, 16);
    put(pc3('Thumb', '2020-01', `${md5('p3')}_t.dat`), xorDat(lonelyThumb, 0x5a));
    // WeChat 4: V1 decoded, V2 needs a key, garbage cannot be decoded.
    const v1pic = await makeJpeg(4, '2023:05:06 07:08:09', 64);
    put(pc4('2023-05', 'Img', `${md5('p4')}.dat`), makeVDat(v1pic, { aesLen: 1024, xorLen: 200, xorKey: 0x37 }));
    put(pc4('2023-05', 'Img', `${md5('p5')}.dat`), makeVDat(await makeJpeg(5), { aesLen: 1024, xorLen: 100, xorKey: 0x37, version: 2, aesKey: '0123456789abcdef' }));
    put(pc4('2023-05', 'Img', `${md5('p6')}.dat`), Buffer.from('this is not a picture at all, in any XOR'));
    // Google Takeout with a sidecar; a PNG named after mmexport; a document; a fake HEIC.
    const takeoutPic = await makeJpeg(7);
    put(join(src, 'Takeout', 'Google Photos', 'Trip', 'sea.jpg'), takeoutPic);
    put(join(src, 'Takeout', 'Google Photos', 'Trip', 'sea.jpg.supplemental-metadata.json'), JSON.stringify({ title: 'sea.jpg', photoTakenTime: { timestamp: '1500000000' } }));
    put(join(src, 'backup-2020', 'mmexport1570000000000.png'), await makePng(8));
    put(join(src, 'backup-2020', 'readme.docx'), Buffer.from('PK\x03\x04 not really'));
    put(join(src, 'backup-2020', 'live.heic'), Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.alloc(200, 1)]));

    const progress: PhotoImportProgress[] = [];
    const summary = await importPhotos(caseDir, [src], { onProgress: (p) => progress.push(p) });

    expect(summary.unreadable).toEqual([]);
    // beach, chatPic, lonelyThumb, v1pic, takeoutPic, png, heic
    expect(summary.new).toBe(7);
    expect(summary.duplicates).toBe(4);
    expect(summary.decoded).toBe(3);
    expect(summary.needsKey.count).toBe(1);
    expect(summary.needsKey.paths[0]).toContain(`${md5('p5')}.dat`);
    expect(summary.couldNotDecode.map((p) => p.path)).toEqual([pc4('2023-05', 'Img', `${md5('p6')}.dat`)]);
    expect(summary.skipped).toBe(2); // notes.txt, readme.docx
    expect(summary.sidecars).toBe(1);
    expect(summary.thumbnails.failed).toBe(1); // the fake HEIC: no thumbnail, no crash
    expect(summary.thumbnails.made).toBe(6);
    expect(progress.at(-1)).toMatchObject({ phase: 'done', filesScanned: 16, filesTotal: 16, newPictures: 7, duplicates: 4 });

    const { total, photos } = await listPhotos(caseDir, { limit: 100 });
    expect(total).toBe(7);
    const bySha = new Map(photos.map((p) => [p.sha256, p]));
    const b = bySha.get(sha256(beach))!;
    expect(b.origins).toHaveLength(5);
    expect(b.origins.map((o) => o.kind).sort()).toEqual(['backup', 'backup', 'backup', 'backup', 'camera']);
    expect(b.origins.some((o) => o.path === `${join(src, 'old.zip')}!/phone/again/beach-2.jpg`)).toBe(true);
    expect(b).toMatchObject({ date: '2019-09-06T12:34:56', dateSource: 'exif', type: 'jpeg', mime: 'image/jpeg', width: 48, height: 48 });
    expect(readFileSync(blobPath(caseDir, b.sha256)!).equals(beach)).toBe(true);

    const c = bySha.get(sha256(chatPic))!;
    expect(c).toMatchObject({ dateSource: 'folder', date: '2020-01-01T00:00:00', thumbnailOnly: false });
    expect(c.origins[0]).toMatchObject({ kind: 'wechat', chat: CHAT, name: `${md5('p2')}.dat` });
    expect(bySha.get(sha256(lonelyThumb))!.thumbnailOnly).toBe(true);
    expect(bySha.get(sha256(v1pic))).toMatchObject({ dateSource: 'exif', date: '2023-05-06T07:08:09' });
    expect(bySha.get(sha256(v1pic))!.origins[0]!.chat).toBe('c'.repeat(32));
    expect(bySha.get(sha256(takeoutPic))).toMatchObject({ dateSource: 'sidecar', date: new Date(1500000000000).toISOString() });
    expect(photos.find((p) => p.type === 'png')).toMatchObject({ dateSource: 'filename', date: new Date(1570000000000).toISOString() });
    expect(photos.find((p) => p.type === 'heic')!.dateSource).toBe('mtime');

    expect((await listPhotos(caseDir, { duplicatesOnly: true })).photos.map((p) => p.sha256)).toEqual([b.sha256]);
    expect((await listPhotos(caseDir, { origin: 'wechat' })).total).toBe(3);
    expect((await listPhotos(caseDir, { origin: 'camera' })).total).toBe(1);
    const page = await listPhotos(caseDir, { offset: 2, limit: 2 });
    expect(page.photos.map((p) => p.sha256)).toEqual(photos.slice(2, 4).map((p) => p.sha256));
    expect(await photoMonths(caseDir)).toContainEqual({ month: '2019-09', count: 1 });

    const thumb = await thumbnailPath(caseDir, b.sha256);
    expect(thumb && existsSync(thumb)).toBe(true);
    expect(await thumbnailPath(caseDir, photos.find((p) => p.type === 'heic')!.sha256)).toBeUndefined();

    // A second run reads nothing again.
    const again = await importPhotos(caseDir, [src]);
    expect(again).toMatchObject({ new: 0, duplicates: 0, unchanged: 11, skipped: 2, bytesRead: 0 });
    expect(again.needsKey.count).toBe(1);
    expect(again.couldNotDecode).toHaveLength(1);
  });

  it('replaces a WeChat preview by the full picture when it turns up later, and ignores previews of known pictures', async () => {
    const full = await makeJpeg(10, undefined, 96);
    const preview = await makeJpeg(10, undefined, 24);
    put(pc3('Thumb', '2021-02', `${md5('x')}_t.dat`), xorDat(preview, 0x21));
    await importPhotos(caseDir, [src], { thumbnails: false });
    let list = await listPhotos(caseDir);
    expect(list.photos).toHaveLength(1);
    expect(list.photos[0]).toMatchObject({ sha256: sha256(preview), thumbnailOnly: true });

    const later = join(root, 'later');
    put(join(later, 'WeChat Files', 'wxid_me', 'FileStorage', 'MsgAttach', CHAT, 'Image', '2021-02', `${md5('x')}.dat`), xorDat(full, 0x21));
    put(join(later, 'WeChat Files', 'wxid_me', 'FileStorage', 'MsgAttach', CHAT, 'Thumb', '2021-02', `${md5('x')}_t.dat`), xorDat(preview, 0x21));
    const s = await importPhotos(caseDir, [later], { thumbnails: false });
    list = await listPhotos(caseDir);
    expect(list.photos).toHaveLength(1);
    expect(list.photos[0]).toMatchObject({ sha256: sha256(full), thumbnailOnly: false });
    expect(s.new).toBe(1);
  });

  it('streams zip entries into the store only: "../" and absolute names write nothing outside', async () => {
    const pic = await makeJpeg(20);
    const other = await makeJpeg(21);
    put(join(src, 'evil.zip'), storedZip([
      { name: '../../escaped.jpg', data: pic },
      { name: '/abs/escaped2.jpg', data: other },
      { name: 'C:\\Windows\\escaped3.jpg', data: Buffer.from('text') },
    ]));
    const before = readdirSync(root).sort();
    const s = await importPhotos(caseDir, [join(src, 'evil.zip')], { thumbnails: false });
    expect(s.new).toBe(2);
    expect(s.skipped).toBe(1);
    expect(readdirSync(root).sort()).toEqual(before);
    expect(existsSync(join(root, 'escaped.jpg'))).toBe(false);
    expect(existsSync('/abs/escaped2.jpg')).toBe(false);
    const { photos } = await listPhotos(caseDir);
    expect(photos.flatMap((p) => p.origins.map((o) => o.name)).sort()).toEqual(['escaped.jpg', 'escaped2.jpg']);
  });

  it('survives truncated pictures, broken zips, symlink loops and unreadable folders', async () => {
    const pic = await makeJpeg(30, undefined, 128);
    put(join(src, 'a', 'truncated.jpg'), pic.subarray(0, Math.floor(pic.length / 2)));
    put(join(src, 'a', 'broken.zip'), Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100, 7)]));
    put(join(src, 'a', 'empty.jpg'), Buffer.alloc(0));
    symlinkSync(join(src, 'a'), join(src, 'a', 'loop'));
    symlinkSync(join(src, 'nowhere'), join(src, 'a', 'dangling'));
    const s = await importPhotos(caseDir, [src, join(root, 'does-not-exist')]);
    expect(s.new).toBe(1); // the truncated JPEG is kept: it is what survives
    expect(s.skipped).toBe(1);
    const unreadable = s.unreadable.map((u) => u.path);
    expect(unreadable).toContain(join(src, 'a', 'broken.zip'));
    expect(unreadable).toContain(join(src, 'a', 'dangling'));
    expect(unreadable).toContain(join(root, 'does-not-exist'));
    expect(s.unreadable.find((u) => u.path.endsWith('broken.zip'))!.message).toMatch(/zip/);
  });

  it('resumes after a cancel without reading finished files again', async () => {
    for (let i = 0; i < 12; i++) put(join(src, `IMG_2020010${i % 9 + 1}_12000${i % 10}.jpg`.replace('.jpg', `_${i}.jpg`)), await makeJpeg(100 + i));
    const ctl = new AbortController();
    const first = await importPhotos(caseDir, [src], {
      signal: ctl.signal,
      concurrency: 1,
      thumbnails: false,
      progressIntervalMs: 0,
      onProgress: (p) => {
        if (p.newPictures >= 4) ctl.abort();
      },
    });
    expect(first.cancelled).toBe(true);
    expect(first.new).toBeGreaterThanOrEqual(4);
    expect(first.new).toBeLessThan(12);
    expect(readdirSync(join(contentStoreDir(caseDir), '.tmp'))).toEqual([]);
    const second = await importPhotos(caseDir, [src], { thumbnails: false });
    expect(second.cancelled).toBe(false);
    expect(second.unchanged).toBe(first.new);
    expect(second.new).toBe(12 - first.new);
    expect((await listPhotos(caseDir)).total).toBe(12);
  });

  it.skipIf(!hasCorpus)('imports the real WeChat .dat from the corpus as the known JPEG', async () => {
    const s = await importPhotos(caseDir, [corpusPath('photos/wechat-dat')], { thumbnails: false });
    expect(s).toMatchObject({ new: 1, decoded: 1 });
    const { photos } = await listPhotos(caseDir);
    expect(md5(readFileSync(blobPath(caseDir, photos[0]!.sha256)!))).toBe('97bb01a44a282860ad7466ff329f438b');
  });
});

describe('verify, export, chat pictures, command line', () => {
  it('verify reports damaged and missing pictures; the CLI exits 1', async () => {
    const a = await makeJpeg(40);
    const b = await makeJpeg(41);
    put(join(src, 'a.jpg'), a);
    put(join(src, 'b.jpg'), b);
    await importPhotos(caseDir, [src], { thumbnails: false });
    expect(await verifyPhotos(caseDir)).toEqual({ checked: 2, damaged: [] });
    const io = { out: (_: string) => {}, err: (_: string) => {} };
    expect(await photosCommand(['verify', '--case', caseDir], io)).toBe(0);
    const pa = blobPath(caseDir, sha256(a))!;
    const bytes = readFileSync(pa);
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0xff;
    writeFileSync(pa, bytes);
    rmSync(blobPath(caseDir, sha256(b))!);
    const r = await verifyPhotos(caseDir);
    expect(r.checked).toBe(2);
    expect(r.damaged.map((d) => [d.sha256, d.problem.split(':')[0]]).sort()).toEqual(
      [
        [sha256(a), 'damaged'],
        [sha256(b), 'missing'],
      ].sort(),
    );
    expect(await photosCommand(['verify', '--case', caseDir], io)).toBe(1);
  });

  it('exports under original names and mtimes, giving .dat pictures their real extension', async () => {
    const a = await makeJpeg(50);
    const mtime = new Date('2019-01-02T03:04:05Z');
    put(join(src, 'holiday.jpg'), a, mtime);
    put(pc3('Image', '2019-01', `${md5('e')}.dat`), xorDat(await makePng(9), 0x77));
    await importPhotos(caseDir, [src], { thumbnails: false });
    const { photos } = await listPhotos(caseDir);
    const dest = join(root, 'out');
    put(join(dest, 'holiday.jpg'), 'already here');
    expect(await exportPhotos(caseDir, photos.map((p) => p.sha256), dest)).toEqual({ written: 2 });
    const names = readdirSync(dest).sort();
    expect(names).toEqual([`${md5('e')}.png`, 'holiday (2).jpg', 'holiday.jpg'].sort());
    expect(readFileSync(join(dest, 'holiday (2).jpg')).equals(a)).toBe(true);
    expect(statSync(join(dest, 'holiday (2).jpg')).mtime.toISOString()).toBe(mtime.toISOString());
  });

  it('addPictureFromChat stores a chat picture (decoding .dat) with its chat origin', async () => {
    const pic = await makeJpeg(60);
    const f = join(src, 'media', 'abc.dat');
    put(f, xorDat(pic, 0x11));
    const r = await addPictureFromChat(caseDir, f, { chat: 'wxid_friend', path: 'chats/wxid_friend/abc.dat' });
    expect(r).toEqual({ sha256: sha256(pic) });
    const { photos } = await listPhotos(caseDir, { origin: 'chat' });
    expect(photos[0]!.origins[0]).toMatchObject({ kind: 'chat', chat: 'wxid_friend', path: 'chats/wxid_friend/abc.dat' });
    put(join(src, 'media', 'note.txt'), 'hi');
    expect(await addPictureFromChat(caseDir, join(src, 'media', 'note.txt'), { chat: 'x', path: 'note.txt' })).toBeNull();
    expect(await addPictureFromChat(caseDir, join(src, 'missing.jpg'), { chat: 'x', path: 'm' })).toBeNull();
  });

  it('a WeChat 4 V2 picture: named as needing a key without one, as not decoding with another key, stored with the right one', async () => {
    const KEY = 'a1b2c3d4e5f6a7b8';
    const pic = await makeJpeg(71, '2023:06:07 08:09:10');
    const file = pc4('2023-06', 'Img', `${md5('v2')}.dat`);
    put(file, makeVDat(pic, { aesLen: 1024, xorLen: 64, xorKey: 0x2b, version: 2, aesKey: KEY }));

    const without = await importPhotos(caseDir, [src], { thumbnails: false });
    expect(without.needsKey).toEqual({ count: 1, paths: [file] });
    expect(without.new).toBe(0);
    const otherKey = await importPhotos(caseDir, [src], { thumbnails: false, wechatImageKey: 'zzzzzzzzzzzzzzzz' });
    expect(otherKey.needsKey.count).toBe(0);
    expect(otherKey.couldNotDecode).toEqual([{ path: file, message: expect.stringMatching(/V2 .*key given/) }]);
    // The right key, written as 32 hex digits: the file is read again (not "imported before").
    const withKey = await importPhotos(caseDir, [src], { thumbnails: false, wechatImageKey: Buffer.from(KEY, 'ascii').toString('hex') });
    expect(withKey).toMatchObject({ new: 1, decoded: 1, unchanged: 0, needsKey: { count: 0 }, couldNotDecode: [] });
    expect(readFileSync(blobPath(caseDir, sha256(pic))!).equals(pic)).toBe(true);
    expect((await listPhotos(caseDir)).photos[0]).toMatchObject({ sha256: sha256(pic), date: '2023-06-07T08:09:10' });
    // A key in another shape is refused before anything is read, without being repeated.
    const refused = importPhotos(join(root, 'case2'), [src], { wechatImageKey: 'short-secret' });
    await expect(refused).rejects.toThrow(/16 characters or 32 hex digits/);
    await expect(refused).rejects.not.toThrow(/short-secret/);
  });

  it('CLI import takes --wechat-image-key (never printed) and names the files that need a key without it', async () => {
    const KEY = 'a1b2c3d4e5f6a7b8';
    const pic = await makeJpeg(72);
    const file = pc4('2023-06', 'Img', `${md5('v2-cli')}.dat`);
    put(file, makeVDat(pic, { aesLen: 1024, xorLen: 64, xorKey: 0x2b, version: 2, aesKey: KEY }));
    let said = '';
    const io = { out: (l: string) => (said += `${l}\n`), err: (l: string) => (said += `ERR ${l}\n`) };
    expect(await photosCommand(['import', '--case', caseDir, src, '--no-thumbnails'], io)).toBe(0);
    expect(said).toContain('needs key (WeChat 4 V2): 1');
    expect(said).toContain(`  ${file}`);
    expect(said).toContain('--wechat-image-key');
    said = '';
    const { runCli } = await import('../../../electron/cli/main');
    expect(await runCli(['photos', 'import', '--case', caseDir, src, '--wechat-image-key', 'short-secret'], io)).toBe(2);
    expect(said).toMatch(/--wechat-image-key/);
    expect(said).not.toContain('short-secret');
    said = '';
    expect(await photosCommand(['import', '--case', caseDir, src, '--no-thumbnails', '--wechat-image-key', KEY], io)).toBe(0);
    expect(said).toContain('new: 1');
    expect(said).toContain('needs key (WeChat 4 V2): 0');
    expect(said).not.toContain(KEY);
    expect(readFileSync(blobPath(caseDir, sha256(pic))!).equals(pic)).toBe(true);
  });

  it('CLI import and list --json', async () => {
    const pic = await makeJpeg(70, '2018:07:08 09:10:11');
    put(join(src, 'DCIM', 'x.jpg'), pic);
    copyFileSync(join(src, 'DCIM', 'x.jpg'), join(src, 'y.jpg'));
    const out: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(`ERR ${s}`) };
    expect(await photosCommand(['import', '--case', caseDir, src, '--json', '--no-thumbnails'], io)).toBe(0);
    expect(JSON.parse(out.join('\n'))).toMatchObject({ new: 1, duplicates: 1 });
    out.length = 0;
    expect(await photosCommand(['list', '--case', caseDir, '--json'], io)).toBe(0);
    const rows = JSON.parse(out.join('\n'));
    expect(rows).toEqual([
      { sha256: sha256(pic), type: 'jpeg', date: '2018-07-08T09:10:11', dateSource: 'exif', origins: [join(src, 'DCIM', 'x.jpg'), join(src, 'y.jpg')] },
    ]);
    out.length = 0;
    const { runCli } = await import('../../../electron/cli/main');
    expect(await runCli(['photos', 'list'], io)).toBe(2);
  });
});
