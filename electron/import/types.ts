// Types of the contact-file import capability (parsing only; merging happens elsewhere).
import type { RawContact } from '../../shared/types';

// The shapes the API returns live in the shared contract; the parsers produce exactly those.
export { CONTACT_FIELDS } from '../../shared/contract/contact-words';
export type { ColumnMapping, ContactField, ContactFilePreview, ContactFileSummary } from '../../shared/contract/contacts';
import type { ColumnMapping } from '../../shared/contract/contacts';

export interface ImportOptions {
  displayName?: string;
  mapping?: ColumnMapping;
  /** The code page of a vCard's undeclared non-UTF-8 text or of a CSV that is not UTF-8/16, as the user chose it (else it is guessed). */
  charset?: string;
  /** The case's region (e.g. CN): its code page is the likelier guess for undeclared text. */
  region?: string;
  signal?: AbortSignal;
  /** Each contact read; `json` is its JSON text when it came as text (read on a thread: JSON.stringify(c) gives the same). */
  onContact: (c: RawContact, json?: string) => void;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}
