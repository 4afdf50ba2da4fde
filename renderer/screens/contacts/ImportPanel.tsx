// Import contact files: choose → preview (format, encoding, count, problems) → map CSV columns →
// import with progress and cancel → a summary per file.
import { useState } from 'react';
import { CONTACT_FIELDS, LEGACY_CHARSETS, type ContactField, type ContactFilePreview, type ContactImportResult, type LegacyCharset } from '../../../shared/contract';
import { api } from '../../api/client';
import { errorText } from '../../components/errors';
import { FilePicker, type PickedFile } from '../../components/FilePicker';
import { issueText } from '../../components/issue-text';
import { JobProgressBar } from '../../components/ProgressBar';
import { useJob } from '../../components/useJob';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { ErrorNotice } from '../../components/ErrorNotice';
import { contactFormatName } from './format-names';
import { wechatDbText } from '../../components/wechat-db-text';

interface Chosen extends PickedFile {
  preview?: ContactFilePreview;
  mapping?: Record<string, ContactField>;
  /** The code page the user chose for a vCard's undeclared text (else the import guesses it). */
  charset?: LegacyCharset;
}

// Known exports (Google, Outlook, WeChat tools…) are read by their own rules; only an unknown
// spreadsheet needs the user to say what its columns mean.
const isTable = (p?: ContactFilePreview) => p?.format === 'csv-generic' && !!p.headers?.length && !!p.mapping;

export function ImportPanel(props: { caseId: string; onImported(result: ContactImportResult): void }) {
  const { t } = useI18n();
  const [files, setFiles] = useState<Chosen[]>([]);
  const [previewing, setPreviewing] = useState(false);
  const [result, setResult] = useState<ContactImportResult>();
  const [error, setError] = useState<string>();
  const job = useJob('contacts.import');

  const add = async (picked: PickedFile[]) => {
    setResult(undefined);
    setError(undefined);
    setPreviewing(true);
    try {
      const previews = await api.call('contacts.preview', { caseId: props.caseId, files: picked.map((p) => p.ref) });
      // A picked folder comes back as the files inside it.
      const chosen = previews.map(({ ref, ...preview }) => {
        const mapping = preview.mapping
          ? Object.fromEntries(Object.entries(preview.mapping).map(([k, v]) => [k, v as ContactField]))
          : undefined;
        return { ref, name: preview.file, preview, mapping };
      });
      setFiles((old) => [...old, ...chosen]);
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setPreviewing(false);
    }
  };

  // A changed column meaning is previewed again, so the names and warnings shown follow it.
  const remap = async (index: number, mapping: Record<string, ContactField>) => {
    const chosen = files[index];
    if (!chosen) return;
    setFiles((old) => old.map((x) => (x === chosen ? { ...x, mapping } : x)));
    try {
      const [again] = await api.call('contacts.preview', { caseId: props.caseId, files: [chosen.ref], mapping });
      if (!again) return;
      setFiles((old) => old.map((x) => (x.ref === chosen.ref && x.mapping === mapping && x.preview ? { ...x, preview: { ...x.preview, names: again.names, issues: again.issues } } : x)));
    } catch (e) {
      setError(errorText(t, e));
    }
  };

  // Another code page for a vCard's undeclared text: previewed again, so the names shown follow it.
  const rechoose = async (index: number, charset: LegacyCharset) => {
    const chosen = files[index];
    if (!chosen) return;
    setFiles((old) => old.map((x) => (x === chosen ? { ...x, charset } : x)));
    try {
      const [again] = await api.call('contacts.preview', { caseId: props.caseId, files: [chosen.ref], charset });
      if (!again) return;
      const { ref: _ref, ...preview } = again;
      setFiles((old) => old.map((x) => (x.ref === chosen.ref && x.charset === charset ? { ...x, preview } : x)));
    } catch (e) {
      setError(errorText(t, e));
    }
  };

  const runImport = async () => {
    setError(undefined);
    try {
      const outcome = await job.run((jobId) =>
        api.call('contacts.import', {
          caseId: props.caseId,
          jobId,
          files: files.map((f) => ({ file: f.ref, mapping: isTable(f.preview) ? f.mapping : undefined, charset: f.charset })),
        }),
      );
      setResult(outcome);
      setFiles([]);
      props.onImported(outcome);
    } catch (e) {
      setError((e as { code?: string }).code === 'cancelled' ? t('contacts.cancelled') : errorText(t, e));
    }
  };

  const importable = files.filter((f) => !f.preview?.issues.some((i) => i.severity === 'error') || isTable(f.preview));
  const progress = job.progress;

  return (
    <section className="panel" aria-labelledby="import-title">
      <h2 id="import-title">{t('contacts.importTitle')}</h2>
      <p className="muted">{t('contacts.importIntro')}</p>
      {!job.running ? (
        <FilePicker
          onPicked={(p) => void add(p)}
          label={t('contacts.importDrop')}
          accept=".vcf,.vcard,.csv,.txt,.json,text/vcard,text/csv,application/json"
          testId="contacts-file-picker"
          allowFolders
        />
      ) : null}
      {previewing ? <p role="status">{t('contacts.previewing')}</p> : null}

      {files.map((f, index) => (
        <div className="file-preview" key={`${f.name}-${index}`} data-testid="file-preview">
          <div className="file-preview-head">
            <strong>{f.name}</strong>
            {f.preview ? (
              <span className="muted">
                {t('contacts.format')}: {contactFormatName(t, f.preview.format)}
                {/* A file no reader took has no encoding to tell: the backend's "unknown" is not a word for the user. */}
                {f.preview.encoding !== 'unknown' ? ` · ${t('contacts.encoding')}: ${f.preview.encoding.toUpperCase()}` : ''}
                {f.preview.estimatedRecords !== undefined ? ` · ${t('contacts.estimated', { count: f.preview.estimatedRecords })}` : ''}
              </span>
            ) : null}
            <button type="button" className="button" onClick={() => setFiles(files.filter((_, i) => i !== index))} disabled={job.running}>
              {t('contacts.removeFile')}
            </button>
          </div>
          {f.preview?.wechatDatabase ? (
            <p className="notice" role="status" data-testid="contacts-wechat-db">
              {wechatDbText(t, f.preview.wechatDatabase)}
            </p>
          ) : null}
          {f.preview?.issues.length ? (
            <ul className="issues">
              {f.preview.issues.slice(0, 10).map((issue, i) => (
                <li key={i} className={issue.severity === 'error' ? 'issue-error' : 'issue-warning'}>
                  {issueText(t, issue)}
                </li>
              ))}
            </ul>
          ) : null}
          {f.preview?.legacyCharset ? <CharsetChoice choice={f.preview.legacyCharset} table={f.preview.format !== 'vcard'} onChange={(charset) => void rechoose(index, charset)} /> : null}
          {f.preview && !isTable(f.preview) && f.preview.names?.length ? <ColumnRoles preview={f.preview} /> : null}
          {isTable(f.preview) && f.mapping ? (
            <ColumnMappingTable preview={f.preview!} mapping={f.mapping} onChange={(mapping) => void remap(index, mapping)} />
          ) : null}
          {f.preview?.names?.length ? <PreviewNames preview={f.preview} /> : null}
        </div>
      ))}

      {files.length > 0 && !job.running ? (
        <button type="button" className="button primary" onClick={() => void runImport()} disabled={importable.length === 0}>
          {t('contacts.runImport')}
        </button>
      ) : null}

      <JobProgressBar
        job={job}
        label={t('contacts.importing', { file: progress?.message ?? '' })}
        detail={t('contacts.importProgress', { records: progress?.counters.records ?? 0 })}
      />
      <ErrorNotice text={error} />
      {result ? (
        <div className="notice" role="status" data-testid="import-result">
          <p>{t('contacts.importDone', { persons: result.persons, proposals: result.proposals })}</p>
          <ul>
            {result.files.map((f) => (
              <li key={f.file}>
                {t('contacts.fileSummary', { file: f.file, records: f.records, added: f.added, updated: f.updated, unchanged: f.unchanged, removed: f.removed, skipped: f.skipped })}
                {f.issues.length
                  ? ` · ${t('contacts.issuesList', { count: f.issues.length, list: f.issues.slice(0, 3).map((i) => issueText(t, i)).join(t('contacts.listSeparator')) })}`
                  : ''}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

function ColumnMappingTable(props: {
  preview: ContactFilePreview;
  mapping: Record<string, ContactField>;
  onChange(mapping: Record<string, ContactField>): void;
}) {
  const { t } = useI18n();
  const headers = props.preview.headers ?? [];
  return (
    <div className="mapping">
      <h3>{t('contacts.mappingTitle')}</h3>
      <p className="muted">{t('contacts.mappingHint')}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('contacts.column')}</th>
            <th scope="col">{t('contacts.sample')}</th>
            <th scope="col">{t('contacts.field')}</th>
          </tr>
        </thead>
        <tbody>
          {headers.map((header, column) => (
            <tr key={column}>
              <td>{header}</td>
              <td className="muted">{props.preview.sampleRows?.[0]?.[column] ?? ''}</td>
              <td>
                <select
                  aria-label={`${t('contacts.field')}: ${header}`}
                  value={props.mapping[String(column)] ?? 'ignore'}
                  onChange={(e) => props.onChange({ ...props.mapping, [String(column)]: e.target.value as ContactField })}
                >
                  {CONTACT_FIELDS.map((field) => (
                    <option key={field} value={field}>
                      {t(`contacts.field.${field}` as MessageKey)}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const IDENTIFIER_FIELDS: ReadonlySet<string> = new Set(['phone', 'email', 'wechatId', 'wxid', 'qq']);

/** The names the first rows will show once imported, and the columns each comes from. */
function PreviewNames(props: { preview: ContactFilePreview }) {
  const { t } = useI18n();
  const { names = [], headers = [], mapping = {} } = props.preview;
  const columnsText = (columns: number[]) => columns.map((c) => headers[c] ?? String(c + 1)).join(' + ');
  return (
    <div className="mapping preview-names" data-testid="preview-names">
      <h3>{t('contacts.namesTitle', { count: names.length })}</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('contacts.namesRow')}</th>
            <th scope="col">{t('contacts.namesName')}</th>
            <th scope="col">{t('contacts.namesFrom')}</th>
          </tr>
        </thead>
        <tbody>
          {names.map((n) => (
            <tr key={n.row}>
              <td className="muted">{n.row}</td>
              <td>{n.name}</td>
              <td className="muted">
                {n.columns.length && IDENTIFIER_FIELDS.has(mapping[n.columns[0]!] ?? '')
                  ? t('contacts.namesFromIdentifier', { column: columnsText(n.columns) })
                  : columnsText(n.columns)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What each column of a known export is read as (its table is not editable: the exporter's rules apply). */
function ColumnRoles(props: { preview: ContactFilePreview }) {
  const { t } = useI18n();
  const { headers = [], mapping = {} } = props.preview;
  const roles = headers.flatMap((header, column) => {
    const field = mapping[column];
    return field && field !== 'ignore' ? [`${header} → ${t(`contacts.field.${field}` as MessageKey)}`] : [];
  });
  return (
    <p className="muted" data-testid="column-roles">
      {t('contacts.rolesTitle', { roles: roles.join(t('contacts.listSeparator')) })}
    </p>
  );
}

/** The code page a vCard's undeclared names or a CSV are read in (a guess, or the user's choice), and the first names read so. */
function CharsetChoice(props: { choice: NonNullable<ContactFilePreview['legacyCharset']>; table: boolean; onChange(charset: LegacyCharset): void }) {
  const { t } = useI18n();
  const { charset, chosen, names } = props.choice;
  return (
    <div className="charset-choice" data-testid="charset-choice">
      <label>
        {t('contacts.charset.label')}{' '}
        <select value={charset} onChange={(e) => props.onChange(e.target.value as LegacyCharset)}>
          {LEGACY_CHARSETS.map((c) => (
            <option key={c} value={c}>
              {t(`contacts.charset.${c}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <p className="muted">{t(chosen ? 'contacts.charset.chosenHint' : 'contacts.charset.guessedHint')}</p>
      {names.length ? (
        <p data-testid="charset-names">
          {t(props.table ? 'contacts.charset.rowNames' : 'contacts.charset.names', { names: names.join(t('contacts.listSeparator')) })}
        </p>
      ) : null}
    </div>
  );
}
