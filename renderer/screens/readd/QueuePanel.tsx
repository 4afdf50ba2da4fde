// The whole queue: reorder, exclude, star, bulk-select by label. (Being built: see helper task.)
import type { ReaddView } from '../../../shared/contract';
import type { ReaddApi } from './useReadd';

export function QueuePanel(_props: { caseId: string; view: ReaddView; readd: ReaddApi }) {
  return null;
}
