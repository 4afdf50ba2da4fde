// A picked folder (Electron's folder dialog, or a path on the command line) stands for every file
// in it, recursively: exports often come as a folder of .vcf files or a tool's output folder.
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

const MAX_FILES = 10_000;

/** Files under `folder`, hidden ones skipped, sorted for a stable import order. */
async function filesUnder(folder: string, out: string[]): Promise<void> {
  const entries = await readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || out.length >= MAX_FILES) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) await filesUnder(path, out);
    else if (entry.isFile()) out.push(path);
  }
}

/**
 * Replaces each folder by the files inside it. A file keeps its name; a file found in a folder is
 * named by its path inside that folder ("export/通讯录.vcf"), which is also its identity on re-import.
 */
export async function expandFolders<T extends { path: string; name: string }>(items: T[]): Promise<T[]> {
  const result: T[] = [];
  for (const item of items) {
    const info = await stat(item.path).catch(() => undefined);
    if (!info?.isDirectory()) {
      result.push(item);
      continue;
    }
    const files: string[] = [];
    await filesUnder(item.path, files);
    for (const file of files) {
      result.push({ ...item, path: file, name: `${item.name}/${relative(item.path, file).split(sep).join('/')}` });
    }
  }
  return result;
}
