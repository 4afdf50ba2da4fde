// Undo that says what it takes back ("Undo “张伟: Sent”"), and the U key wherever Today is shown
// (at the daily limit and during a cool-down too, when there is no card).

import type { ReaddView } from '../../../shared/contract';
import { useShortcutKeys } from '../../components/keys';
import { useI18n } from '../../i18n/i18n';
import { undoWhat, type ReaddApi } from './useReadd';

export function UndoButton({ view, readd }: { view: ReaddView; readd: ReaddApi }) {
  const { t, locale } = useI18n();
  const what = undoWhat(view, t, locale);
  return (
    <button type="button" className="button" disabled={!what || readd.busy} onClick={() => void readd.undo()} aria-keyshortcuts="U" data-testid="readd-undo">
      {what ? t('readd.undoWhat', { what }) : t('readd.undo')} <kbd aria-hidden="true">U</kbd>
    </button>
  );
}

/** U undoes while the panel that calls this is on screen. */
export function useUndoKey(view: ReaddView, readd: ReaddApi): void {
  useShortcutKeys((key, event) => {
    if (key !== 'u' || readd.busy || !view.canUndo) return;
    event.preventDefault();
    void readd.undo();
  });
}
