// Test helpers: write fixture bytes to a temporary folder and import them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RawContact } from '../../../shared/types';
import { importContactFile, type ColumnMapping, type ContactFileSummary } from '../../../electron/import';

export const tmp = mkdtempSync(join(tmpdir(), 'relink-import-test-'));
let counter = 0;

export function cleanupTmp(): void {
  rmSync(tmp, { recursive: true, force: true });
}

export function writeFixture(name: string, content: Buffer | string): string {
  const path = join(tmp, `${++counter}-${name}`);
  writeFileSync(path, content);
  return path;
}

export interface Imported {
  contacts: RawContact[];
  summary: ContactFileSummary;
}

export async function importPath(path: string, mapping?: ColumnMapping): Promise<Imported> {
  const contacts: RawContact[] = [];
  const summary = await importContactFile(path, { mapping, onContact: (c) => contacts.push(c) });
  return { contacts, summary };
}

export async function importBytes(name: string, content: Buffer | string, mapping?: ColumnMapping): Promise<Imported> {
  return importPath(writeFixture(name, content), mapping);
}

/** CRLF-joined lines as bytes; Buffers stay raw so that any charset can be embedded. */
export function lines(...parts: (string | Buffer)[]): Buffer {
  const out: Buffer[] = [];
  for (const p of parts) out.push(typeof p === 'string' ? Buffer.from(p, 'utf8') : p, Buffer.from('\r\n'));
  return Buffer.concat(out);
}

/** Quoted-printable encoding of bytes (every byte as =XX, as Android does for non-ASCII). */
export function qp(bytes: Buffer): string {
  return [...bytes].map((b) => `=${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

/** Signs that text was decoded with the wrong charset or not decoded at all. */
export function looksBroken(text: string): boolean {
  return /\ufffd/.test(text) || /=[0-9A-F]{2}/.test(text) || /[ÃÂ][\u0080-\u00bf]|â€|ï»¿/.test(text);
}
