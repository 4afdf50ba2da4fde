// Atomic file replacement: write a temp file beside the target, fsync it, rename over the target,
// then fsync the folder so the rename itself survives a power cut (where the platform allows).
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** fsync a folder after creating or renaming an entry in it; Windows cannot, so it is skipped there. */
export function fsyncDirSync(dir: string): void {
  // Windows cannot open a directory for fsync; there the rename is as durable as it gets.
  if (process.platform === 'win32') return;
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    /* some filesystems refuse directory fsync: the data file itself was synced */
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Characters (or bytes) gathered before each write when the data comes in pieces. */
const BATCH_SIZE = 1 << 20;

/**
 * Replaces `target` atomically with `data`: bytes, a string, or pieces of either (small pieces are
 * gathered into ~1 MB writes, large byte pieces are written as they are, so a huge document never
 * exists whole in memory).
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array | Iterable<string | Uint8Array>): Promise<void> {
  const temp = tempPathFor(target);
  const handle = await open(temp, 'w', 0o600);
  try {
    if (typeof data === 'string' || data instanceof Uint8Array) {
      await handle.writeFile(data);
    } else {
      let batch: string[] = [];
      let size = 0;
      const flush = async () => {
        if (batch.length) await handle.writeFile(batch.join(''));
        batch = [];
        size = 0;
      };
      for (const part of data) {
        if (typeof part !== 'string') {
          await flush();
          await handle.writeFile(part);
          continue;
        }
        batch.push(part);
        size += part.length;
        if (size >= BATCH_SIZE) await flush();
      }
      await flush();
    }
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  fsyncDirSync(dirname(target));
}

export function writeFileAtomicSync(target: string, data: string | Uint8Array): void {
  const temp = tempPathFor(target);
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      /* already gone */
    }
    throw error;
  }
  closeSync(fd);
  renameSync(temp, target);
  fsyncDirSync(dirname(target));
}
