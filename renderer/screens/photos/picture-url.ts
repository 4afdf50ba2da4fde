// Where a picture's bytes come from: GET routes of the route table, in the desktop app and in
// browser mode alike. The <img> loads them itself, cached by the page (addressed by content hash).
import { api } from '../../api/client';

export function thumbUrl(caseId: string, sha256: string): string {
  return api.fileUrl('/api/photos/thumb', { caseId, sha: sha256 });
}

export function fileUrl(caseId: string, sha256: string, download = false): string {
  return api.fileUrl('/api/photos/file', { caseId, sha: sha256, ...(download ? { download: '1' } : {}) });
}
