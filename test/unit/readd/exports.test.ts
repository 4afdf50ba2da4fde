import { describe, expect, it } from 'vitest';
import { csvCell, progressCsv } from '../../../electron/readd/export-progress';
import { escapeVcardText, foldLine, newAccountVcard, queueVcard } from '../../../electron/readd/export-vcard';
import { mailtoUrl, movedDrafts, movedKit, smsUrl } from '../../../electron/readd/moved-kit';
import { buildQueue } from '../../../electron/readd/queue';
import { person, SimState, T0 } from './helpers';

const target = { id: 'default', platform: 'wechat' as const, newAccountName: '小李新号', newAccountId: 'li_new_2025', oldAccountName: '小李' };
const persons = [
  person({ id: 'a', name: '张三, "老张"', remark: '大学;室友', phones: ['13800138000'], emails: ['zs@example.com'], labels: ['家人'] }),
  person({ id: 'b', name: 'Bob', wechatIds: ['bob_w'] }),
  person({ id: 'c', name: '=HYPERLINK("x")', wxids: ['wxid_1'] }),
];

describe('progress CSV', () => {
  it('has a BOM, Chinese headers for zh-CN, CRLF, quoting and defused formulas', () => {
    const sim = new SimState({ timezone: 'Asia/Shanghai', targets: [target] });
    sim.record('a', 'sent', T0).record('a', 'accepted', T0 + 60_000);
    const csv = progressCsv(persons, sim.state, sim.settings, 'zh-CN');
    expect(csv.startsWith('\uFEFF姓名,备注,状态')).toBe(true);
    const rows = csv.slice(1).split('\r\n');
    expect(rows[1]).toBe('"张三, ""老张""",大学;室友,已通过,13800138000,1,2025-03-10 09:00,2025-03-10 09:01,2025-03-10 09:01,家人,');
    expect(rows[3]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(progressCsv(persons, sim.state, sim.settings, 'en').slice(1, 12)).toBe('Name,Remark');
  });

  it('carries no internal person ids', () => {
    const sim = new SimState({ targets: [target] });
    const internal = [person({ id: 'p7f3a9c2e41d', name: '李四', phones: ['13800138001'] })];
    expect(progressCsv(internal, sim.state, sim.settings, 'en')).not.toContain('p7f3a9c2e41d');
  });

  it('keeps phone numbers as they are', () => {
    expect(csvCell('+8613800138000')).toBe('+8613800138000');
    expect(csvCell('-cmd')).toBe("'-cmd");
  });
});

describe('vCard export', () => {
  it('escapes backslash, comma, semicolon and newlines', () => {
    expect(escapeVcardText('a\\b,c;d\ne')).toBe('a\\\\b\\,c\\;d\\ne');
  });

  it('folds long lines at 75 octets without splitting characters', () => {
    const folded = foldLine(`NOTE:${'汉'.repeat(40)}`);
    for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(`NOTE:${'汉'.repeat(40)}`);
  });

  it('writes the remaining queue in queue order as vCard 3.0', () => {
    const sim = new SimState({ targets: [target] });
    const { queue } = buildQueue(persons, sim.state, undefined, sim.settings, T0);
    const vcf = queueVcard(queue, persons, 'zh-CN');
    expect(vcf.match(/BEGIN:VCARD\r\nVERSION:3\.0\r\n/g)).toHaveLength(2);
    expect(vcf).toContain('FN:张三\\, "老张"\r\n');
    expect(vcf).toContain('TEL;TYPE=CELL:13800138000\r\n');
    expect(vcf).toContain('X-WECHAT-ID:bob_w\r\n');
    // 张三 carries the 家人 priority label, so comes first.
    expect(vcf.indexOf('FN:张三')).toBeLessThan(vcf.indexOf('FN:Bob'));
    expect(vcf.endsWith('END:VCARD\r\n')).toBe(true);
    // The key to search is labelled in the user's language, never in English under a Chinese UI.
    expect(vcf).toContain('NOTE:搜索：');
    expect(vcf).not.toContain('search:');
    expect(queueVcard(queue, persons, 'en')).toContain('NOTE:Search: ');
  });

  it("has a card for the new account", () => {
    expect(newAccountVcard(target)).toBe('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:小李新号\r\nN:小李新号;;;;\r\nX-WECHAT-ID:li_new_2025\r\nNOTE:微信号：li_new_2025\r\nEND:VCARD\r\n');
  });

  it('carries the new phone number and the WeChat ID where phones show them (a bare X-WECHAT-ID is ignored)', () => {
    const vcf = newAccountVcard({ ...target, newPhone: '+86 139 0000 0001' }, '我是小李', 'en');
    expect(vcf).toContain('\r\nTEL;TYPE=CELL:+86 139 0000 0001\r\n');
    expect(vcf).toContain('\r\nNOTE:WeChat ID: li_new_2025\\n我是小李\r\n');
  });
});

describe("I've moved kit", () => {
  it('encodes mailto: and sms: links properly', () => {
    expect(mailtoUrl('a+b@x.example', 'Hi & bye', 'line 1\nline 2?')).toBe(
      'mailto:a%2Bb@x.example?subject=Hi%20%26%20bye&body=line%201%0D%0Aline%202%3F',
    );
    expect(smsUrl('+86 138-0013-8000', '你好&')).toBe('sms:+8613800138000?body=%E4%BD%A0%E5%A5%BD%26');
  });

  it('drafts an email and an SMS only for contacts that have them', () => {
    const sim = new SimState({ targets: [target] });
    const drafts = movedDrafts(persons, sim.settings, 'zh-CN');
    expect(drafts.map((d) => [d.personId, d.channel, d.to])).toEqual([
      ['a', 'email', 'zs@example.com'],
      ['a', 'sms', '+8613800138000'],
    ]);
    // Greets by the person's name (the remark unless the user fixed another name), as every list shows it.
    expect(drafts[1]?.body).toBe('张三, "老张"你好，我是小李。我原来的账号被封了，新账号是 li_new_2025（微信），麻烦加我一下，谢谢！');
    expect(decodeURIComponent(drafts[1]!.url.split('body=')[1]!)).toBe(drafts[1]?.body);
  });

  it('makes a QR code (SVG and PNG) of the ID or of the vCard', async () => {
    const sim = new SimState({ targets: [target] });
    const kit = await movedKit(persons, sim.settings);
    expect(kit.qr.content).toBe('li_new_2025');
    expect(kit.qr.svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(kit.qr.pngDataUrl).toMatch(/^data:image\/png;base64,iVBOR/);
    expect(kit.vcard.replace(/\r\n /g, '')).toContain('NOTE:微信号：li_new_2025\\n我是小李，原微信号被封，这是我的新号\r\n');
    const { movedQr } = await import('../../../electron/readd/moved-kit');
    expect((await movedQr(sim.settings, 'vcard')).content).toContain('BEGIN:VCARD');
    const withPhone = new SimState({ targets: [{ ...target, newPhone: '13900000001' }] });
    expect((await movedQr(withPhone.settings, 'vcard')).content).toMatch(/TEL;TYPE=CELL:13900000001\r\n[\s\S]*NOTE:微信号：li_new_2025/);
    const noId = new SimState();
    await expect(movedQr(noId.settings)).rejects.toThrow(/no ID/);
  });
});
