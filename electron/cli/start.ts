// `relink start`: the desktop app when Electron can run here, else browser mode.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Backend } from '../api/backend';
import { makePrivateDir } from '../platform/private-files';
import { startBrowserHost } from '../host/browser-host';
import { systemLocale } from '../settings/system-locale';
import type { Locale } from '../../shared/types';
import { parseCommandLine, UsageError, type CliIO } from '../platform/command-line';
import { defaultDataDir } from './data-dir';
import { findElectronBinary, hasDisplay, launchElectron } from './electron-launch';
import { openInBrowser } from './open-browser';
import { APP_VERSION } from './version';

const distDir = fileURLToPath(new URL('.', import.meta.url));

function parseLang(value: string | undefined): Locale | undefined {
  if (value === undefined) return undefined;
  if (value === 'zh-CN' || value === 'en') return value;
  throw new UsageError(`--lang must be zh-CN or en, not ${value}`);
}


const START_OPTIONS = {
  browser: { type: 'boolean' },
  port: { type: 'string' },
  'data-dir': { type: 'string' },
  'no-open': { type: 'boolean' },
  lang: { type: 'string' },
} as const;

export async function startCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandLine(argv, START_OPTIONS, { positionals: false });
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  const lang = parseLang(values.lang);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0–65535, not ${values.port}`);

  if (!values.browser) {
    const check = findElectronBinary();
    const reason = !check.ok ? check.reason : !hasDisplay() ? 'there is no display (DISPLAY/WAYLAND_DISPLAY unset)' : undefined;
    if (!reason && check.ok) {
      const forwarded = ['--data-dir', dataDir, ...(lang ? ['--lang', lang] : [])];
      const result = await launchElectron(check.binary, resolve(distDir, 'electron', 'main.cjs'), forwarded);
      if (result.outcome === 'exited') return 0;
      io.err(`Electron could not start (${result.reason}); starting browser mode instead.`);
    } else {
      io.err(`Electron cannot start here: ${reason}; starting browser mode instead.`);
    }
  }

  await makePrivateDir(dataDir);
  const backend = new Backend({
    dataDir,
    mode: 'browser',
    version: APP_VERSION,
    systemLocale: systemLocale(),
    forcedLocale: lang,
  });
  const host = await startBrowserHost({ backend, rendererDir: resolve(distDir, 'renderer'), port });
  io.out(`Relink is running at ${host.url}`);
  io.out('(the link opens Relink once: the browser that opens it first keeps access until Relink stops)');
  if (!values['no-open']) openInBrowser(host.url);

  await new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await host.close();
  await backend.close();
  io.err('Relink stopped.');
  return 0;
}
