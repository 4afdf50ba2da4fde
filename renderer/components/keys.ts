// Single-key shortcuts (the re-add card's C/M/S…, the merge review's Y/N/S/U): never while the user
// types in a field, never with a modifier (those belong to the browser and the system).
import { useLayoutEffect, useRef } from 'react';
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

export function isShortcut(event: KeyboardEvent): boolean {
  return !(event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target));
}

/**
 * Calls `onKey` for each shortcut key while the calling component is on screen. The listener is in
 * place in the same task that puts the component on screen (a layout effect, not a passive effect
 * that runs after paint): a key pressed the moment a card appears is not lost. `onKey` is read
 * fresh at each key, so it may close over the latest state.
 */
export function useShortcutKeys(onKey: (key: string, event: KeyboardEvent) => void): void {
  const latest = useRef(onKey);
  latest.current = onKey;
  useLayoutEffect(() => {
    const listener = (event: KeyboardEvent) => {
      if (isShortcut(event)) latest.current(event.key.toLowerCase(), event);
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}
