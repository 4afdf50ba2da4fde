// Passphrase encryption of a bundle: a standard age file (age-encryption.org/v1, scrypt recipient;
// see age-stream.ts for what is done by age-encryption and what natively). Streams both ways; the
// passphrase is only handed to scrypt, never stored or logged.
import type { KeyObject } from 'node:crypto';
import { open } from 'node:fs/promises';
import { AgeDamagedError, AgeWrongPassphraseError, openHeader, PayloadOpener, PayloadSealer, startSealing } from './age-stream';

/** age's default scrypt cost (2^18, as `age -p` writes); tests lower it to keep fast. */
export const DEFAULT_WORK_FACTOR = 18;

export { AgeDamagedError, AgeWrongPassphraseError as WrongPassphraseError };

/**
 * Turns plaintext into an age file's bytes: `head` first (there once scrypt has run; `headLength`
 * bytes, known at once), then whatever `push` and `finish` return (sealed here), or the payload
 * sealed on workers with `key` (seal-workers.ts) while scrypt still runs.
 */
export interface Encryption {
  head: Promise<Buffer>;
  headLength: number;
  key: KeyObject;
  push(plain: Buffer): Buffer[];
  finish(): Buffer[];
}

/** Resolves once the payload key is known, before scrypt is done (`head` waits for it). */
export async function startEncryption(passphrase: string, workFactor = DEFAULT_WORK_FACTOR): Promise<Encryption> {
  const { head, headLength, key } = await startSealing(passphrase, workFactor);
  const sealer = new PayloadSealer(key);
  return { head, headLength, key, push: (plain) => sealer.push(plain), finish: () => sealer.finish() };
}

/** The largest age header read: a scrypt one takes about 120 bytes. */
const MAX_HEADER = 64 * 1024;

export interface Decryption {
  /** Where the payload starts in the file. */
  payloadStart: number;
  /** The payload key (for opening the payload on workers: open-workers.ts). */
  key: KeyObject;
  push(sealed: Buffer): Buffer[];
  /** The last plaintext; throws when the file was cut short or its end was changed. */
  finish(): Buffer;
}

/** Checks the header of an age file against the passphrase (wrong: WrongPassphraseError, before any payload). */
export async function startDecryption(file: string, passphrase: string): Promise<Decryption> {
  const handle = await open(file, 'r');
  let head: Buffer;
  try {
    const buffer = Buffer.alloc(MAX_HEADER);
    const { bytesRead } = await handle.read(buffer, 0, MAX_HEADER, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const { payloadStart, key } = await openHeader(head, passphrase);
  const opener = new PayloadOpener(key);
  return { payloadStart, key, push: (sealed) => opener.push(sealed), finish: () => opener.finish() };
}
