// Single-key shortcuts (the re-add card's C/M/S…, the merge review's Y/N/S/U): never while the user
// types in a field, never with a modifier (those belong to the browser and the system).
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

export function isShortcut(event: KeyboardEvent): boolean {
  return !(event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target));
}
