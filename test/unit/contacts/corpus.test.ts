// The merge fed by the real importer with the shared corpus of vCard and CSV files.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emptyContactBook, mergePersons, replaceFileRecords } from '../../../electron/contacts';
import { importContactFile } from '../../../electron/import';
import type { GroupChat, RawContact } from '../../../shared/types';
import { corpusPath, hasCorpus } from '../../corpus';

async function parse(path: string, name: string): Promise<{ records: RawContact[]; groups: GroupChat[] }> {
  const records: RawContact[] = [];
  const summary = await importContactFile(path, { displayName: name, onContact: (c) => records.push(c) });
  return { records, groups: summary.groups ?? [] };
}

function corpusFiles(): { path: string; name: string }[] {
  return ['vcard', 'csv'].flatMap((kind) =>
    readdirSync(corpusPath(kind), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /\.(vcf|csv)$/i.test(e.name))
      .map((e) => {
        const path = `${e.parentPath}/${e.name}`;
        return { path, name: path.slice(corpusPath().length + 1) };
      }),
  );
}

describe.runIf(hasCorpus)('merging the corpus', () => {
  it('accounts for every parsed record once, and re-importing every file changes nothing', async () => {
    const book = emptyContactBook();
    const parsed = new Map<string, { records: RawContact[]; groups: GroupChat[] }>();
    for (const { path, name } of corpusFiles()) {
      const file = await parse(path, name);
      parsed.set(name, file);
      replaceFileRecords(book, name, file.records, file.groups);
    }
    const total = [...parsed.values()].reduce((n, f) => n + f.records.length, 0);
    expect(total).toBeGreaterThan(50);

    const result = mergePersons(book);
    expect(result.persons.reduce((n, p) => n + p.sources.length, 0)).toBe(total);
    expect(result.recordIndex.size).toBe(total);
    // The ez-vcard John Doe samples describe one person exported by many address books.
    const johnDoeFiles = result.persons.map((p) => p.sources.filter((s) => /John_Doe_(EVOLUTION|GMAIL|IPHONE|MS_OUTLOOK)/.test(s.file)).length);
    expect(Math.max(...johnDoeFiles)).toBeGreaterThanOrEqual(4);
    // AOSP's dial-code-only "p1234p5678w9" must not join the Android sample's 123456789.
    const pause = result.persons.find((p) => p.name === 'Pause Wait')!;
    expect(pause.sources.map((s) => s.file)).toEqual(['vcard/aosp-opt-vcard/v30_pause_wait.vcf']);

    for (const [name, file] of parsed) {
      const counts = replaceFileRecords(book, name, file.records, file.groups);
      expect(counts, name).toMatchObject({ added: 0, updated: 0, removed: 0 });
    }
    expect(mergePersons(book).persons.map((p) => p.id)).toEqual(result.persons.map((p) => p.id));
  });
});
