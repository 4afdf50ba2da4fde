// The UI's words for import problems: every code the backend can attach has zh-CN and English words,
// params are filled in, and an unknown code falls back to the backend's English.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileErrorText, issueText, skippedText } from '../../../renderer/components/issue-text';
import { issuesMessages } from '../../../renderer/components/issues-messages';
import { translator } from '../../../renderer/i18n/i18n';

const zh = translator('zh-CN');
const en = translator('en');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/** Every code literal the importers attach: `code: '…'`, `errorCode: '…'`, the CSV tokenizer's and the zip reader's codes. */
function backendCodes(): Set<string> {
  const codes = new Set<string>();
  for (const file of [...sourceFiles('electron/import'), ...sourceFiles('electron/messages'), ...sourceFiles('electron/platform'), ...sourceFiles('electron/photos')]) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\b(?:code|errorCode): '([a-z0-9-]+)'/g)) codes.add(m[1]!);
    for (const m of text.matchAll(/'(row-[a-z-]+)'/g)) codes.add(m[1]!);
    // The zip reader's refusals (ZipLimitError codes), as written in its code union and constructors.
    for (const m of text.matchAll(/'(zip-[a-z-]+)'/g)) codes.add(m[1]!);
  }
  return codes;
}

describe('issue words', () => {
  it('every code the backend attaches has words in both languages', () => {
    const codes = backendCodes();
    expect(codes.size).toBeGreaterThan(30);
    const missing = [...codes].filter((c) => !(`issue.${c}` in issuesMessages['zh-CN']) || !(`issue.${c}` in issuesMessages.en));
    expect(missing).toEqual([]);
  });

  it('every binary kind the sniffer names has words', () => {
    const sniff = readFileSync('electron/import/sniff.ts', 'utf8');
    const kinds = [...sniff.matchAll(/\['[^']+', '([a-z0-9]+)', \[/g)].map((m) => m[1]!).concat('binary');
    expect(kinds.length).toBeGreaterThan(10);
    for (const kind of kinds) expect(issuesMessages['zh-CN']).toHaveProperty(`issue.kind.${kind}`);
  });

  it('says a picture renamed .vcf in Chinese, naming what it looks like', () => {
    const issue = { file: 'a.vcf', severity: 'error' as const, message: 'Not a contact export: the file looks like a PNG picture', code: 'file-binary', params: { kind: 'png' } };
    expect(issueText(zh, issue)).toBe('这不是通讯录文件：看起来是 PNG 图片');
    expect(issueText(en, issue)).toBe('Not a contact export: the file looks like a PNG picture');
  });

  it('a broken card names its number and line', () => {
    const issue = { file: 'a.vcf', severity: 'error' as const, record: 'card 3 (line 41)', line: 41, message: 'Skipped: card could not be read (x)', code: 'card-unreadable', params: { card: 3, line: 41 } };
    expect(issueText(zh, issue)).toBe('第 3 张名片（第 41 行）格式有误，已跳过，其余照常导入');
  });

  it('falls back to the English words, with the record, for an unknown code or missing params', () => {
    expect(issueText(zh, { message: 'Something new', code: 'not-a-known-code', record: 'row 4' })).toBe('row 4: Something new');
    expect(issueText(zh, { message: 'Something', line: 7 })).toBe('第 7 行: Something');
    expect(issueText(zh, { message: 'Card broke', code: 'card-unreadable' })).toBe('Card broke');
    expect(issueText(zh, { message: 'Plain' })).toBe('Plain');
  });

  it('chat import: skipped lines and file errors', () => {
    expect(skippedText(zh, { reason: '5 of 12 columns (cut-off or damaged row)', code: 'chat-row-columns', params: { found: 5, expected: 12 } })).toBe(
      '只有 5 列，应有 12 列（这一行不完整或已损坏）',
    );
    expect(skippedText(zh, { reason: 'odd' })).toBe('odd');
    expect(fileErrorText(zh, { error: 'the file is empty', errorCode: 'file-empty' })).toBe('文件是空的');
    expect(fileErrorText(en, { error: 'the file is empty', errorCode: 'file-empty' })).toBe('The file is empty');
  });

  it('a zip entry refused as a zip bomb is named, with its sizes, in both languages (the zip is the file the words are shown for)', () => {
    const params = { zip: '/x/WhatsApp Chat - Ana.zip', entry: '_chat.txt', size: '1.0 GB', compressed: '3.5 MB', ratio: 293 };
    const file = { error: 'refused', errorCode: 'zip-bomb-entry', errorParams: params };
    expect(fileErrorText(zh, file)).toBe('压缩包里的“_chat.txt”会从 3.5 MB 解压成 1.0 GB（293 倍），像是恶意的“压缩炸弹”，已拒绝，没有读取其中任何内容');
    expect(fileErrorText(en, file)).toBe('"_chat.txt" in the zip would expand from 3.5 MB to 1.0 GB (293 times): refused as a zip bomb, nothing of it was read');
  });
});
