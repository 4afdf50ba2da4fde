// The age file format (age-encryption.org/v1, the C2SP age spec), with Node's native primitives
// where the bytes are many: the payload and the scrypt key. The header — its encoding, parsing and
// HMAC — stays with age-encryption (the reference TypeScript implementation by age's author), so a
// file written here is a standard age file that `age` and age-encryption open, and back.
//
// Payload (spec "Payload"): payload key = HKDF-SHA-256(ikm = file key, salt = the 16-byte nonce
// after the header, info = "payload"); the plaintext in 64 KiB chunks, each sealed with
// ChaCha20-Poly1305 under the nonce 11-byte big-endian chunk counter || 0x01 on the last chunk,
// else 0x00. The last chunk may be short, and is empty only when the whole payload is.
//
// Scrypt recipient (spec "The scrypt recipient type"): stanza `-> scrypt <salt, 16 bytes, base64>
// <log2 N>`, wrapping key = scrypt(passphrase, "age-encryption.org/v1/scrypt" || salt, N, r = 8,
// p = 1, 32 bytes), body = ChaCha20-Poly1305(wrapping key, zero nonce, file key). It must be the
// header's only stanza. age-encryption keeps the file key to itself, so this module supplies the
// stanza through its Recipient/Identity interfaces: that is how the file key is known here, and
// node:crypto's scrypt runs off the event loop at twice the speed of the JavaScript one.
import { createCipheriv, createDecipheriv, createSecretKey, hkdfSync, randomBytes, scrypt, type KeyObject } from 'node:crypto';
import { Decrypter, Encrypter, Stanza, type Identity, type Recipient } from 'age-encryption';

export const CHUNK = 64 * 1024;
const TAG = 16;
export const SEALED_CHUNK = CHUNK + TAG;
const SCRYPT_LABEL = 'age-encryption.org/v1/scrypt';
/** The largest scrypt cost a file may ask of us (age-encryption's limit; 2^20 takes ~1 GiB). */
export const MAX_WORK_FACTOR = 20;

export class AgeDamagedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AgeDamagedError';
  }
}

export class AgeWrongPassphraseError extends Error {
  constructor() {
    super('The passphrase is wrong (or the file is not encrypted with one)');
    this.name = 'AgeWrongPassphraseError';
  }
}

// ---------------------------------------------------------------------------------------------
// scrypt recipient and identity

async function scryptKey(passphrase: string, salt: Uint8Array, logN: number): Promise<Buffer> {
  const input = Buffer.concat([Buffer.from(SCRYPT_LABEL, 'latin1'), salt]);
  const N = 2 ** logN;
  return new Promise((resolve, reject) => {
    // maxmem: scrypt needs 128·N·r bytes; Node's default cap (32 MiB) stops at 2^15.
    scrypt(passphrase, input, 32, { N, r: 8, p: 1, maxmem: 129 * N * 8 + 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function chachaSeal(key: KeyObject | Uint8Array, nonce: Uint8Array, plain: Uint8Array): Buffer[] {
  const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: TAG });
  const sealed = cipher.update(plain);
  cipher.final();
  return [sealed, cipher.getAuthTag()];
}

/** The plaintext, or undefined when the tag does not match (nothing unauthenticated escapes). */
function chachaOpen(key: KeyObject | Uint8Array, nonce: Uint8Array, sealed: Uint8Array): Buffer | undefined {
  const decipher = createDecipheriv('chacha20-poly1305', key, nonce, { authTagLength: TAG });
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG));
  const plain = decipher.update(sealed.subarray(0, sealed.length - TAG));
  try {
    decipher.final();
  } catch {
    return undefined;
  }
  return plain;
}

/** The scrypt stanza (its salt base64 without padding, as age writes it). */
function scryptStanza(salt: Buffer, logN: number, body: Uint8Array): Stanza {
  return new Stanza(['scrypt', salt.toString('base64').replace(/=+$/, ''), String(logN)], body);
}

/**
 * Wraps the file key for a passphrase; hands over the file key, which the payload needs, as soon as
 * it is given (before scrypt runs: the payload can be sealed meanwhile).
 */
class ScryptRecipient implements Recipient {
  private given: ((fileKey: Uint8Array) => void) | undefined;
  readonly fileKey = new Promise<Uint8Array>((resolve) => (this.given = resolve));
  constructor(private readonly passphrase: string, private readonly logN: number) {}
  async wrapFileKey(fileKey: Uint8Array): Promise<Stanza[]> {
    this.given?.(fileKey);
    const salt = randomBytes(16);
    const key = await scryptKey(this.passphrase, salt, this.logN);
    return [scryptStanza(salt, this.logN, Buffer.concat(chachaSeal(key, new Uint8Array(12), fileKey)))];
  }
}

/** A stanza of the scrypt one's size, without scrypt: the header it makes has the real one's length. */
class ScryptShape implements Recipient {
  constructor(private readonly logN: number) {}
  wrapFileKey(): Promise<Stanza[]> {
    return Promise.resolve([scryptStanza(Buffer.alloc(16), this.logN, new Uint8Array(32))]);
  }
}

const BASE64_NO_PAD = /^[A-Za-z0-9+/]*$/;

/** Unwraps the file key with a passphrase, with the spec's checks on the stanza. */
class ScryptIdentity implements Identity {
  constructor(private readonly passphrase: string) {}
  async unwrapFileKey(stanzas: Stanza[]): Promise<Uint8Array | null> {
    const scryptStanzas = stanzas.filter((s) => s.args[0] === 'scrypt');
    if (scryptStanzas.length === 0) return null;
    if (stanzas.length !== 1) throw new AgeDamagedError('An age scrypt stanza must be the only one in the header');
    const [, saltText = '', logNText = ''] = stanzas[0]!.args;
    const salt = Buffer.from(saltText, 'base64');
    const canonical = BASE64_NO_PAD.test(saltText) && salt.toString('base64').replace(/=+$/, '') === saltText;
    if (stanzas[0]!.args.length !== 3 || !canonical || salt.length !== 16 || !/^[1-9][0-9]*$/.test(logNText) || stanzas[0]!.body.length !== 32) {
      throw new AgeDamagedError('The age scrypt stanza is malformed');
    }
    const logN = Number(logNText);
    if (logN > MAX_WORK_FACTOR) throw new AgeDamagedError(`The file asks for scrypt work factor 2^${logN} (at most 2^${MAX_WORK_FACTOR} accepted)`);
    const key = await scryptKey(this.passphrase, salt, logN);
    return chachaOpen(key, new Uint8Array(12), stanzas[0]!.body) ?? null;
  }
}

// ---------------------------------------------------------------------------------------------
// header

/** A KeyObject, made once: handing createCipheriv raw bytes makes one per chunk. */
function payloadKey(fileKey: Uint8Array, nonce: Uint8Array): KeyObject {
  return createSecretKey(Buffer.from(hkdfSync('sha256', fileKey, nonce, 'payload', 32)));
}

/** Where the header ends in `bytes` (after its MAC line), or -1 when it does not end there. */
export function headerEnd(bytes: Uint8Array): number {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const mac = buf.indexOf('\n--- ');
  if (mac < 0) return -1;
  const end = buf.indexOf('\n', mac + 1);
  return end < 0 ? -1 : end + 1;
}

/** The header age-encryption writes for `recipient` (nothing is ever sealed by it: the stream handed to it yields no data). */
async function encodedHeader(recipient: Recipient): Promise<Buffer> {
  const encrypter = new Encrypter();
  encrypter.addRecipient(recipient);
  const silent = new ReadableStream<Uint8Array>({ pull: () => new Promise<void>(() => {}) });
  const out = (await encrypter.encrypt(silent)).getReader();
  let head = Buffer.alloc(0);
  while (headerEnd(head) < 0) {
    const { value, done } = await out.read();
    if (done) throw new Error('age-encryption ended before its header');
    head = Buffer.concat([head, value]);
  }
  void out.cancel();
  return head.subarray(0, headerEnd(head));
}

export interface SealingStart {
  /** The header for the passphrase (written by age-encryption, scrypt stanza above) and the 16 bytes of payload nonce after it; there once scrypt has run. */
  head: Promise<Buffer>;
  /** The length of `head`, known at once: where the payload starts. */
  headLength: number;
  /** The payload key, known at once. */
  key: KeyObject;
}

/**
 * Starts an age file for a passphrase. The payload key comes from the file key and a nonce of our
 * own (16 random bytes, as the spec asks; age-encryption's are not used), not from scrypt, and a
 * scrypt header's length is fixed by its work factor: so the payload can be sealed and written at
 * its place while scrypt runs (0.8 s at 2^18), and the head written before it once ready.
 */
export async function startSealing(passphrase: string, workFactor: number): Promise<SealingStart> {
  const recipient = new ScryptRecipient(passphrase, workFactor);
  const header = encodedHeader(recipient);
  header.catch(() => undefined); // awaited through `head`
  const [fileKey, shape] = await Promise.all([recipient.fileKey, encodedHeader(new ScryptShape(workFactor))]);
  const nonce = randomBytes(16);
  const head = header.then((h) => {
    if (h.length !== shape.length) throw new Error(`The age header came out at ${h.length} bytes, not ${shape.length}`);
    return Buffer.concat([h, nonce]);
  });
  head.catch(() => undefined); // awaited by whoever writes it
  return { head, headLength: shape.length + nonce.length, key: payloadKey(fileKey, nonce) };
}

/**
 * Reads the header at the start of `bytes` (the first bytes of a file, at least header + 16), checks
 * it with age-encryption (format, HMAC) and the passphrase; returns where the payload starts and its key.
 */
export async function openHeader(bytes: Uint8Array, passphrase: string): Promise<{ payloadStart: number; key: KeyObject }> {
  const end = headerEnd(bytes);
  if (end < 0) throw new AgeDamagedError('The age header does not end (the file is cut short or not age)');
  if (bytes.length < end + 16) throw new AgeDamagedError('The file ends inside its age header');
  const decrypter = new Decrypter();
  decrypter.addIdentity(new ScryptIdentity(passphrase));
  let fileKey: Uint8Array;
  try {
    fileKey = await decrypter.decryptHeader(bytes.subarray(0, end));
  } catch (error) {
    if (error instanceof AgeDamagedError) throw error;
    if (/no identity matched/.test((error as Error).message)) throw new AgeWrongPassphraseError();
    throw new AgeDamagedError(`The age header is damaged: ${(error as Error).message}`);
  }
  return { payloadStart: end + 16, key: payloadKey(fileKey, bytes.subarray(end, end + 16)) };
}

// ---------------------------------------------------------------------------------------------
// payload

class ChunkNonce {
  readonly bytes = Buffer.alloc(12);
  next(): void {
    for (let i = 10; i >= 0; i--) {
      this.bytes[i] = (this.bytes[i]! + 1) & 0xff;
      if (this.bytes[i] !== 0) return; // wrapped to 0: carry into the next byte
    }
    throw new AgeDamagedError('The age payload has more chunks than its counter allows');
  }
  last(flag: boolean): Buffer {
    this.bytes[11] = flag ? 1 : 0;
    return this.bytes;
  }
}

/** One payload chunk to seal: its plaintext (pieces, in order), where it goes, and its nonce. */
export interface ChunkToSeal {
  /** The chunk's number from 0: it goes at payload start + index · (64 KiB + 16). */
  index: number;
  nonce: Buffer;
  plain: Buffer[];
}

/**
 * The STREAM's chunking: plaintext into 64 KiB chunks, each with its nonce, the last one flagged. A
 * full chunk is given out once more plaintext follows (only then is it known not to be the last),
 * so the last chunk is short, or full, and empty only when the whole payload is. Chunks hold
 * subarrays of the plaintext given, not copies.
 */
export class PayloadChunker {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** pending[0, copied) are copies already. */
  private copied = 0;
  private index = 0;
  private readonly nonce = new ChunkNonce();

  /** The chunks `plain` completes (maybe none). */
  push(plain: Buffer): ChunkToSeal[] {
    const out: ChunkToSeal[] = [];
    for (let at = 0; at < plain.length;) {
      if (this.pendingBytes === CHUNK) out.push(this.chunk(false)); // more follows: not the last
      const n = Math.min(CHUNK - this.pendingBytes, plain.length - at);
      this.pending.push(plain.subarray(at, at + n));
      this.pendingBytes += n;
      at += n;
    }
    return out;
  }

  /** The last chunk. */
  finish(): ChunkToSeal {
    return this.chunk(true);
  }

  /** Plaintext taken in but in no chunk given out yet. */
  get waiting(): number {
    return this.pendingBytes;
  }

  /** The plaintext waiting is copied, so the buffers it came from may change. */
  keepWaiting(): void {
    for (let i = this.copied; i < this.pending.length; i++) this.pending[i] = Buffer.from(this.pending[i]!);
    this.copied = this.pending.length;
  }

  private chunk(last: boolean): ChunkToSeal {
    const chunk = { index: this.index++, nonce: Buffer.from(this.nonce.last(last)), plain: this.pending };
    this.nonce.next();
    this.pending = [];
    this.pendingBytes = 0;
    this.copied = 0;
    return chunk;
  }
}

/** One chunk sealed: ciphertext pieces and the tag (ChaCha20-Poly1305 takes its plaintext in pieces). */
export function sealChunk(key: KeyObject, chunk: ChunkToSeal): Buffer[] {
  const cipher = createCipheriv('chacha20-poly1305', key, chunk.nonce, { authTagLength: TAG });
  const out = chunk.plain.map((p) => cipher.update(p));
  cipher.final();
  out.push(cipher.getAuthTag());
  return out;
}

/** Seals plaintext into age payload chunks here, as it comes; `plain` is not kept. */
export class PayloadSealer {
  private readonly chunker = new PayloadChunker();
  constructor(private readonly key: KeyObject) {}

  /** Ciphertext for `plain` (may be none yet). */
  push(plain: Buffer): Buffer[] {
    const out = this.chunker.push(plain).flatMap((chunk) => sealChunk(this.key, chunk));
    this.chunker.keepWaiting();
    return out;
  }

  /** The last chunk. */
  finish(): Buffer[] {
    return sealChunk(this.key, this.chunker.finish());
  }
}

/** Opens age payload chunks; a whole chunk is opened once more follows, the rest as the last at finish. */
export class PayloadOpener {
  private readonly pending = Buffer.allocUnsafe(SEALED_CHUNK);
  private used = 0;
  private chunks = 0;
  private readonly nonce = new ChunkNonce();
  constructor(private readonly key: KeyObject) {}

  private open(sealed: Buffer, last: boolean): Buffer {
    const plain = chachaOpen(this.key, this.nonce.last(last), sealed);
    if (!plain) throw new AgeDamagedError(`The encrypted data is damaged or cut short (chunk ${this.chunks + 1} does not authenticate)`);
    this.nonce.next();
    this.chunks++;
    return plain;
  }

  push(sealed: Buffer): Buffer[] {
    const out: Buffer[] = [];
    let at = 0;
    while (at < sealed.length) {
      if (this.used === SEALED_CHUNK) {
        out.push(this.open(this.pending, false));
        this.used = 0;
      }
      if (this.used === 0 && sealed.length - at > SEALED_CHUNK) {
        out.push(this.open(sealed.subarray(at, at + SEALED_CHUNK), false));
        at += SEALED_CHUNK;
        continue;
      }
      const n = Math.min(SEALED_CHUNK - this.used, sealed.length - at);
      sealed.copy(this.pending, this.used, at, at + n);
      this.used += n;
      at += n;
    }
    return out;
  }

  finish(): Buffer {
    if (this.used < TAG) throw new AgeDamagedError('The encrypted data is cut short (its last chunk is missing)');
    const plain = this.open(this.pending.subarray(0, this.used), true);
    if (plain.length === 0 && this.chunks > 1) throw new AgeDamagedError('The encrypted data ends in an empty chunk, which only an empty file may have');
    return plain;
  }
}
