// The one key under which this process keeps whatever it holds open for a case (contact book,
// re-add store, chat archive, photo index, running imports): the folder's absolute path in NFC, in
// lower case where the file system ignores letter case (two spellings must not open one file twice).
import { resolve } from 'node:path';

const FOLDS_CASE = process.platform === 'win32' || process.platform === 'darwin';

export function caseKey(folder: string): string {
  const key = resolve(folder).normalize('NFC');
  return FOLDS_CASE ? key.toLowerCase() : key;
}
