// A message import's stage files (see writer.ts): scratch databases beside the archive, named by
// the importing process, that hold batches in waiting. A killed import leaves its own behind; they
// are removed when the archive is next opened, or when the next import starts.
import { join } from 'node:path';
import { removeLeftovers } from '../platform/leftovers';

const STAGE_PREFIX = '.import-stage-';

/** The stem of this process's `n`th pair of stage files in `messagesDir` (the files add "-a.sqlite", "-b.sqlite"). */
export function stageFileStem(messagesDir: string, n: number): string {
  return join(messagesDir, `${STAGE_PREFIX}${process.pid}-${n}`);
}

/** Removes the stage files in `messagesDir` whose importing process is gone; returns how many. */
export function removeDeadStageFiles(messagesDir: string): number {
  return removeLeftovers(messagesDir, (name) => (name.startsWith(STAGE_PREFIX) ? Number(name.slice(STAGE_PREFIX.length).split('-')[0]) : undefined));
}
