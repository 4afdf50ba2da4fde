// Saves text the backend produced (CSV, vCard) as a file through the browser's download.
import type { ReaddFile } from '../../../shared/contract';

export function downloadFile(file: ReaddFile): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
