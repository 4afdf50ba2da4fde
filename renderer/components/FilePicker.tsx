// Choosing what to import, whichever transport we run on. Electron: the native dialog gives real
// paths. Browser mode: a file input, a folder input or a drop (folders included); every file is
// streamed to the backend under its path relative to what was chosen (for example
// "FileStorage/MsgAttach/<md5>/Image/2019-09/x.dat") and with its own date, because both tell the
// importers where something came from and when.
import { useRef, useState, type DragEvent } from 'react';
import type { FileRef } from '../../shared/contract';
import { api } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { Icon } from './Icon';
import { errorText } from './errors';

export interface PickedFile {
  ref: FileRef;
  /** Relative name (uploads) or the file name of a path. */
  name: string;
  /** The file's own modification time (browser uploads; paths keep theirs on disk). */
  mtimeMs?: number;
}

function nameOf(ref: FileRef): string {
  return ref.kind === 'upload' ? ref.name : (ref.path.split(/[\\/]/).pop() ?? ref.path);
}

/** Files of a drop, folders read recursively, each with its name relative to what was dropped. */
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

export function FilePicker(props: {
  onPicked(files: PickedFile[]): void;
  /** Offer a whole folder too (photos, chat export folders, a folder of vCards). */
  allowFolders?: boolean;
  /** Put "choose a folder" first (photos: folders are the usual source). */
  foldersFirst?: boolean;
  accept?: string;
  label?: string;
  filesLabel?: string;
  folderLabel?: string;
  testId?: string;
}) {
  const { t } = useI18n();
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState<{ done: number; total: number }>();
  const [error, setError] = useState<string>();
  const [dragging, setDragging] = useState(false);
  const filesLabel = props.filesLabel ?? t('files.chooseFiles');
  const folderLabel = props.folderLabel ?? t('files.chooseFolder');

  const upload = async (files: { file: File; name: string }[]) => {
    if (files.length === 0) return;
    setError(undefined);
    setUploading({ done: 0, total: files.length });
    try {
      // A File renamed to its relative path: the upload carries that name (no bytes are copied here).
      const named = files.map(({ file, name }) => new File([file], name, { type: file.type, lastModified: file.lastModified }));
      const refs = await api.uploadFiles(named, (done, total) => setUploading({ done, total }));
      props.onPicked(refs.map((ref, i) => ({ ref, name: files[i]!.name, mtimeMs: files[i]!.file.lastModified })));
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
      if (refs.length) props.onPicked(refs.map((ref) => ({ ref, name: nameOf(ref) })));
    } catch (e) {
      setError(errorText(t, e));
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    // In the desktop app the backend only reads what the native dialog returned (a dropped file
    // carries no such permission), so a drop points the user to the buttons.
    if (api.canPickPaths) setError(t('files.dropUseButtons'));
    else void droppedFiles(event.dataTransfer).then(upload, (e: unknown) => setError(errorText(t, e)));
  };

  const busy = !!uploading;
  /** The button that picks files (or, with `folder`, a folder): the native dialog in the app, else the page's input. */
  const pickButton = (folder: boolean, primary: boolean) => (
    <button
      key={folder ? 'folder' : 'files'}
      type="button"
      className={primary ? 'button primary' : 'button'}
      disabled={busy}
      onClick={() => (api.canPickPaths ? void pickNative(folder) : (folder ? folderInput : fileInput).current?.click())}
    >
      {folder ? folderLabel : filesLabel}
    </button>
  );

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
      <p>{props.label ?? t('files.dropHere')}</p>
      <div className="drop-actions">
        {props.allowFolders && props.foldersFirst
          ? [pickButton(true, true), pickButton(false, false)]
          : [pickButton(false, true), ...(props.allowFolders ? [pickButton(true, false)] : [])]}
      </div>
      {api.canPickPaths ? null : (
        <>
          <input
            ref={fileInput}
            type="file"
            multiple
            accept={props.accept}
            hidden
            aria-label={filesLabel}
            onChange={(e) => {
              fromInput(e.target.files);
              e.target.value = '';
            }}
          />
          {props.allowFolders ? (
            <input
              ref={folderInput}
              type="file"
              hidden
              aria-label={folderLabel}
              {...({ webkitdirectory: '', directory: '' } as Record<string, string>)}
              onChange={(e) => {
                fromInput(e.target.files);
                e.target.value = '';
              }}
            />
          ) : null}
        </>
      )}
      {uploading ? (
        <div role="status" className="muted upload-status">
          {t('files.uploading', { done: uploading.done, total: uploading.total })}
          <progress max={uploading.total} value={uploading.done} aria-label={t('files.uploading', { done: uploading.done, total: uploading.total })} />
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
