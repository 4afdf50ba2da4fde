// The command line for support staff: `relink import --case DIR FILE|FOLDER…` prints a summary per
// file and the merged total; `relink contacts --case DIR --json` prints the merged list in the shape
// the issue gives (id, name, phones as E.164, emails, wechatIds, wxids, labels, sources).
import iconv from 'iconv-lite';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import { corpusPath, hasCorpus } from '../../corpus';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'relink-cli-contacts-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function filesUnder(folder: string): unknown[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true }).filter((e) => e.isFile() && !e.name.startsWith('.'));
}

async function cli(...argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await runCli(argv, { out: (l) => lines.push(l), err: (l) => lines.push(l) });
  return { code, out: lines.join('\n') };
}

describe('relink import / relink contacts', () => {
  it('imports a file and a folder of exports, then lists everyone merged as JSON', async () => {
    const exports = join(dir, 'exports');
    mkdirSync(join(exports, 'wechat'), { recursive: true });
    writeFileSync(
      join(dir, '通讯录.vcf'),
      'BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=BC=A0=E4=BC=9F\r\nTEL;CELL:138 0013 8000\r\nEND:VCARD\r\n',
    );
    // A MemoTrace friend list (its header as the tool writes it).
    writeFileSync(
      join(exports, 'wechat', 'contacts.csv'),
      '\ufeffUserName,Alias,Type,Remark,NickName,PYInitial,RemarkPYInitial,smallHeadImgUrl,bigHeadImgUrl,label,gender,telephone,signature,country/region,province,city\r\n' +
        'wxid_zw01,zhangwei_88,3,张伟（大学）,伟哥,WG,ZWDX,,,同学,1,+86 138 0013 8000,,CN,Beijing,Haidian\r\n',
    );
    const caseDir = join(dir, 'case');

    const imported = await cli('import', '--case', caseDir, join(dir, '通讯录.vcf'), exports);
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(/通讯录\.vcf: vcard, UTF-8, 1 records \(1 new/);
    expect(imported.out).toMatch(/exports\/wechat\/contacts\.csv: \S+, [^,]+, 1 records \(1 new/);
    expect(imported.out).toMatch(/merged: 1 persons/);

    const listed = await cli('contacts', '--case', caseDir, '--json');
    expect(listed.code).toBe(0);
    const persons = JSON.parse(listed.out) as Record<string, unknown>[];
    expect(persons).toHaveLength(1);
    expect(persons[0]).toMatchObject({
      name: '张伟（大学）',
      phones: ['+8613800138000'],
      emails: [],
      wechatIds: ['zhangwei_88'],
      wxids: ['wxid_zw01'],
      labels: ['同学'],
      sources: [
        { file: '通讯录.vcf', record: 'card 1 (line 1)' },
        { file: 'exports/wechat/contacts.csv', record: 'row 2' },
      ],
    });
    expect(Object.keys(persons[0]!).sort()).toEqual(['emails', 'id', 'labels', 'name', 'phones', 'sources', 'wechatIds', 'wxids']);

    // The same files again add nothing.
    const again = await cli('import', '--case', caseDir, join(dir, '通讯录.vcf'), exports);
    expect(again.out).toMatch(/1 records \(0 new, 0 updated, 1 unchanged, 0 removed\)/);
    expect(again.out).toMatch(/merged: 1 persons/);
  });

  it('says what is wrong with a file that is not a contact export, and fails', async () => {
    writeFileSync(join(dir, 'photo.vcf'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]));
    const result = await cli('import', '--case', join(dir, 'case'), join(dir, 'photo.vcf'));
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/photo\.vcf: unknown, unknown, 0 records/);
    expect(result.out).toMatch(/error: photo\.vcf: Not a contact export: the file looks like a JPEG/i);
  });

  it('--charset reads a vCard that names no code page in the one given, instead of the guess', async () => {
    const file = join(dir, 'old-phone.vcf');
    // 张伟 in GBK: one short name, guessed (GB18030 now; it was KOI8-R), and the guess is named.
    writeFileSync(file, Buffer.concat([Buffer.from('BEGIN:VCARD\r\nVERSION:2.1\r\nFN:'), Buffer.from([0xd5, 0xc5, 0xce, 0xb0]), Buffer.from('\r\nTEL:13800138000\r\nEND:VCARD\r\n')]));
    const caseDir = join(dir, 'case');
    const guessed = await cli('import', '--case', caseDir, file);
    expect(guessed.out).toMatch(/Encoding guessed: /);
    expect(await cli('import', '--case', caseDir, '--charset', 'gb18030', file)).toMatchObject({ code: 0, out: expect.not.stringMatching(/guessed/) });
    const listed = JSON.parse((await cli('contacts', '--case', caseDir, '--json')).out) as { name: string }[];
    expect(listed.map((p) => p.name)).toEqual(['张伟']);
    expect((await cli('import', '--case', caseDir, '--charset', 'latin9', file)).code).not.toBe(0);
  });

  it('--charset reads a CSV that is not UTF-8 in the one given, instead of the guess', async () => {
    const file = join(dir, 'big5.csv');
    writeFileSync(file, iconv.encode('Name,Phone\r\n陳,0912345678\r\n', 'big5'));
    const caseDir = join(dir, 'case');
    const names = async () => (JSON.parse((await cli('contacts', '--case', caseDir, '--json')).out) as { name: string }[]).map((p) => p.name);
    // One Big5 character in a CN case reads as the GBK one (朝), and the report says it was a guess.
    expect((await cli('import', '--case', caseDir, file)).out).toMatch(/big5\.csv: csv-generic, GB18030, 1 records[\s\S]*Encoding guessed: gb18030/);
    expect(await names()).toEqual(['朝']);
    // Chosen, the code page is what the file is read in, and no guess is named.
    expect(await cli('import', '--case', caseDir, '--charset', 'big5', file)).toMatchObject({ code: 0, out: expect.not.stringMatching(/guessed/) });
    expect(await names()).toEqual(['陳']);
  });

  it('refuses an empty folder with a message, changing nothing', async () => {
    mkdirSync(join(dir, 'empty'));
    const result = await cli('import', '--case', join(dir, 'case'), join(dir, 'empty'));
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/relink: no files to import in .*empty/);
    expect(existsSync(join(dir, 'case'))).toBe(false);
  });

  it.runIf(hasCorpus)('imports the whole vCard corpus given as one folder', async () => {
    const result = await cli('import', '--case', join(dir, 'case'), corpusPath('vcard'));
    const files = result.out.split('\n').filter((l) => /^vcard\//.test(l));
    expect(files).toHaveLength(filesUnder(corpusPath('vcard')).length);
    expect(files.filter((l) => / vcard, /.test(l)).length).toBeGreaterThan(90);
    // Test suites reuse the same people (john@example.com…): 242 cards are fewer persons.
    expect(Number(/merged: (\d+) persons/.exec(result.out)?.[1])).toBeGreaterThan(50);
  });

  it('says a damaged contact book was kept aside and fails, rather than listing nobody', async () => {
    const vcf = join(dir, 'a.vcf');
    writeFileSync(vcf, 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:张伟\r\nEND:VCARD\r\n');
    const caseDir = join(dir, 'case');
    expect((await cli('import', '--case', caseDir, vcf)).code).toBe(0);
    writeFileSync(join(caseDir, 'contacts.json'), '{"version": 3, "records": {"a.vcf": [');
    const listed = await cli('contacts', '--case', caseDir, '--json');
    expect(listed.code).toBe(1);
    expect(listed.out).toMatch(/contacts\.json could not be read; it was kept aside as .*contacts\.json\.corrupt-/);
    expect(readdirSync(caseDir).some((f) => f.startsWith('contacts.json.corrupt-'))).toBe(true);
  });
});
