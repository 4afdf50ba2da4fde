// Thumbnails of pictures that came with a chat, from the case's shared content store (photo
// archive), and exported chats: GET routes the page loads itself, in the desktop app and in
// browser mode alike.
import { api } from '../../api/client';

/** The <img> src of a stored picture's thumbnail. */
export function thumbnailUrl(caseId: string, sha256: string): string {
  return api.fileUrl('/api/photos/thumb', { caseId, sha: sha256 });
}

/** Downloads a file the backend wrote under the data folder (the browser's download, or Electron's save dialog). */
export function downloadExported(fileName: string, downloadPath: string): void {
  const a = document.createElement('a');
  a.href = api.fileUrl(downloadPath);
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
}
