// The photo API as the renderer sees it: calls through Backend (validation + handlers) and the
// browser-mode picture routes through the real HTTP host.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../electron/api/backend';
import { uploadSegments as safeSegments } from '../../../electron/api/upload-staging';
import { startBrowserHost, type BrowserHost } from '../../../electron/host/browser-host';
import { photoFilePath } from '../../../electron/photos';
import { photosMethods, type PhotosResults } from '../../../shared/contract';
import { makeJpeg, makePng, makeVDat, md5, put, sha256, storedZip, xorDat } from '../photos/fixtures';

let dataDir: string;
let backend: Backend;
let host: BrowserHost;
const allowAll = { mayReadPath: () => true };
const call = <T,>(method: string, args: unknown, ctx = allowAll) => backend.call(method, args, ctx) as Promise<T>;

let jpegA: Buffer; // camera, EXIF 2019-09
let jpegB: Buffer; // camera, EXIF 2019-08
let plainC: Buffer; // PNG only found as a WeChat .dat under Image/2019-10

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'relink-photos-api-'));
  backend = new Backend({ dataDir, mode: 'browser', version: '0.0.0-test', systemLocale: 'zh-CN' });
  host = await startBrowserHost({ backend, rendererDir: join(dataDir, 'no-renderer') });
  jpegA = await makeJpeg(1, '2019:09:06 10:00:00');
  jpegB = await makeJpeg(2, '2019:08:15 09:30:00');
  plainC = await makePng(3);
});
afterAll(async () => {
  await host.close();
  await backend.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function newCase(name: string): Promise<string> {
  return (await call<{ id: string }>('cases.create', { name })).id;
}

/** Pretends the browser uploaded `bytes` under `name` (what POST /api/upload does). */
function fakeUpload(bytes: Uint8Array, name: string): { kind: 'upload'; id: string; name: string } {
  const id = md5(`${name}-${Math.random()}`);
  put(join(backend.uploadsDir, id), bytes);
  return { kind: 'upload', id, name };
}

describe('photos.import by path', () => {
  let caseId: string;
  let summary: PhotosResults['photos.import'];
  const chat = md5('wxid_friend');

  beforeAll(async () => {
    caseId = await newCase('路径导入');
    const src = join(dataDir, '..', `${caseId}-src-${Date.now()}`);
    put(join(src, 'DCIM', 'Camera', 'IMG_A.jpg'), jpegA);
    put(join(src, 'DCIM', 'Camera', 'IMG_B.jpg'), jpegB);
    put(join(src, 'backup', 'IMG_A copy.jpg'), jpegA);
    put(join(src, 'FileStorage', 'MsgAttach', chat, 'Image', '2019-09', 'aaa.dat'), xorDat(jpegA, 0x5a));
    put(join(src, 'notes.txt'), 'not a picture');
    summary = await call('photos.import', { caseId, files: [{ file: { kind: 'path', path: src } }] });
    await rm(src, { recursive: true, force: true });
  });

  it('reports new, duplicate, decoded and skipped files', () => {
    expect(summary).toMatchObject({ new: 2, duplicates: 2, decoded: 1, skipped: 1, cancelled: false });
  });

  it('lists months and pictures, filtered by origin and by duplicates', async () => {
    expect(await call('photos.months', { caseId })).toEqual([
      { month: '2019-09', count: 1 },
      { month: '2019-08', count: 1 },
    ]);
    const wechat = await call<PhotosResults['photos.list']>('photos.list', { caseId, origin: 'wechat' });
    expect(wechat.photos.map((p) => p.sha256)).toEqual([sha256(jpegA)]);
    expect(await call('photos.months', { caseId, origin: 'wechat' })).toEqual([{ month: '2019-09', count: 1 }]);
    const dups = await call<PhotosResults['photos.list']>('photos.list', { caseId, duplicatesOnly: true });
    expect(dups.total).toBe(1);
    const a = await call<PhotosResults['photos.get']>('photos.get', { caseId, sha256: sha256(jpegA) });
    expect(a.origins.map((o) => o.kind).sort()).toEqual(['backup', 'camera', 'wechat']);
    expect(a.origins.find((o) => o.kind === 'wechat')?.chat).toBe(chat);
  });

  it('refuses bad arguments and unknown pictures', async () => {
    await expect(call('photos.get', { caseId, sha256: 'abc' })).rejects.toMatchObject({ code: 'invalid-arguments' });
    await expect(call('photos.get', { caseId, sha256: 'f'.repeat(64) })).rejects.toMatchObject({ code: 'not-found' });
    await expect(call('photos.list', { caseId: '../x' })).rejects.toMatchObject({ code: 'invalid-arguments' });
    await expect(call('photos.list', { caseId, origin: 'facebook' })).rejects.toMatchObject({ code: 'invalid-arguments' });
  });

  it('refuses paths the user did not choose (Electron)', async () => {
    const electronCtx = { mayReadPath: () => false };
    await expect(
      call('photos.import', { caseId, files: [{ file: { kind: 'path', path: '/etc' } }] }, electronCtx),
    ).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('exports into the data folder when no destination is given, or into a chosen folder', async () => {
    const out = await call<PhotosResults['photos.export']>('photos.export', { caseId, sha256s: [sha256(jpegA), sha256(jpegB)] });
    expect(out.written).toBe(2);
    expect(out.folder.startsWith(join(dataDir, 'exports', caseId))).toBe(true);
    expect(readdirSync(out.folder).sort()).toEqual(['IMG_A.jpg', 'IMG_B.jpg']);
    const dest = join(dataDir, 'chosen-dest');
    const chosen = await call<PhotosResults['photos.export']>('photos.export', {
      caseId,
      sha256s: [sha256(jpegB)],
      destination: { kind: 'path', path: dest },
    });
    expect(chosen).toEqual({ written: 1, folder: dest });
    expect(readFileSync(join(dest, 'IMG_B.jpg')).equals(jpegB)).toBe(true);
  });

  it('verify reports a damaged picture by name', async () => {
    const ok = await call<PhotosResults['photos.verify']>('photos.verify', { caseId });
    expect(ok).toEqual({ checked: 2, damaged: [] });
    const caseDir = backend.cases.folderOf(caseId);
    const blob = (await photoFilePath(caseDir, sha256(jpegB)))!;
    const original = readFileSync(blob);
    writeFileSync(blob, Buffer.concat([original.subarray(0, 100), Buffer.from('oops')]));
    try {
      const bad = await call<PhotosResults['photos.verify']>('photos.verify', { caseId });
      expect(bad.damaged).toHaveLength(1);
      expect(bad.damaged[0]).toMatchObject({ sha256: sha256(jpegB), name: 'IMG_B.jpg' });
      expect(bad.damaged[0]!.problem).toMatch(/damaged/);
    } finally {
      writeFileSync(blob, original);
    }
  });
});

describe('photos.import of browser uploads', () => {
  const chat = md5('wxid_upload');
  const datName = `相册/FileStorage/MsgAttach/${chat}/Image/2019-10/ccc.dat`;
  let caseId: string;
  let summary: PhotosResults['photos.import'];
  let refs: ReturnType<typeof fakeUpload>[];

  beforeAll(async () => {
    caseId = await newCase('上传导入');
    refs = [
      fakeUpload(xorDat(plainC, 0x33), datName),
      fakeUpload(jpegA, '相册/DCIM/IMG_A.jpg'),
      // The same relative name twice (two separate uploads): both must be read.
      fakeUpload(jpegB, 'IMG.jpg'),
      fakeUpload(await makeJpeg(9, '2018:01:02 03:04:05'), 'IMG.jpg'),
      fakeUpload(storedZip([{ name: 'DCIM/Camera/zipped.png', data: await makePng(4) }]), '备份.zip'),
    ];
    summary = await call('photos.import', {
      caseId,
      files: refs.map((file) => ({ file, mtimeMs: Date.UTC(2017, 4, 1) })),
    });
  });

  it('imports every upload, the zip opened and the .dat decoded', () => {
    expect(summary).toMatchObject({ new: 5, duplicates: 0, decoded: 1, cancelled: false });
    expect(summary.unreadable).toEqual([]);
  });

  it('remembers the uploaded relative name as the origin path, so chat and folder month are found', async () => {
    const c = await call<PhotosResults['photos.get']>('photos.get', { caseId, sha256: sha256(plainC) });
    expect(c.origins).toEqual([expect.objectContaining({ path: datName, kind: 'wechat', chat, name: 'ccc.dat' })]);
    expect(c.date.slice(0, 7)).toBe('2019-10');
    expect(c.dateSource).toBe('folder');
    const zipped = await call<PhotosResults['photos.list']>('photos.list', { caseId, origin: 'camera' });
    expect(zipped.photos.flatMap((p) => p.origins.map((o) => o.path))).toContain('备份.zip!/DCIM/Camera/zipped.png');
  });

  it('uses the browser-given file date when nothing better is known', async () => {
    const zippedPng = await makePng(4);
    const p = await call<PhotosResults['photos.get']>('photos.get', { caseId, sha256: sha256(zippedPng) });
    // Zip entries keep their own stored date; the plain PNG upload date comes from mtimeMs.
    expect(p.date.slice(0, 4)).toBe('2018');
    const months = await call<PhotosResults['photos.months']>('photos.months', { caseId });
    expect(months.map((m) => m.month)).toContain('2019-09');
  });

  it('cleans up: no temporary tree, no leftover uploads', () => {
    expect(existsSync(join(backend.cases.folderOf(caseId), '.import-tmp'))).toBe(false);
    for (const ref of refs) expect(existsSync(join(backend.uploadsDir, ref.id))).toBe(false);
  });

  it('reports progress (files, decoded, duplicates, speed) as job events for its jobId', async () => {
    const events: { counters: Record<string, number>; fraction?: number }[] = [];
    const stop = backend.onEvent((e) => e.jobId === 'photo-job-1' && events.push(e));
    try {
      const files = await Promise.all(
        Array.from({ length: 6 }, async (_, i) => ({ file: fakeUpload(await makeJpeg(40 + i, '2021:03:04 05:06:07'), `p/${i}.jpg`) })),
      );
      await call('photos.import', { caseId, files, jobId: 'photo-job-1' });
    } finally {
      stop();
    }
    const last = events.at(-1)!;
    expect(last.fraction).toBe(1);
    expect(last.counters).toMatchObject({ phase: 3, filesTotal: 6, filesScanned: 6, newPictures: 6, duplicates: 0, picturesDecoded: 0 });
    expect(last.counters.bytesPerSecond).toBeGreaterThan(0);
  });

  it('refuses a second import of the same case while one runs', async () => {
    const big = fakeUpload(await makeJpeg(20, '2020:01:01 00:00:00', 600), 'big.jpg');
    const other = fakeUpload(await makeJpeg(21), 'other.jpg');
    const first = call('photos.import', { caseId, files: [{ file: big }] });
    const second = call('photos.import', { caseId, files: [{ file: other }] });
    await expect(second).rejects.toMatchObject({ code: 'busy' });
    await expect(first).resolves.toMatchObject({ new: 1 });
  });
});

describe('upload names', () => {
  it('keeps folders, drops traversal and empty parts', () => {
    expect(safeSegments('a/b/../c\\d.jpg')).toEqual(['a', 'b', 'c', 'd.jpg']);
    expect(safeSegments('/../..')).toEqual(['file']);
    expect(safeSegments('x:y?.jpg')).toEqual(['x_y_.jpg']);
  });
});

describe('photos.import with the WeChat 4 V2 picture key', () => {
  const KEY = 'a1b2c3d4e5f6a7b8';
  const v2Name = `xwechat_files/wxid_me_a1b2/msg/attach/${md5('friend')}/2023-06/Img/${md5('v2')}.dat`;
  let picture: Buffer;
  let v2: Buffer;

  beforeAll(async () => {
    picture = await makeJpeg(21, '2023:06:07 08:09:10');
    v2 = makeVDat(picture, { aesLen: 1024, xorLen: 64, xorKey: 0x2b, version: 2, aesKey: KEY });
  });

  it('an upload without the key is named as needing one; with it the picture is decoded and stored', async () => {
    const caseId = await newCase('图片密钥');
    const without = await call<PhotosResults['photos.import']>('photos.import', { caseId, files: [{ file: fakeUpload(v2, v2Name) }] });
    expect(without.needsKey).toEqual({ count: 1, paths: [v2Name] });
    const withKey = await call<PhotosResults['photos.import']>('photos.import', { caseId, files: [{ file: fakeUpload(v2, v2Name) }], wechatImageKey: KEY });
    expect(withKey).toMatchObject({ new: 1, decoded: 1, needsKey: { count: 0 }, couldNotDecode: [] });
    const stored = await photoFilePath(backend.cases.folderOf(caseId), sha256(picture));
    expect(readFileSync(stored!).equals(picture)).toBe(true);
  });

  it('by path, with another account\'s key: the file is named with why it did not decode', async () => {
    const caseId = await newCase('别的密钥');
    const src = join(dataDir, '..', `${caseId}-v2-${Date.now()}`);
    put(join(src, ...v2Name.split('/')), v2);
    const summary = await call<PhotosResults['photos.import']>('photos.import', { caseId, files: [{ file: { kind: 'path', path: src } }], wechatImageKey: '0123456789abcdef' });
    expect(summary.new).toBe(0);
    expect(summary.couldNotDecode).toEqual([{ path: join(src, ...v2Name.split('/')), message: expect.stringMatching(/V2 .*key given/) }]);
  });

  it('a key in another shape is refused by the contract without being repeated', async () => {
    const caseId = await newCase('坏密钥');
    const files = [{ file: { kind: 'path', path: '/nowhere' } }];
    expect(photosMethods['photos.import'].safeParse({ caseId, files, wechatImageKey: KEY }).success).toBe(true);
    const refused = call('photos.import', { caseId, files, wechatImageKey: 'short-secret' });
    await expect(refused).rejects.toMatchObject({ code: 'invalid-arguments' });
    await expect(refused).rejects.not.toThrow(/short-secret/);
  });
});

describe('picture routes (the route table, here behind the browser-mode host)', () => {
  let caseId: string;
  const get = (path: string, params: Record<string, string>) =>
    fetch(`http://127.0.0.1:${host.port}${path}?${new URLSearchParams(params)}`, { headers: { 'x-relink-token': host.token } });

  beforeAll(async () => {
    caseId = await newCase('路由');
    const ref = fakeUpload(jpegB, '照片/IMG_B.jpg');
    const dat = fakeUpload(xorDat(jpegA, 0x21), `FileStorage/MsgAttach/${md5('x')}/Image/2019-09/微信图片.dat`);
    await call('photos.import', { caseId, files: [{ file: ref }, { file: dat }] });
  });

  it('serves thumbnails as WebP and pictures with their own type', async () => {
    const thumb = await get('/api/photos/thumb', { caseId, sha: sha256(jpegB) });
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    expect((await thumb.arrayBuffer()).byteLength).toBeGreaterThan(50);
    const file = await get('/api/photos/file', { caseId, sha: sha256(jpegB) });
    expect(file.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await file.arrayBuffer()).equals(jpegB)).toBe(true);
  });

  it('names downloads after the original file, .dat replaced by the real format', async () => {
    const res = await get('/api/photos/file', { caseId, sha: sha256(jpegA), download: '1' });
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('微信图片.jpg')}`);
    await res.arrayBuffer();
  });

  it('refuses bad or missing parameters, unknown cases and pictures, and calls without the token', async () => {
    expect((await get('/api/photos/file', { caseId, sha: '../../etc/passwd' })).status).toBe(400);
    expect((await get('/api/photos/file', { caseId: '..', sha: sha256(jpegB) })).status).toBe(400);
    expect((await get('/api/photos/file', { caseId: 'nobody', sha: sha256(jpegB) })).status).toBe(404);
    expect((await get('/api/photos/thumb', { caseId, sha: 'e'.repeat(64) })).status).toBe(404);
    expect((await get('/api/photos/other', { caseId, sha: sha256(jpegB) })).status).toBe(404);
    const noToken = await fetch(`http://127.0.0.1:${host.port}/api/photos/file?caseId=${encodeURIComponent(caseId)}&sha=${sha256(jpegB)}`);
    expect(noToken.status).toBe(401);
  });
});

describe('cases.delete', () => {
  it('closes the photo archive and moves the case to the trash', async () => {
    const caseId = await newCase('删除我');
    await call('photos.import', { caseId, files: [{ file: fakeUpload(jpegA, 'a.jpg') }] });
    const deleted = await call<{ keptAs: string }>('cases.delete', { caseId, confirmName: '删除我' });
    expect(existsSync(join(deleted.keptAs, 'photos', 'index.sqlite'))).toBe(true);
    // A case created again under the same name starts empty (the old index is not reused).
    const again = await newCase('删除我');
    expect(await call('photos.months', { caseId: again })).toEqual([]);
  });
});
