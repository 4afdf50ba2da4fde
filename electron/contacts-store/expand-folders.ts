// A picked folder (Electron's folder dialog, or a path on the command line) stands for every file
// in it, recursively: exports often come as a folder of .vcf files or a tool's output folder.
// Walked like every picked folder (import/folder-walk.ts): what cannot be read, and links leading
// out of the folder, come back as items to report instead of stopping the import.
import { stat } from 'node:fs/promises';
import { pathInside, walkFolder, type WalkProblemKind } from '../import/folder-walk';

const MAX_FILES = 10_000;

export interface SkippedItem {
  code: WalkProblemKind;
  message: string;
}

/**
 * Replaces each folder by the files inside it (hidden ones left out). A file keeps its name; a file
 * found in a folder is named by its path inside that folder ("export/通讯录.vcf"), which is also its
 * identity on re-import. An item of a folder that could not be walked keeps its place with `skipped` set.
 */
export async function expandFolders<T extends { path: string; name: string }>(items: T[]): Promise<(T & { skipped?: SkippedItem })[]> {
  const result: (T & { skipped?: SkippedItem })[] = [];
  for (const item of items) {
    const info = await stat(item.path).catch(() => undefined);
    if (!info?.isDirectory()) {
      result.push(item);
      continue;
    }
    const hidden = (name: string) => name.startsWith('.');
    const { files, problems } = await walkFolder(item.path, { skipFolder: hidden, skipFile: hidden, maxFiles: MAX_FILES });
    const named = (path: string) => `${item.name}/${pathInside(item.path, path)}`;
    for (const file of files) result.push({ ...item, path: file.path, name: named(file.path) });
    for (const problem of problems) {
      result.push({ ...item, path: problem.path, name: named(problem.path), skipped: { code: problem.kind, message: problem.message } });
    }
  }
  return result;
}
