// File names of locked cases in the data folder (see lock.ts), and which case names they take.
import { readdir } from 'node:fs/promises';

export const LOCKED = '.locked.relink';
export const UNLOCKING = '.unlocking.relink';

/**
 * Names a new case folder may not take: folders, and locked cases (a folder beside a locked case of
 * the same name would be taken for a half-finished unlock).
 */
export async function takenCaseNames(dataDir: string): Promise<Set<string>> {
  const names = await readdir(dataDir).catch(() => [] as string[]);
  return new Set(names.flatMap((n) => [n, ...[LOCKED, UNLOCKING].filter((s) => n.endsWith(s)).map((s) => n.slice(0, -s.length))]).map((n) => n.toLowerCase()));
}
