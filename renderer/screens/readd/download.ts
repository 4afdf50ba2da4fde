// Saves text made in the page (the appeals timeline CSV) as a file through the browser's download;
// files the backend exports are downloaded from the data folder (components/download.ts).
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
