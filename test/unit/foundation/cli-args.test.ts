import { describe, expect, it } from 'vitest';
import { parseCommandLine, runCommand, UsageError } from '../../../electron/platform/command-line';
import { defaultDataDir } from '../../../electron/cli/data-dir';
import { findElectronBinary, hasDisplay } from '../../../electron/cli/electron-launch';
import { localeFromTags } from '../../../electron/settings/system-locale';

describe('command line', () => {
  const options = { browser: { type: 'boolean' }, port: { type: 'string' }, 'data-dir': { type: 'string' }, 'no-open': { type: 'boolean' } } as const;

  it('parses flags, valued options and positionals (one parser: node:util parseArgs)', () => {
    const { values, positionals } = parseCommandLine(['--browser', '--port', '8080', '--data-dir=/tmp/x', 'a.vcf', '--no-open', '--', '--odd.vcf'], options);
    expect(values).toEqual({ browser: true, port: '8080', 'data-dir': '/tmp/x', 'no-open': true });
    expect(positionals).toEqual(['a.vcf', '--odd.vcf']);
  });

  it('an unknown option, a missing value or a stray argument is a usage mistake, told in one sentence', () => {
    expect(() => parseCommandLine(['--port'], options)).toThrow(UsageError);
    expect(() => parseCommandLine(['--colour'], options)).toThrow(/^Unknown option '--colour'$/);
    expect(() => parseCommandLine(['a.vcf'], options, { positionals: false })).toThrow(UsageError);
    // Not strict (the Electron shell): switches it does not know pass by.
    expect(parseCommandLine(['--enable-logging', '--data-dir', '/d'], options, { strict: false }).values['data-dir']).toBe('/d');
  });

  it('a command ends 2 with the usage after a usage mistake, 1 with the message after a failure', async () => {
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(`out ${l}`), err: (l: string) => lines.push(`err ${l}`) };
    expect(await runCommand(io, 'usage: x --case DIR', async () => parseCommandLine(['--nope'], options) && 0)).toBe(2);
    expect(await runCommand(io, 'usage: x', async () => Promise.reject(new Error('disk full')))).toBe(1);
    expect(lines).toEqual(["err Unknown option '--nope'", 'err usage: x --case DIR', 'err disk full']);
  });
  it('uses the same data folder Electron would', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/home/u/.config' }, 'linux')).toBe('/home/u/.config/Relink');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32')).toMatch(/Relink$/);
  });
  it('knows when there is no display or no Electron binary', () => {
    expect(hasDisplay({}, 'linux')).toBe(false);
    expect(hasDisplay({ DISPLAY: ':0' }, 'linux')).toBe(true);
    const check = findElectronBinary({});
    if (!check.ok) expect(check.reason).toMatch(/Electron|electron/);
  });
  it('picks the UI language from the system locale', () => {
    expect(localeFromTags(['zh_CN.UTF-8'])).toBe('zh-CN');
    expect(localeFromTags(['C', 'zh-TW'])).toBe('zh-CN');
    expect(localeFromTags([undefined, 'en_US.UTF-8'])).toBe('en');
    expect(localeFromTags([])).toBe('en');
  });
});

describe('relink help', () => {
  it('prints usage for --help instead of starting the app', async () => {
    const { runCli } = await import('../../../electron/cli/main');
    const out: string[] = [];
    const code = await runCli(['--help'], { out: (l) => out.push(l), err: (l) => out.push(l) });
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/relink import --case DIR/);
    expect(out.join('\n')).toMatch(/relink mark --case DIR --person ID/);
  });

  it('a usage mistake in any command ends 2 with that command\'s usage; help loads no command module', async () => {
    const { runCli } = await import('../../../electron/cli/main');
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    expect(await runCli(['photos', 'list', '--frob'], io)).toBe(2);
    expect(lines).toEqual(["relink: Unknown option '--frob'", expect.stringMatching(/^usage: relink photos import\|list\|verify/)]);
    lines.length = 0;
    expect(await runCli(['mark', '--case', '/nowhere'], io)).toBe(2);
    expect(lines[0]).toBe('relink: --person is required');
  });
});
