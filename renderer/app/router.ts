// Hash routing for the app's areas: #/cases, #/contacts, #/readd, #/photos, #/messages, #/appeals, #/settings.
import { useEffect, useState } from 'react';

export const SCREENS = ['cases', 'contacts', 'readd', 'photos', 'messages', 'appeals', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

export function parseRoute(hash: string): Screen {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return (SCREENS as readonly string[]).includes(name) ? (name as Screen) : 'cases';
}

export function useRoute(): [Screen, (screen: Screen) => void] {
  const [screen, setScreen] = useState<Screen>(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setScreen(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return [screen, (next) => (window.location.hash = `#/${next}`)];
}
