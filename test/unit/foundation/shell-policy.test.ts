import { describe, expect, it } from 'vitest';
import { isInsideChosen, isOwnRenderer, mayAskScheme, mayRequest, isPermissionAllowed, mayNavigate, mayOpenExternally } from '../../../electron/shell/policy';

describe('Electron shell policy', () => {
  it('denies every permission but clipboard writing', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'unknown-new-permission']) {
      expect(isPermissionAllowed(p)).toBe(false);
    }
    expect(isPermissionAllowed('clipboard-sanitized-write')).toBe(true);
  });
  it('only navigates within our renderer page', () => {
    expect(mayNavigate('app://relink/#/contacts')).toBe(true);
    expect(mayNavigate('app://relink/index.html#/photos')).toBe(true);
    expect(mayNavigate('https://example.com/')).toBe(false);
    expect(mayNavigate('file:///opt/relink/dist/renderer/index.html')).toBe(false);
    expect(mayNavigate('app://relink/api/photos/file?caseId=a&sha=b')).toBe(false);
    expect(mayNavigate('app://relink.evil/')).toBe(false);
    expect(mayNavigate('app://user@relink/')).toBe(false);
    expect(isOwnRenderer('app://relink/index.html.evil')).toBe(false);
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
  it('loads only its own origin, inline data and its own blobs', () => {
    expect(mayRequest('app://relink/assets/index.js')).toBe(true);
    expect(mayRequest('app://relink/api/photos/thumb?caseId=a&sha=b')).toBe(true);
    expect(mayRequest('data:image/png;base64,AAAA')).toBe(true);
    expect(mayRequest('blob:app://relink/1234-5678')).toBe(true);
    expect(mayRequest('blob:https://example.com/1234')).toBe(false);
    expect(mayRequest('file:///opt/relink/dist/renderer/assets/index.js')).toBe(false);
    expect(mayRequest('file:///etc/passwd')).toBe(false);
    expect(mayRequest('relink-file:/api/photos/file')).toBe(false);
    expect(mayRequest('https://example.com/track.gif')).toBe(false);
    expect(mayRequest('http://127.0.0.1:8080/')).toBe(false);
    expect(mayRequest('ws://localhost/')).toBe(false);
  });
});

describe('who may ask the app:// scheme', () => {
  it('our page (its Origin, or none on a plain GET), nobody else', () => {
    expect(mayAskScheme(null)).toBe(true);
    expect(mayAskScheme('app://relink')).toBe(true);
    expect(mayAskScheme('null')).toBe(false);
    expect(mayAskScheme('https://example.com')).toBe(false);
    expect(mayAskScheme('app://other')).toBe(false);
  });
});
