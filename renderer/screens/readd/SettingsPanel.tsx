// Pace and message: the defaults explained, and every one of them changeable.
import { useMemo, useState, type FormEvent } from 'react';
import type { ReaddView } from '../../../shared/contract';
import { useI18n } from '../../i18n/i18n';
import { SetupPanel } from './SetupPanel';
import type { ReaddApi } from './useReadd';

const MIN = 60_000;
const HOUR = 3_600_000;

/** Same rule as the backend's preview: each character counts as one on the platform. */
function previewOf(template: string, vars: Record<string, string>) {
  const text = template.replace(/\{(name|me|old|remark)\}/g, (_m, k: string) => vars[k] ?? '');
  return { text, length: [...text].length };
}

export function SettingsPanel({ view, readd }: { view: ReaddView; readd: ReaddApi }) {
  const { t } = useI18n();
  const s = view.settings;
  const target = s.targets.find((x) => x.id === s.activeTargetId) ?? s.targets[0]!;
  const [gapMin, setGapMin] = useState(s.minGapMs / MIN);
  const [gapMax, setGapMax] = useState(s.maxGapMs / MIN);
  const [coolHours, setCoolHours] = useState(s.coolDownMs / HOUR);
  const [followDays, setFollowDays] = useState(s.followUpAfterDays);
  const [zh, setZh] = useState(s.templates['zh-CN']);
  const [en, setEn] = useState(s.templates.en);
  const [myName, setMyName] = useState(s.myName ?? '');
  const [labels, setLabels] = useState(s.priorityLabels.join(', '));
  const [saved, setSaved] = useState(false);

  const vars = useMemo(
    () => ({ name: view.current?.name ?? '张伟', me: myName || target.newAccountName, old: target.oldAccountName, remark: view.current?.remark ?? '' }),
    [view.current, myName, target],
  );

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const next = await readd.act('readd.settings', {
      patch: {
        minGapMs: Math.round(gapMin * MIN),
        maxGapMs: Math.round(gapMax * MIN),
        coolDownMs: Math.round(coolHours * HOUR),
        followUpAfterDays: followDays,
        templates: { 'zh-CN': zh, en },
        myName,
        priorityLabels: labels.split(/[,，、]/).map((l) => l.trim()).filter(Boolean),
      },
    });
    setSaved(!!next);
  };

  const zhPreview = previewOf(zh, vars);
  const enPreview = previewOf(en, vars);
  return (
    <div>
      <details className="panel explain" open>
        <summary>{t('readd.defaultsTitle')}</summary>
        <p>{t('readd.defaultsText')}</p>
      </details>
      <SetupPanel view={view} readd={readd} />
      <form className="panel form-grid" onSubmit={save}>
        <label>
          {t('readd.gapMin')}
          <input type="number" min={0} max={1440} step={0.5} value={gapMin} onChange={(e) => setGapMin(Number(e.target.value))} />
        </label>
        <label>
          {t('readd.gapMax')}
          <input type="number" min={0} max={1440} step={0.5} value={gapMax} onChange={(e) => setGapMax(Number(e.target.value))} />
        </label>
        <label>
          {t('readd.coolDownHours')}
          <input type="number" min={1} max={720} value={coolHours} onChange={(e) => setCoolHours(Number(e.target.value))} />
        </label>
        <label>
          {t('readd.followUpDays')}
          <input type="number" min={1} max={60} value={followDays} onChange={(e) => setFollowDays(Number(e.target.value))} />
        </label>
        <label>
          {t('readd.myName')}
          <input value={myName} maxLength={100} onChange={(e) => setMyName(e.target.value)} />
        </label>
        <label>
          {t('readd.priorityLabels')}
          <input value={labels} onChange={(e) => setLabels(e.target.value)} />
        </label>
        <label className="wide">
          {t('readd.templateZh')}
          <textarea rows={2} value={zh} maxLength={500} onChange={(e) => setZh(e.target.value)} />
          <span className={zhPreview.length > s.maxMessageLength ? 'char-count too-long' : 'char-count'}>
            {t('readd.preview')}
            {zhPreview.text} · {t('readd.chars', { count: zhPreview.length })}
          </span>
        </label>
        <label className="wide">
          {t('readd.templateEn')}
          <textarea rows={2} value={en} maxLength={500} onChange={(e) => setEn(e.target.value)} />
          <span className={enPreview.length > s.maxMessageLength ? 'char-count too-long' : 'char-count'}>
            {t('readd.preview')}
            {enPreview.text} · {t('readd.chars', { count: enPreview.length })}
          </span>
        </label>
        <p className="muted wide">{t('readd.templateHint')}</p>
        <div className="wide">
          <button type="submit" className="button primary" disabled={readd.busy}>
            {t('readd.saveSettings')}
          </button>
          {saved ? (
            <span role="status" className="muted">
              {' '}
              {t('readd.settingsSaved')}
            </span>
          ) : null}
        </div>
      </form>
    </div>
  );
}
