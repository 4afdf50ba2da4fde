// One import of a kind per case at a time (photo imports share the case's staging folder, chat
// imports the archive's write transaction). The case is claimed before anything is awaited: two
// calls that both looked the case up first (a stat on the I/O pool) could get their answers in
// either order, and then the later call would run while the earlier one was told it was busy.
import { ApiError } from '../../shared/contract';

export class CaseClaims {
  private readonly claimed = new Set<string>();

  constructor(private readonly busyMessage: string) {}

  /** Runs `work` with the case claimed; a call for a case already claimed fails with 'busy'. */
  async run<T>(caseId: string, work: () => Promise<T>): Promise<T> {
    // Case ids that differ only in letter case name one folder on Windows and macOS.
    const key = caseId.normalize('NFC').toLowerCase();
    if (this.claimed.has(key)) throw new ApiError('busy', this.busyMessage);
    this.claimed.add(key);
    try {
      return await work();
    } finally {
      this.claimed.delete(key);
    }
  }
}
