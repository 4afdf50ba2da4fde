// Choosing files to import, whichever transport we run on: the native dialog in Electron, or in
// browser mode a file input / folder input / drop zone whose files are streamed to the backend.
import { useRef, useState, type DragEvent } from 'react';
import type { FileRef } from '../../shared/contract';
import { api } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { Icon } from './Icon';
import { errorText } from './errors';

export interface PickedFile {
  ref: FileRef;
  name: string;
}

function nameOf(ref: FileRef): string {
  return ref.kind === 'upload' ? ref.name : (ref.path.split(/[\\/]/).pop() ?? ref.path);
}

export function FilePicker(props: {
  onPicked(files: PickedFile[]): void;
  /** Offer a whole folder too (photos, chat export folders). */
  allowFolders?: boolean;
  accept?: string;
  label?: string;
  testId?: string;
}) {
  const { t } = useI18n();
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState<{ done: number; total: number }>();
  const [error, setError] = useState<string>();
  const [dragging, setDragging] = useState(false);

  const upload = async (files: File[]) => {
    if (files.length === 0) return;
    setError(undefined);
    setUploading({ done: 0, total: files.length });
    try {
      // Folder uploads keep their relative path as the name, so "WeChat Files/…/x.dat" survives.
      const named = files.map((f) => Object.defineProperty(f, 'name', { value: f.webkitRelativePath || f.name }));
      const refs = await api.uploadFiles(named, (done, total) => setUploading({ done, total }));
      props.onPicked(refs.map((ref) => ({ ref, name: nameOf(ref) })));
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setUploading(undefined);
    }
  };

  const pickNative = async (directory: boolean) => {
    const refs = await api.pickFiles({ directory, multiple: true });
    if (refs.length) props.onPicked(refs.map((ref) => ({ ref, name: nameOf(ref) })));
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    // In the desktop app the backend only reads what the native dialog returned (a dropped file
    // carries no such permission), so a drop points the user to the buttons.
    if (api.canPickPaths) setError(t('files.dropUseButtons'));
    else void upload([...event.dataTransfer.files]);
  };

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
        {api.canPickPaths ? (
          <>
            <button type="button" className="button primary" onClick={() => void pickNative(false)}>
              {t('files.chooseFiles')}
            </button>
            {props.allowFolders ? (
              <button type="button" className="button" onClick={() => void pickNative(true)}>
                {t('files.chooseFolder')}
              </button>
            ) : null}
          </>
        ) : (
          <>
            <button type="button" className="button primary" onClick={() => fileInput.current?.click()} disabled={!!uploading}>
              {t('files.chooseFiles')}
            </button>
            <input
              ref={fileInput}
              type="file"
              multiple
              accept={props.accept}
              hidden
              aria-label={t('files.chooseFiles')}
              onChange={(e) => {
                void upload([...(e.target.files ?? [])]);
                e.target.value = '';
              }}
            />
            {props.allowFolders ? (
              <>
                <button type="button" className="button" onClick={() => folderInput.current?.click()} disabled={!!uploading}>
                  {t('files.chooseFolder')}
                </button>
                <input
                  ref={folderInput}
                  type="file"
                  hidden
                  aria-label={t('files.chooseFolder')}
                  {...({ webkitdirectory: '', directory: '' } as Record<string, string>)}
                  onChange={(e) => {
                    void upload([...(e.target.files ?? [])]);
                    e.target.value = '';
                  }}
                />
              </>
            ) : null}
          </>
        )}
      </div>
      {uploading ? (
        <div role="status" className="muted">
          {t('files.uploading', { done: uploading.done, total: uploading.total })}
          <progress max={uploading.total} value={uploading.done} />
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
