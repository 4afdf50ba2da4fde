// Choosing what to import: folders and zip files. Electron: the native dialog gives real paths.
// Browser mode: a folder input, a file input or a drop; every file is streamed to the backend under
// its path relative to what was chosen ("FileStorage/MsgAttach/<md5>/Image/2019-09/x.dat"), with its
// own date, because both tell the importer where a picture came from and when it was taken.
import { useRef, useState, type DragEvent } from 'react';
import type { FileRef } from '../../../shared/contract';
import { api } from '../../api/client';
import { errorText } from '../../components/errors';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n/i18n';

export interface PhotoSource {
  file: FileRef;
  /** The file's own modification time (browser uploads; paths keep theirs on disk). */
  mtimeMs?: number;
  /** Relative name (uploads) or full path. */
  name: string;
}

/** Files of a dropped folder, read recursively with their relative names. */
async function droppedFiles(transfer: DataTransfer): Promise<{ file: File; name: string }[]> {
  const entries = [...transfer.items].map((item) => item.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => !!e);
  if (entries.length === 0) return [...transfer.files].map((file) => ({ file, name: file.name }));
  const out: { file: File; name: string }[] = [];
  const walk = async (entry: FileSystemEntry, prefix: string): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
      out.push({ file, name: prefix + entry.name });
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
        if (batch.length === 0) break;
        for (const child of batch) await walk(child, `${prefix}${entry.name}/`);
      }
    }
  };
  for (const entry of entries) await walk(entry, '');
  return out;
}

export function PhotoPicker(props: { onPicked(sources: PhotoSource[]): void; testId?: string }) {
  const { t } = useI18n();
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState<{ done: number; total: number }>();
  const [error, setError] = useState<string>();
  const [dragging, setDragging] = useState(false);

  const upload = async (files: { file: File; name: string }[]) => {
    if (files.length === 0) return;
    setError(undefined);
    setUploading({ done: 0, total: files.length });
    try {
      // A File renamed to its relative path: the upload carries that name (no bytes are copied here).
      const named = files.map(({ file, name }) => new File([file], name, { type: file.type, lastModified: file.lastModified }));
      const refs = await api.uploadFiles(named, (done, total) => setUploading({ done, total }));
      props.onPicked(refs.map((ref, i) => ({ file: ref, mtimeMs: files[i]!.file.lastModified, name: files[i]!.name })));
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setUploading(undefined);
    }
  };

  const fromInput = (list: FileList | null) =>
    void upload([...(list ?? [])].map((file) => ({ file, name: file.webkitRelativePath || file.name })));

  const pickNative = async (directory: boolean) => {
    try {
      const refs = await api.pickFiles({ directory, multiple: true });
      if (refs.length) props.onPicked(refs.map((ref) => ({ file: ref, name: ref.kind === 'path' ? ref.path : ref.name })));
    } catch (e) {
      setError(errorText(t, e));
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (api.canPickPaths) return; // Electron: dropped files have no path we may read; use the buttons
    void droppedFiles(event.dataTransfer).then(upload, (e: unknown) => setError(errorText(t, e)));
  };

  const busy = !!uploading;
  return (
    <div
      className={dragging ? 'drop-zone dragging' : 'drop-zone'}
      data-testid={props.testId}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <Icon name="upload" size={32} />
      <p>{t('photos.importDrop')}</p>
      <div className="drop-actions">
        {api.canPickPaths ? (
          <>
            <button type="button" className="button primary" onClick={() => void pickNative(true)}>
              {t('photos.pickFolder')}
            </button>
            <button type="button" className="button" onClick={() => void pickNative(false)}>
              {t('photos.pickFiles')}
            </button>
          </>
        ) : (
          <>
            <button type="button" className="button primary" onClick={() => folderInput.current?.click()} disabled={busy}>
              {t('photos.pickFolder')}
            </button>
            <button type="button" className="button" onClick={() => fileInput.current?.click()} disabled={busy}>
              {t('photos.pickFiles')}
            </button>
            <input
              ref={fileInput}
              type="file"
              multiple
              accept=".zip,application/zip,image/*,video/*,.dat,.heic,.json"
              hidden
              aria-label={t('photos.pickFiles')}
              onChange={(e) => {
                fromInput(e.target.files);
                e.target.value = '';
              }}
            />
            <input
              ref={folderInput}
              type="file"
              hidden
              aria-label={t('photos.pickFolder')}
              {...({ webkitdirectory: '', directory: '' } as Record<string, string>)}
              onChange={(e) => {
                fromInput(e.target.files);
                e.target.value = '';
              }}
            />
          </>
        )}
      </div>
      {uploading ? (
        <div role="status" className="muted photo-upload-status">
          {t('photos.uploading', { done: uploading.done, total: uploading.total })}
          <progress max={uploading.total} value={uploading.done} aria-label={t('photos.uploading', { done: uploading.done, total: uploading.total })} />
        </div>
      ) : null}
      {error ? (
        <div role="alert" className="notice notice-error">
          {error}
        </div>
      ) : null}
    </div>
  );
}
