// The append-only event log of the case. (Being built: see helper task.)
import type { ReaddView } from '../../../shared/contract';

export function HistoryPanel(_props: { caseId: string; view: ReaddView }) {
  return null;
}
