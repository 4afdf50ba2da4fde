// Printable checklist of the remaining queue. (Being built: see helper task.)
export function ChecklistView(_props: { caseId: string; onClose(): void }) {
  return null;
}
