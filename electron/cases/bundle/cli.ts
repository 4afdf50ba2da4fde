// `relink case export|import|verify`: case bundles from the command line, for helpers who move
// cases between computers. The passphrase is read from standard input (`--passphrase-stdin`), never
// from the command line, where other users of the computer could read it.
import { resolve } from 'node:path';
import { parseCommandLine, UsageError, type CliIO } from '../../platform/command-line';
import { defaultDataDir } from '../../cli/data-dir';
import { APP_VERSION } from '../../cli/version';
import { ApiError } from '../../../shared/contract';
import { exportCaseBundle } from './export';
import { importCaseBundle, verifyCaseBundle } from './import';

/** The first line of standard input. */
export async function readStdinLine(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += (chunk as Buffer).toString('utf8');
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

const OPTIONS = {
  case: { type: 'string' },
  out: { type: 'string' },
  'data-dir': { type: 'string' },
  'passphrase-stdin': { type: 'boolean' },
  'as-new': { type: 'boolean' },
  replace: { type: 'boolean' },
} as const;

export async function caseCommand(
  argv: string[],
  io: CliIO,
  readSecret: () => Promise<string> = readStdinLine,
  /** Tests lower the scrypt cost of the passphrase. */
  workFactor?: number,
): Promise<number> {
  const [sub, ...rest] = argv;
  const { values, positionals } = parseCommandLine(rest, OPTIONS);
  const passphrase = values['passphrase-stdin'] ? await readSecret() : undefined;
  if (passphrase === '') throw new Error('the passphrase read from standard input is empty');
  if (sub === 'export') {
    const { case: caseDir, out } = values;
    if (!caseDir || !out) throw new UsageError('case export needs --case DIR and --out FILE');
    const result = await exportCaseBundle(resolve(caseDir), resolve(out), { appVersion: APP_VERSION, passphrase, workFactor });
    io.out(`${result.file}: ${result.parts} parts, ${(result.bytes / 1e6).toFixed(1)} MB${result.encrypted ? ', encrypted with the passphrase' : ''}`);
    return 0;
  }
  const file = positionals[0];
  if (sub === 'verify' && file) {
    const { header, parts, bytes } = await verifyCaseBundle(resolve(file), { passphrase });
    io.out(`${file}: case "${header.caseName}" from Relink ${header.app}, ${parts} parts, ${(bytes / 1e6).toFixed(1)} MB, every checksum matches`);
    return 0;
  }
  if (sub === 'import' && file) {
    const onClash = values.replace ? 'replace' : values['as-new'] ? 'new' : 'refuse';
    const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
    const result = await importCaseBundle(dataDir, resolve(file), { passphrase, onClash }).catch((error: unknown) => {
      if (error instanceof ApiError && error.code === 'already-exists') throw new Error(`${error.message} (--as-new or --replace)`);
      throw error;
    });
    io.out(`imported case "${result.name}" as ${resolve(dataDir, result.caseId)} (${result.parts} parts)${result.replacedKeptAs ? `; the case it replaced is kept in ${result.replacedKeptAs}` : ''}`);
    return 0;
  }
  throw new UsageError('case: export, import FILE or verify FILE?');
}
