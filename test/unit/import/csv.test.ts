// CSV fixtures: encodings, delimiters, Google/Outlook/Thunderbird headers, column mapping.
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { previewContactFile, suggestMapping } from '../../../electron/import';
import { cleanupTmp, importBytes, writeFixture } from './helpers';

afterAll(cleanupTmp);

describe('suggestMapping', () => {
  it('maps Chinese and English spreadsheet headers to fields', () => {
    const headers = ['姓名', '手机号码', '联系电话', '微信号', '备注', '标签', '分组', '电子邮件', '昵称', '公司', 'QQ', '生日', 'Mobile Phone', 'E-mail Type', 'wxid'];
    expect(Object.values(suggestMapping(headers))).toEqual([
      'name', 'phone', 'phone', 'wechatId', 'note', 'label', 'label', 'email', 'nickname', 'org', 'qq', 'ignore', 'phone', 'ignore', 'wxid',
    ]);
  });

  it('reads 名字 as given name when a family-name column exists, else as the name', () => {
    expect(suggestMapping(['名字', '姓氏'])).toEqual({ 0: 'givenName', 1: 'familyName' });
    expect(suggestMapping(['名字', '手机'])).toEqual({ 0: 'name', 1: 'phone' });
  });
});

describe('CSV files', () => {
  it('reads a GB18030 (Excel on Chinese Windows) CSV with Chinese headers and quoted newlines', async () => {
    const text = '姓名,手机号,微信号,备注,标签\r\n张伟,13800138000,zhangwei88,"大学同学\r\n住北京",同学，朋友\r\n李娜,139-0000-1111,wxid_9ab8c7,,\r\n';
    const path = writeFixture('通讯录.csv', iconv.encode(text, 'gb18030'));
    const preview = await previewContactFile(path);
    expect(preview).toMatchObject({ format: 'csv-generic', encoding: 'GB18030', delimiter: ',', headers: ['姓名', '手机号', '微信号', '备注', '标签'] });
    expect(preview.mapping).toEqual({ 0: 'name', 1: 'phone', 2: 'wechatId', 3: 'note', 4: 'label' });
    expect(preview.sampleRows![0]![0]).toBe('张伟');
    const { contacts, summary } = await importBytes('gb.csv', iconv.encode(text, 'gb18030'));
    expect(summary.encoding).toBe('GB18030');
    expect(contacts[0]).toMatchObject({
      name: '张伟', phones: [{ value: '13800138000' }], wechatIds: ['zhangwei88'], note: '大学同学\n住北京', labels: ['同学', '朋友'],
      source: { record: 'row 2' },
    });
    expect(contacts[1]).toMatchObject({ name: '李娜', wxids: ['wxid_9ab8c7'], source: { record: 'row 3' } });
  });

  it('reads tab- and semicolon-delimited files with a UTF-8 BOM', async () => {
    const tab = await importBytes('tab.csv', '\ufeffName\tPhone\tEmail\nAnn\t+44 20 7946 0000\tann@example.com\n');
    expect(tab.contacts[0]).toMatchObject({ name: 'Ann', phones: [{ value: '+44 20 7946 0000' }], emails: [{ value: 'ann@example.com' }] });
    const semi = await importBytes('semi.csv', 'Nom;Prénom;Téléphone\nDupont;Marie;01 23 45 67 89\n');
    expect(semi.contacts[0]).toMatchObject({ name: 'Marie Dupont', familyName: 'Dupont', givenName: 'Marie' });
  });

  it('reads current Google Contacts CSV with label columns and ::: multi-values', async () => {
    const csv = [
      'First Name,Middle Name,Last Name,Nickname,File As,Organization Name,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value',
      'Wei,,Zhang,Xiao Wei,,Acme,met at work,* myContacts ::: Friends,* Home,wei@example.com ::: wei2@example.com,Mobile,+86 138 0013 8000,Work,010 8888 0000',
    ].join('\n');
    const { contacts, summary } = await importBytes('google.csv', csv);
    expect(summary.format).toBe('csv-google');
    expect(contacts[0]).toMatchObject({
      name: 'Wei Zhang', nickname: 'Xiao Wei', org: 'Acme', note: 'met at work', labels: ['Friends'],
      emails: [{ value: 'wei@example.com', label: 'home' }, { value: 'wei2@example.com', label: 'home' }],
      phones: [{ value: '+86 138 0013 8000', label: 'mobile' }, { value: '010 8888 0000', label: 'work' }],
    });
  });

  it('reads legacy Google CSV', async () => {
    const csv = 'Name,Given Name,Additional Name,Family Name,Group Membership,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value\nBob Li,Bob,,Li,* My Contacts ::: Family,* Other,bob@example.com,Mobile,+1 555 0101\n';
    const { contacts, summary } = await importBytes('legacy.csv', csv);
    expect(summary.format).toBe('csv-google');
    expect(contacts[0]).toMatchObject({ name: 'Bob Li', labels: ['Family'], phones: [{ value: '+1 555 0101', label: 'mobile' }] });
  });

  it('reads Outlook CSV in English and German', async () => {
    const en = '"Title","First Name","Middle Name","Last Name","Company","Business Phone","Mobile Phone","E-mail Address","E-mail Type","E-mail Display Name","Categories"\n"","Amy","","Chen","Contoso","+1 425 555 0100","+1 425 555 0199","amy@contoso.com","SMTP","Amy Chen (amy@contoso.com)","VIP"\n';
    const a = await importBytes('outlook.csv', en);
    expect(a.summary.format).toBe('csv-outlook');
    expect(a.contacts[0]).toMatchObject({
      name: 'Amy Chen', org: 'Contoso', labels: ['VIP'], emails: [{ value: 'amy@contoso.com' }],
      phones: [{ value: '+1 425 555 0100', label: 'work' }, { value: '+1 425 555 0199', label: 'mobile' }],
    });
    const de = 'Vorname;Nachname;Firma;Mobiltelefon;E-Mail-Adresse\nJörg;Müller;ACME;0171 1234567;joerg@example.de\n';
    const b = await importBytes('outlook-de.csv', iconv.encode(de, 'windows-1252'));
    expect(b.summary).toMatchObject({ format: 'csv-outlook', encoding: 'windows-1252' });
    expect(b.contacts[0]).toMatchObject({ name: 'Jörg Müller', phones: [{ value: '0171 1234567', label: 'mobile' }], emails: [{ value: 'joerg@example.de' }] });
  });

  it('applies a user-provided mapping and rejects a CSV without usable columns', async () => {
    const text = 'A,B,C\nfoo,13912345678,bar\n';
    const none = await importBytes('none.csv', text);
    expect(none.contacts).toEqual([]);
    expect(none.summary.issues[0]).toMatchObject({ severity: 'error', record: 'row 1' });
    expect(none.summary.issues[0]!.message).toMatch(/No usable column/);
    const path = writeFixture('mapped.csv', text);
    const preview = await previewContactFile(path);
    expect(preview.issues.some((i) => i.severity === 'error')).toBe(true);
    const mapped = await importBytes('mapped.csv', text, { 0: 'name', 1: 'phone', 2: 'ignore' });
    expect(mapped.contacts).toHaveLength(1);
    expect(mapped.contacts[0]).toMatchObject({ name: 'foo', phones: [{ value: '13912345678' }] });
  });

  it('reports a row whose quote never closes and keeps the rows before it', async () => {
    const body = ['Name,Phone', 'Good,123', 'Bad,"unterminated', ...Array.from({ length: 2100 }, (_, i) => `line ${i}`)].join('\n');
    const { contacts, summary } = await importBytes('runaway.csv', body);
    expect(contacts[0]).toMatchObject({ name: 'Good' });
    expect(summary.issues.some((i) => i.severity === 'error' && i.line === 3 && /quoted field/.test(i.message))).toBe(true);
  });
});
