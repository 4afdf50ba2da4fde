import { describe, expect, it } from 'vitest';
import { parseArgs, stringOption } from '../../../electron/cli/args';
import { defaultDataDir } from '../../../electron/cli/data-dir';
import { findElectronBinary, hasDisplay } from '../../../electron/cli/electron-launch';
import { localeFromTags } from '../../../electron/settings/system-locale';

describe('command line', () => {
  it('parses flags, valued options and positionals', () => {
    const args = parseArgs(['--browser', '--port', '8080', '--data-dir=/tmp/x', 'a.vcf', '--no-open'], ['port', 'data-dir']);
    expect(args.options.get('browser')).toBe(true);
    expect(stringOption(args, 'port')).toBe('8080');
    expect(stringOption(args, 'data-dir')).toBe('/tmp/x');
    expect(args.options.get('no-open')).toBe(true);
    expect(args.positionals).toEqual(['a.vcf']);
    expect(() => parseArgs(['--port'], ['port'])).toThrow(/needs a value/);
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
});
