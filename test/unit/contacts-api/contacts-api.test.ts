// Contact import through the backend: a picked folder stands for the files inside it, previews
// say what each file is, importing merges, and the same folder again adds nothing.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Backend } from '../../../electron/api/backend';
import type { Results } from '../../../shared/contract';

let dataDir: string;
let backend: Backend;
const ctx = { mayReadPath: () => true };
const call = async <M extends keyof Results>(method: M, args: unknown) => (await backend.call(method, args, ctx)) as Results[M];

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'relink-contacts-api-'));
  backend = new Backend({ dataDir, mode: 'browser', version: 'test', systemLocale: 'zh-CN' });
});
afterEach(async () => {
  await backend.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('contacts API', () => {
  it('expands a folder, previews each file, imports and merges; re-import adds nothing', async () => {
    const folder = join(dataDir, 'export');
    await mkdir(join(folder, 'sub'), { recursive: true });
    await writeFile(join(folder, 'phone.vcf'), 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:张伟\r\nTEL:+86 138 0013 8000\r\nEND:VCARD\r\n');
    await writeFile(join(folder, 'sub', 'sheet.csv'), '\ufeff姓名,手机号码,微信号\r\n张伟,13800138000,zw88\r\n李娜,13900139000,\r\n');
    await writeFile(join(folder, '.hidden'), 'x');
    const { id: caseId } = await call('cases.create', { name: 'c' });

    const previews = await call('contacts.preview', { caseId, files: [{ kind: 'path', path: folder }] });
    expect(previews.map((p) => p.file)).toEqual(['export/phone.vcf', 'export/sub/sheet.csv']);
    expect(previews[0]).toMatchObject({ format: 'vcard', ref: { kind: 'path', path: join(folder, 'phone.vcf') } });
    expect(previews[1]!.format).toBe('csv-generic');
    expect(Object.values(previews[1]!.mapping ?? {})).toEqual(['name', 'phone', 'wechatId']);

    const result = await call('contacts.import', { caseId, files: [{ file: { kind: 'path', path: folder } }] });
    expect(result.persons).toBe(2);
    const list = await call('contacts.list', { caseId, query: 'zw' });
    expect(list.persons[0]).toMatchObject({ name: '张伟' });
    expect(list.persons[0]!.sources.map((s) => s.file).sort()).toEqual(['export/phone.vcf', 'export/sub/sheet.csv']);

    const again = await call('contacts.import', { caseId, files: [{ file: { kind: 'path', path: folder } }] });
    expect(again.persons).toBe(2);
    expect(again.files.every((f) => f.added === 0)).toBe(true);
  });

  it('a vCard read in a guessed code page can be imported again in the one the user chooses, replacing its names', async () => {
    // Two short Polish names in windows-1250 and no CHARSET: the guess may be wrong, the user can say.
    const latin2 = (s: string) => Buffer.from([...s].map((c) => ({ Ł: 0xa3, ś: 0x9c, ó: 0xf3, ł: 0xb3 })[c] ?? c.charCodeAt(0)));
    const file = join(dataDir, 'stare.vcf');
    await writeFile(file, Buffer.concat([Buffer.from('BEGIN:VCARD\r\nVERSION:2.1\r\nFN:'), latin2('Łukasz Wójcik'), Buffer.from('\r\nTEL:+48 601 234 567\r\nEND:VCARD\r\n')]));
    const { id: caseId } = await call('cases.create', { name: 'c' });
    const ref = { kind: 'path', path: file };
    await call('contacts.import', { caseId, files: [{ file: ref, charset: 'windows-1251' }] });
    expect((await call('contacts.list', { caseId })).persons.map((p) => p.name)).not.toEqual(['Łukasz Wójcik']);

    const [preview] = await call('contacts.preview', { caseId, files: [ref], charset: 'windows-1250' });
    expect(preview!.legacyCharset).toEqual({ charset: 'windows-1250', chosen: true, names: ['Łukasz Wójcik'] });
    const again = await call('contacts.import', { caseId, files: [{ file: ref, charset: 'windows-1250' }] });
    expect(again.files[0]).toMatchObject({ updated: 1, added: 0 });
    expect((await call('contacts.list', { caseId })).persons.map((p) => p.name)).toEqual(['Łukasz Wójcik']);
    await expect(call('contacts.import', { caseId, files: [{ file: ref, charset: 'ebcdic' }] })).rejects.toMatchObject({ code: 'invalid-arguments' });
  });

  it("the case's region weighs the guess of a code page, in the preview and the import", async () => {
    // 陳 in Big5 is 朝 in GBK: both common characters, so the case's region decides.
    const file = join(dataDir, 'tw.vcf');
    await writeFile(file, Buffer.concat([Buffer.from('BEGIN:VCARD\r\nVERSION:2.1\r\nFN:'), Buffer.from([0xb3, 0xaf]), Buffer.from('\r\nTEL:0912345678\r\nEND:VCARD\r\n')]));
    const ref = { kind: 'path', path: file };
    for (const [defaultRegion, charset, name] of [['TW', 'big5', '陳'], ['CN', 'gb18030', '朝']] as const) {
      const { id: caseId } = await call('cases.create', { name: defaultRegion, defaultRegion });
      const [preview] = await call('contacts.preview', { caseId, files: [ref] });
      expect(preview!.legacyCharset).toEqual({ charset, chosen: false, names: [name] });
      const imported = await call('contacts.import', { caseId, files: [{ file: ref }] });
      expect(imported.files[0]!.issues.map((i) => i.params)).toEqual([{ encoding: charset }]);
      expect((await call('contacts.list', { caseId })).persons.map((p) => p.name)).toEqual([name]);
    }
  });

  it('refuses paths the user did not choose', async () => {
    const { id: caseId } = await call('cases.create', { name: 'c' });
    await expect(
      backend.call('contacts.preview', { caseId, files: [{ kind: 'path', path: '/etc/passwd' }] }, { mayReadPath: () => false }),
    ).rejects.toMatchObject({ code: 'unauthorized' });
  });
});

describe('a contact and their chats', () => {
  it('shows how much the user talked with a person, linked by wxid, never by name', async () => {
    const { memoTraceChatCsv } = await import('../messages-api/fixtures');
    const { id: caseId, folder } = await call('cases.create', { name: 'c' });
    const contactsCsv = join(dataDir, 'contacts.csv');
    await writeFile(
      contactsCsv,
      '\ufeffUserName,Alias,Type,Remark,NickName,PYInitial,RemarkPYInitial,smallHeadImgUrl,bigHeadImgUrl,label,gender,telephone,signature,country/region,province,city\r\n' +
        'wxid_zhangwei01,zw88,3,张伟,伟哥,WG,ZW,,,,男,,,,,\r\n' +
        'wxid_other,,3,张伟,另一个张伟,ZW,ZW,,,,男,,,,,\r\n',
    );
    await call('contacts.import', { caseId, files: [{ file: { kind: 'path', path: contactsCsv } }] });
    const chatDir = join(dataDir, 'chats', '张伟');
    await mkdir(chatDir, { recursive: true });
    await writeFile(join(chatDir, '张伟_utf8.csv'), memoTraceChatCsv());
    await call('messages.import', { caseId, files: [{ kind: 'path', path: chatDir }] });
    expect(folder).toContain(caseId);

    const { persons } = await call('contacts.list', { caseId });
    const linked = persons.find((p) => p.wxids.some((v) => v.value === 'wxid_zhangwei01'))!;
    const other = persons.find((p) => p.wxids.some((v) => v.value === 'wxid_other'))!;
    const detail = await call('contacts.get', { caseId, personId: linked.id });
    // Every line of a one-to-one chat counts for the other person (the archive's rule): 6 here.
    expect(detail.strength).toMatchObject({ messages: 6, lastAt: expect.stringMatching(/^2023-11-15T/) });
    expect((await call('contacts.get', { caseId, personId: other.id })).strength).toBeUndefined();
  });
});

describe('a case in another phone region', () => {
  it('reads numbers without a country code as that region’s numbers', async () => {
    const { id: caseId } = await call('cases.create', { name: 'hk', defaultRegion: 'HK' });
    const file = join(dataDir, 'hk.vcf');
    await writeFile(file, 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:陳大文\r\nTEL:9123 4567\r\nEND:VCARD\r\n');
    await call('contacts.import', { caseId, files: [{ file: { kind: 'path', path: file } }] });
    const { persons } = await call('contacts.list', { caseId });
    expect(persons[0]!.phones.map((p) => p.value)).toEqual(['+85291234567']);
  });
});
