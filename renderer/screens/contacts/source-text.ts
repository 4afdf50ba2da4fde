// Where a value came from, in the reader's language: "通讯录.vcf · 第 3 张名片（第 40 行）".
// The importers store locators in one neutral form ("card 3 (line 40)", "row 2", "record 5"); those
// forms are put into words here (numbers as they are, like line numbers in an editor), and any
// other locator (a JSON path) is shown as it is.
import type { SourceRef } from '../../../shared/types';
import type { Translate } from '../../i18n/i18n';

export function locatorText(locator: string, t: Translate): string {
  let m = /^card (\d+) \(line (\d+)\)$/.exec(locator);
  if (m) return t('contacts.locator.card', { card: m[1]!, line: m[2]! });
  if ((m = /^row (\d+)$/.exec(locator))) return t('contacts.locator.row', { row: m[1]! });
  if ((m = /^record (\d+)$/.exec(locator))) return t('contacts.locator.record', { record: m[1]! });
  return locator;
}

export function sourceText(source: SourceRef, t: Translate): string {
  return `${source.file} · ${locatorText(source.record, t)}`;
}

/** Several sources on one line, separated as the language separates list items. */
export function sourcesText(sources: readonly SourceRef[], t: Translate): string {
  return sources.map((s) => sourceText(s, t)).join(t('contacts.listSeparator'));
}
