// Media that a database holds as bytes (WeChat voice) goes into the case's content store before its
// message is handed on, so an archived message never names a blob that is not durable. Blobs are
// written as temp files and made durable together, a batch at a time (one flush per batch, as the
// photo import does), while their messages wait; messages without bytes pass straight on.
import { createHash } from 'node:crypto';
import { blobPath, commitTemps, discardTemps, writeTemp, type TempBlob } from '../../../platform/content-store';
import type { ParsedMessage } from '../../model';

/** Messages waiting for their blobs, and how many bytes: whichever limit comes first ends the batch. */
const MAX_WAITING = 256;
const MAX_WAITING_BYTES = 16 << 20;

export class BlobBatch {
  private temps: TempBlob[] = [];
  private readonly pending = new Set<string>();
  private waiting: ParsedMessage[] = [];
  private bytes = 0;

  constructor(private readonly caseDir: string) {}

  /** Hashes the bytes, writes them unless the store (or this batch) has them, and holds the message until flush(). */
  async add(message: ParsedMessage, bytes: Uint8Array, ext: string): Promise<void> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (!this.pending.has(sha256) && !blobPath(this.caseDir, sha256)) {
      this.temps.push(await writeTemp(this.caseDir, sha256, bytes, ext));
      this.pending.add(sha256);
      this.bytes += bytes.byteLength;
    }
    this.waiting.push({ ...message, mediaSha256: sha256 });
  }

  get full(): boolean {
    return this.waiting.length >= MAX_WAITING || this.bytes >= MAX_WAITING_BYTES;
  }

  /** Makes the batch's blobs durable and returns the messages that waited for them. */
  async flush(): Promise<ParsedMessage[]> {
    const temps = this.temps;
    const messages = this.waiting;
    this.temps = [];
    this.waiting = [];
    this.pending.clear();
    this.bytes = 0;
    if (temps.length > 0) await commitTemps(this.caseDir, temps);
    return messages;
  }

  /** Drops what was not flushed (the import stopped): no temp file is left behind. */
  async discard(): Promise<void> {
    const temps = this.temps;
    this.temps = [];
    this.waiting = [];
    this.pending.clear();
    await discardTemps(temps);
  }
}
