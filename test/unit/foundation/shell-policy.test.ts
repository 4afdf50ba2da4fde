import { describe, expect, it } from 'vitest';
import { isInsideChosen, isOwnRenderer, mayRequest, isPermissionAllowed, mayNavigate, mayOpenExternally } from '../../../electron/shell/policy';

const dir = '/opt/relink/dist/renderer';

describe('Electron shell policy', () => {
  it('denies every permission but clipboard writing', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'unknown-new-permission']) {
      expect(isPermissionAllowed(p)).toBe(false);
    }
    expect(isPermissionAllowed('clipboard-sanitized-write')).toBe(true);
  });
  it('only navigates within our renderer page', () => {
    expect(mayNavigate(`file://${dir}/index.html#/contacts`, dir)).toBe(true);
    expect(mayNavigate('https://example.com/', dir)).toBe(false);
    expect(mayNavigate(`file://${dir}/../../etc/passwd`, dir)).toBe(false);
    expect(isOwnRenderer(`file://${dir}/index.html.evil`, dir)).toBe(false);
  });
  it('opens only mail and SMS drafts outside', () => {
    expect(mayOpenExternally('mailto:a@b.c?subject=hi')).toBe(true);
    expect(mayOpenExternally('sms:+8613800138000')).toBe(true);
    expect(mayOpenExternally('https://example.com')).toBe(false);
    expect(mayOpenExternally('javascript:alert(1)')).toBe(false);
    expect(mayOpenExternally('not a url')).toBe(false);
  });
});

describe('paths the renderer may have read', () => {
  it('allows a chosen file and anything inside a chosen folder, nothing else', () => {
    const chosen = ['/home/u/export', '/home/u/a.vcf'];
    expect(isInsideChosen('/home/u/a.vcf', chosen)).toBe(true);
    expect(isInsideChosen('/home/u/export/sub/x.vcf', chosen)).toBe(true);
    expect(isInsideChosen('/home/u/export/../secret.txt', chosen)).toBe(false);
    expect(isInsideChosen('/home/u/export-other/x', chosen)).toBe(false);
    expect(isInsideChosen('/etc/passwd', chosen)).toBe(false);
  });
});

describe('requests the window may make', () => {
  it('loads only its own files, inline data and downloads', () => {
    expect(mayRequest('file:///opt/relink/dist/renderer/assets/index.js')).toBe(true);
    expect(mayRequest('data:image/png;base64,AAAA')).toBe(true);
    expect(mayRequest('blob:file:///1234-5678')).toBe(true);
    expect(mayRequest('https://example.com/track.gif')).toBe(false);
    expect(mayRequest('http://127.0.0.1:8080/')).toBe(false);
    expect(mayRequest('ws://localhost/')).toBe(false);
  });
});
