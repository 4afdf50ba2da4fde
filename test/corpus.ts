// Shared test corpus lives beside the repository (../shared/corpus), read-only; never copy it in.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const corpusDir = resolve(repoRoot, '..', 'shared', 'corpus');
export const referenceDir = resolve(repoRoot, '..', 'shared', 'reference');
export const hasCorpus = existsSync(corpusDir);

export function corpusPath(...parts: string[]): string {
  return resolve(corpusDir, ...parts);
}

/** Every file under `dir`, folders walked. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}
