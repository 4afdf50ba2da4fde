// Passphrase encryption of a bundle with age (age-encryption.org/v1, scrypt recipient), by the
// reference TypeScript implementation (age-encryption, by age's author). Streams both ways; the
// passphrase is only handed to it, never stored or logged.
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { Decrypter, Encrypter } from 'age-encryption';

/** age's default scrypt cost (2^18); tests lower it to keep fast. */
export const DEFAULT_WORK_FACTOR = 18;

export async function encryptStream(plain: Readable, passphrase: string, workFactor = DEFAULT_WORK_FACTOR): Promise<Readable> {
  const encrypter = new Encrypter();
  encrypter.setPassphrase(passphrase);
  encrypter.setScryptWorkFactor(workFactor);
  const out = await encrypter.encrypt(Readable.toWeb(plain) as ReadableStream<Uint8Array>);
  return Readable.fromWeb(out as unknown as WebReadableStream<Uint8Array>);
}

export class WrongPassphraseError extends Error {
  constructor() {
    super('The passphrase is wrong (or the bundle is not encrypted with one)');
    this.name = 'WrongPassphraseError';
  }
}

export async function decryptStream(cipher: Readable, passphrase: string): Promise<Readable> {
  const decrypter = new Decrypter();
  decrypter.addPassphrase(passphrase);
  let out: ReadableStream<Uint8Array>;
  try {
    // The header (and with it the passphrase) is checked before this resolves.
    out = await decrypter.decrypt(Readable.toWeb(cipher) as ReadableStream<Uint8Array>);
  } catch (error) {
    cipher.destroy();
    if (/passphrase|decrypt|identity|scrypt|header/i.test((error as Error).message)) throw new WrongPassphraseError();
    throw error;
  }
  return Readable.fromWeb(out as unknown as WebReadableStream<Uint8Array>);
}
