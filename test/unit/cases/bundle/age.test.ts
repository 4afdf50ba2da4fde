// Bundles are standard age files (age-encryption.org/v1, scrypt recipient): the payload is sealed
// here with node:crypto's ChaCha20-Poly1305, so both directions are checked against age-encryption
// (the reference TypeScript implementation), byte for byte, with the spec's rules for the last chunk,
// and what a wrong passphrase, a file cut short and a changed byte must do.
import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decrypter, Encrypter, generateIdentity, identityToRecipient } from 'age-encryption';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgeDamagedError, startDecryption, startEncryption, WrongPassphraseError } from '../../../../electron/cases/bundle/crypt';
import { headerEnd } from '../../../../electron/cases/bundle/age-stream';
import { SealWorkers } from '../../../../electron/cases/bundle/seal-workers';
import { CHUNKS_PER_BATCH, OpenWorkers } from '../../../../electron/cases/bundle/open-workers';
import { PiecePool } from '../../../../electron/cases/bundle/io';

const CHUNK = 64 * 1024;
const WORK = 10; // scrypt 2^10: tests only
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relink-age-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Encrypts with our code, the plaintext handed over in pieces of `piece` bytes. */
async function ours(plain: Buffer, passphrase: string, piece = 1000): Promise<Buffer> {
  const enc = await startEncryption(passphrase, WORK);
  const out: Buffer[] = [await enc.head];
  for (let at = 0; at < plain.length; at += piece) out.push(...enc.push(plain.subarray(at, at + piece)));
  out.push(...enc.finish());
  return Buffer.concat(out);
}

/**
 * Encrypts on sealing workers (a large export's way), the plaintext handed over in pieces of
 * `piece` bytes, every other one in shared memory (as read) and the rest copied to the workers (as
 * tar headers are). Each piece is overwritten once let go: a worker reading it later would seal junk.
 */
async function oursOnWorkers(plain: Buffer, passphrase: string, piece: number, workers: number): Promise<Buffer> {
  const enc = await startEncryption(passphrase, WORK);
  const path = join(dir, `${randomBytes(6).toString('hex')}.age`);
  const handle = await open(path, 'w');
  try {
    const sealing = new SealWorkers(enc.key, handle.fd, enc.headLength, () => undefined, workers);
    try {
      for (let at = 0, n = 0; at < plain.length; at += piece, n++) {
        const bytes = plain.subarray(at, at + piece);
        const given = n % 2 === 0 ? Buffer.from(new SharedArrayBuffer(bytes.length)) : Buffer.alloc(bytes.length);
        bytes.copy(given);
        await sealing.write([given], () => given.fill(0x5a));
      }
      await sealing.finish();
    } finally {
      await sealing.close();
    }
    const head = await enc.head; // as an export writes it: after the payload, once scrypt is done
    await handle.write(head, 0, head.length, 0);
  } finally {
    await handle.close();
  }
  return readFile(path);
}

/** Decrypts with our code, the file's bytes handed over in pieces of `piece` bytes. */
async function oursOpen(file: Buffer, passphrase: string, piece = 777): Promise<Buffer> {
  const path = join(dir, `${randomBytes(6).toString('hex')}.age`);
  await writeFile(path, file);
  const dec = await startDecryption(path, passphrase);
  const out: Buffer[] = [];
  const payload = file.subarray(dec.payloadStart);
  for (let at = 0; at < payload.length; at += piece) out.push(...dec.push(payload.subarray(at, at + piece)));
  out.push(dec.finish());
  return Buffer.concat(out);
}

/**
 * Decrypts on opening workers (a large import's way). Each piece is overwritten once let go: a
 * worker still writing into it, or the pool handing it out again too early, would show as junk.
 */
async function oursOpenOnWorkers(file: Buffer, passphrase: string, workers: number): Promise<Buffer> {
  const path = join(dir, `${randomBytes(6).toString('hex')}.age`);
  await writeFile(path, file);
  const opening = new OpenWorkers(workers);
  const handle = await open(path, 'r');
  try {
    const dec = await startDecryption(path, passphrase);
    const pool = new PiecePool();
    const out: Buffer[] = [];
    for await (const piece of opening.plain(handle, dec.payloadStart, file.length, dec.key, pool)) {
      out.push(Buffer.from(piece));
      piece.fill(0x5a);
      pool.release(piece);
    }
    return Buffer.concat(out);
  } finally {
    await handle.close();
    await opening.close();
  }
}

/**
 * Opens here and on 1 and 2 workers: all must give the same plaintext, or all fail with the same
 * error (class and message: the workers change nothing a reader sees).
 */
async function oursOpenEveryWay(file: Buffer, passphrase: string): Promise<Buffer> {
  const results = await Promise.allSettled([oursOpen(file, passphrase), oursOpenOnWorkers(file, passphrase, 1), oursOpenOnWorkers(file, passphrase, 2)]);
  const [first] = results;
  for (const r of results) {
    if (r.status !== first!.status) throw new Error(`the openers disagree: ${results.map((x) => x.status).join(', ')}`);
    if (r.status === 'fulfilled' && !r.value.equals((first as PromiseFulfilledResult<Buffer>).value)) throw new Error('the openers give different plaintext');
    if (r.status === 'rejected') {
      const a = r.reason as Error;
      const b = (first as PromiseRejectedResult).reason as Error;
      // Their messages go in `cause` only: a test matching the message must not match this.
      if (a.constructor !== b.constructor || a.message !== b.message) throw new Error('the openers fail differently', { cause: [b, a] });
    }
  }
  if (first!.status === 'rejected') throw first!.reason;
  return first!.value;
}

async function library(plain: Buffer, passphrase: string): Promise<Buffer> {
  const e = new Encrypter();
  e.setPassphrase(passphrase);
  e.setScryptWorkFactor(WORK);
  return Buffer.from(await e.encrypt(plain));
}

async function libraryOpen(file: Buffer, passphrase: string): Promise<Buffer> {
  const d = new Decrypter();
  d.addPassphrase(passphrase);
  return Buffer.from(await d.decrypt(file));
}

// Empty, one byte, around one and two chunks (the last chunk full or short), and several chunks.
const SIZES = [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 3 * CHUNK + 12345];

describe('age files, ours and age-encryption', () => {
  it('age-encryption opens what we write, at every size around a chunk', async () => {
    for (const size of SIZES) {
      const plain = randomBytes(size);
      for (const piece of [1000, CHUNK, 5 * CHUNK + 3]) {
        const file = await ours(plain, 'correct horse 电池', piece);
        expect(file.subarray(0, 22).toString()).toBe('age-encryption.org/v1\n');
        // Chunks of 64 KiB + 16, and one chunk even for an empty payload.
        const chunks = Math.max(1, Math.ceil(size / CHUNK));
        expect(file.length - headerEnd(file) - 16, `size ${size}`).toBe(size + 16 * chunks);
        expect((await libraryOpen(file, 'correct horse 电池')).equals(plain), `size ${size}, pieces of ${piece}`).toBe(true);
      }
    }
  });

  it('age-encryption opens what the sealing workers write, at every size around a chunk and a batch', async () => {
    for (const size of [...SIZES, 16 * CHUNK, 16 * CHUNK + 1, 50 * CHUNK + 12345]) {
      const plain = randomBytes(size);
      for (const [piece, workers] of [[1000, 1], [CHUNK, 2], [1024 * 1024 + 7, 2]] as const) {
        const file = await oursOnWorkers(plain, 'correct horse 电池', piece, workers);
        expect(file.length - headerEnd(file) - 16, `size ${size}`).toBe(size + 16 * Math.max(1, Math.ceil(size / CHUNK)));
        expect((await libraryOpen(file, 'correct horse 电池')).equals(plain), `size ${size}, pieces of ${piece}, ${workers} workers`).toBe(true);
      }
    }
  });

  it("the header's length is known before scrypt has run, whatever the work factor (the payload is written after it meanwhile)", async () => {
    for (const workFactor of [9, 10, 12]) {
      const enc = await startEncryption('p', workFactor);
      const head = await enc.head;
      expect(head.length).toBe(enc.headLength);
      expect(headerEnd(head) + 16).toBe(enc.headLength);
      expect(head.toString('latin1')).toContain(` ${workFactor}\n`);
    }
  });

  it('we open what age-encryption writes, at every size around a chunk', async () => {
    for (const size of SIZES) {
      const plain = randomBytes(size);
      const file = await library(plain, 'correct horse 电池');
      for (const piece of [777, CHUNK + 16, 4 * CHUNK]) expect((await oursOpen(file, 'correct horse 电池', piece)).equals(plain), `size ${size}, pieces of ${piece}`).toBe(true);
      expect((await oursOpenEveryWay(file, 'correct horse 电池')).equals(plain), `size ${size}, on workers`).toBe(true);
    }
  });

  it('the opening workers give what age-encryption wrote, at every size around a batch (several batches under way)', async () => {
    const batch = CHUNKS_PER_BATCH * CHUNK;
    for (const size of [batch - 1, batch, batch + 1, 2 * batch, 7 * batch + CHUNK + 3]) {
      const plain = randomBytes(size);
      const file = await library(plain, 'p');
      expect((await oursOpenEveryWay(file, 'p')).equals(plain), `size ${size}`).toBe(true);
    }
  });

  it('a chunk changed in the middle of a batch: the chunks before it come out first, then the same error as here', async () => {
    const plain = randomBytes(3 * CHUNKS_PER_BATCH * CHUNK + 100);
    const file = await ours(plain, 'p', CHUNK);
    const bad = CHUNKS_PER_BATCH + 7; // the 8th chunk of the second batch
    const changed = Buffer.from(file);
    changed[headerEnd(file) + 16 + bad * (CHUNK + 16) + 100]! ^= 1;
    await expect(oursOpenEveryWay(changed, 'p')).rejects.toThrow(`chunk ${bad + 1} does not authenticate`);
    // What a reader saw before the error: every chunk before the changed one, nothing after.
    const path = join(dir, 'changed.age');
    await writeFile(path, changed);
    const dec = await startDecryption(path, 'p');
    const opening = new OpenWorkers(2);
    const handle = await open(path, 'r');
    const seen: Buffer[] = [];
    try {
      await expect(
        (async () => {
          for await (const piece of opening.plain(handle, dec.payloadStart, changed.length, dec.key, new PiecePool())) seen.push(Buffer.from(piece));
        })(),
      ).rejects.toBeInstanceOf(AgeDamagedError);
    } finally {
      await handle.close();
      await opening.close();
    }
    expect(Buffer.concat(seen).equals(plain.subarray(0, bad * CHUNK))).toBe(true);
  });

  it('a wrong passphrase is told apart from damage, both ways', async () => {
    await expect(oursOpen(await library(Buffer.from('x'), 'right'), 'wrong')).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(libraryOpen(await ours(Buffer.from('x'), 'right'), 'wrong')).rejects.toThrow(/no identity matched/);
    // A file for a key, not a passphrase: nothing to unlock it with.
    const e = new Encrypter();
    e.addRecipient(await identityToRecipient(await generateIdentity()));
    await expect(oursOpen(Buffer.from(await e.encrypt(Buffer.from('x'))), 'any')).rejects.toBeInstanceOf(WrongPassphraseError);
  });

  it('a file cut short anywhere is refused: inside the header, at a chunk boundary, inside a chunk', async () => {
    const plain = randomBytes(3 * CHUNK + 100);
    for (const file of [await ours(plain, 'p'), await library(plain, 'p')]) {
      const start = headerEnd(file) + 16;
      for (const cut of [10, headerEnd(file) - 3, start - 5, start, start + 8, start + CHUNK + 16, start + 2 * (CHUNK + 16), start + CHUNK, file.length - 1]) {
        await expect(oursOpenEveryWay(file.subarray(0, cut), 'p'), `cut at ${cut}`).rejects.toBeInstanceOf(AgeDamagedError);
      }
    }
  });

  it('a changed byte anywhere is refused (header MAC, nonce, any chunk), and so is data after the last chunk', async () => {
    const plain = randomBytes(2 * CHUNK + 5);
    const file = await ours(plain, 'p');
    const start = headerEnd(file) + 16;
    for (const at of [headerEnd(file) - 5, headerEnd(file) + 3, start + 1, start + CHUNK + 15, start + CHUNK + 20, file.length - 1]) {
      const changed = Buffer.from(file);
      changed[at] = changed[at]! ^ 0x40;
      await expect(oursOpenEveryWay(changed, 'p'), `byte ${at}`).rejects.toBeInstanceOf(AgeDamagedError);
      await expect(libraryOpen(changed, 'p'), `byte ${at}`).rejects.toThrow();
    }
    await expect(oursOpenEveryWay(Buffer.concat([file, Buffer.from([0])]), 'p')).rejects.toBeInstanceOf(AgeDamagedError);
  });

  it('the last chunk rules: flagged, not empty after other chunks, none missing', async () => {
    // A payload sealed by hand per the spec, from the file key a header of ours carries.
    const file = await ours(Buffer.alloc(0), 'p');
    const head = file.subarray(0, headerEnd(file) + 16);
    const d = new Decrypter();
    d.addPassphrase('p');
    const fileKey = await d.decryptHeader(head.subarray(0, headerEnd(file)));
    const key = Buffer.from(hkdfSync('sha256', fileKey, head.subarray(-16), 'payload', 32));
    const seal = (plain: Buffer, counter: number, last: boolean) => {
      const nonce = Buffer.alloc(12);
      nonce.writeUInt32BE(counter, 7);
      nonce[11] = last ? 1 : 0;
      const c = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
      return Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
    };
    const full = randomBytes(CHUNK);
    const tail = randomBytes(10);
    // Well formed: two chunks, the second flagged last. Both implementations agree.
    const good = Buffer.concat([head, seal(full, 0, false), seal(tail, 1, true)]);
    expect((await oursOpenEveryWay(good, 'p')).equals(Buffer.concat([full, tail]))).toBe(true);
    expect((await libraryOpen(good, 'p')).equals(Buffer.concat([full, tail]))).toBe(true);
    // An empty last chunk after a full one: only an empty payload may end that way.
    const emptyLast = Buffer.concat([head, seal(full, 0, false), seal(Buffer.alloc(0), 1, true)]);
    await expect(oursOpenEveryWay(emptyLast, 'p')).rejects.toThrow(/empty chunk/);
    await expect(libraryOpen(emptyLast, 'p')).rejects.toThrow(/final chunk is empty/);
    // No chunk flagged last (the file ends at a chunk boundary): cut short.
    await expect(oursOpenEveryWay(Buffer.concat([head, seal(full, 0, false)]), 'p')).rejects.toBeInstanceOf(AgeDamagedError);
    // A last chunk that is not at the end, or chunks out of order.
    await expect(oursOpenEveryWay(Buffer.concat([head, seal(full, 0, true), seal(tail, 1, true)]), 'p')).rejects.toBeInstanceOf(AgeDamagedError);
    await expect(oursOpenEveryWay(Buffer.concat([head, seal(full, 1, false), seal(tail, 0, true)]), 'p')).rejects.toBeInstanceOf(AgeDamagedError);
    // The empty payload: one empty chunk, flagged last.
    expect((await oursOpenEveryWay(Buffer.concat([head, seal(Buffer.alloc(0), 0, true)]), 'p')).length).toBe(0);
    await expect(oursOpenEveryWay(head, 'p')).rejects.toBeInstanceOf(AgeDamagedError);
  });

  it('the scrypt stanza: the work factor it names is used, and a too costly one is refused before any work', async () => {
    const file = await ours(Buffer.from('hello'), 'p');
    const text = file.subarray(0, headerEnd(file)).toString('latin1');
    expect(text).toMatch(/^age-encryption\.org\/v1\n-> scrypt [A-Za-z0-9+/]{22} 10\n[A-Za-z0-9+/]{43}\n--- [A-Za-z0-9+/]{43}\n$/);
    const costly = Buffer.from(file.toString('latin1').replace(/ 10\n/, ' 30\n'), 'latin1');
    await expect(oursOpen(costly, 'p')).rejects.toThrow(/work factor 2\^30/);
  });
});
