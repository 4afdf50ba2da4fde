// Downloads a file a long export wrote under the data folder (chats, re-add sheets and cards): the
// browser's download, or Electron's save dialog. The backend never writes to a path the page names.
import type { ExportedFile } from '../../shared/contract';
import { api } from '../api/client';

export function downloadExported(file: ExportedFile): void {
  const a = document.createElement('a');
  a.href = api.fileUrl(file.downloadPath);
  a.download = file.fileName;
  document.body.append(a);
  a.click();
  a.remove();
}
