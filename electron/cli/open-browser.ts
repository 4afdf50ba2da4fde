// Opens a URL in the user's default browser, when this machine has one; silently does nothing
// otherwise (the URL is always printed).
import { spawn } from 'node:child_process';
import { hasDisplay } from './electron-launch';

export function openInBrowser(url: string): void {
  const platform = process.platform;
  if (!hasDisplay()) return;
  const [command, args] =
    platform === 'win32'
      ? ['cmd', ['/c', 'start', '""', url]]
      : platform === 'darwin'
        ? ['open', [url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    /* no browser opener: the printed URL is enough */
  }
}
