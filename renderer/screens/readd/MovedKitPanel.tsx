// The "I've moved" kit. (Being built: see helper task.)
import type { ReaddView } from '../../../shared/contract';

export function MovedKitPanel(_props: { caseId: string; view: ReaddView }) {
  return null;
}
