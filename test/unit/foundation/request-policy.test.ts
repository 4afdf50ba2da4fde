import { describe, expect, it } from 'vitest';
import { cookieValue, decide, sessionCookieName } from '../../../electron/host/request-policy';

const own = { port: 4321, token: 'secret-token', launchTokenUsed: false };
const base = {
  method: 'POST',
  path: '/api/call/app.info',
  search: '',
  host: '127.0.0.1:4321',
  origin: undefined,
  headerToken: 'secret-token',
  queryToken: null,
  cookie: undefined,
};
const session = `${sessionCookieName(4321)}=secret-token`;

describe('browser host request policy', () => {
  it('allows our own page with the token', () => {
    expect(decide({ ...base, origin: 'http://127.0.0.1:4321' }, own)).toEqual({ allow: true });
  });
  it('rejects API calls without the token or with a wrong one', () => {
    expect(decide({ ...base, headerToken: undefined }, own)).toMatchObject({ allow: false, status: 401 });
    expect(decide({ ...base, headerToken: 'secret-tokeN' }, own)).toMatchObject({ allow: false, status: 401 });
    expect(decide({ ...base, headerToken: undefined, cookie: `${sessionCookieName(4321)}=secret-tokeN` }, own)).toMatchObject({ allow: false });
  });
  it('accepts the session cookie of this port only', () => {
    expect(decide({ ...base, headerToken: undefined, cookie: `theme=dark; ${session}` }, own)).toEqual({ allow: true });
    expect(decide({ ...base, headerToken: undefined, cookie: `${sessionCookieName(9999)}=secret-token` }, own)).toMatchObject({ allow: false, status: 401 });
  });
  it('never takes the token from the query of an API request (URLs leak)', () => {
    expect(decide({ ...base, headerToken: undefined, queryToken: 'secret-token', search: '?token=secret-token' }, own)).toMatchObject({
      allow: false,
      status: 401,
    });
  });
  it('exchanges the launch token of a page GET for an HttpOnly SameSite=Strict cookie and drops it from the URL', () => {
    const decision = decide({ ...base, method: 'GET', path: '/', headerToken: undefined, queryToken: 'secret-token', search: '?lang=en&token=secret-token' }, own);
    expect(decision).toEqual({
      allow: true,
      exchange: { setCookie: `${session}; HttpOnly; SameSite=Strict; Path=/`, location: '/?lang=en' },
    });
    expect(decide({ ...base, method: 'GET', path: '/', headerToken: undefined, queryToken: 'guess', search: '?token=guess' }, own)).toMatchObject({ allow: false, status: 401 });
  });
  it('takes the query token only once, and only by a GET: later it opens nothing without the cookie', () => {
    const launchGet = { ...base, method: 'GET', path: '/', headerToken: undefined, queryToken: 'secret-token', search: '?token=secret-token' };
    const used = { ...own, launchTokenUsed: true };
    expect(decide(launchGet, used)).toMatchObject({ allow: false, status: 401, reason: expect.stringMatching(/used already/) });
    // The browser that took it may come back by the same link (a bookmark, the history): only dropped from the URL.
    expect(decide({ ...launchGet, cookie: session }, used)).toMatchObject({ allow: true, exchange: { location: '/' } });
    expect(decide({ ...launchGet, cookie: `${sessionCookieName(4321)}=guess` }, used)).toMatchObject({ allow: false, status: 401 });
    // Not by a POST, even the first time.
    expect(decide({ ...launchGet, method: 'POST' }, own)).toMatchObject({ allow: false, status: 401 });
  });
  it('rejects other origins even with the token', () => {
    expect(decide({ ...base, origin: 'http://evil.example' }, own)).toMatchObject({ allow: false, status: 403 });
    expect(decide({ ...base, origin: 'http://127.0.0.1:9999' }, own)).toMatchObject({ allow: false, status: 403 });
    expect(decide({ ...base, headerToken: undefined, cookie: session, origin: 'http://evil.example' }, own)).toMatchObject({ allow: false, status: 403 });
  });
  it('rejects a foreign Host header (DNS rebinding)', () => {
    expect(decide({ ...base, host: 'attacker.example:4321' }, own)).toMatchObject({ allow: false, status: 421 });
  });
  it('serves the static page without the token', () => {
    expect(decide({ ...base, method: 'GET', path: '/', headerToken: undefined }, own)).toEqual({ allow: true });
    expect(decide({ ...base, method: 'GET', path: '/', headerToken: undefined }, { ...own, launchTokenUsed: true })).toEqual({ allow: true });
  });
  it('reads one cookie out of a Cookie header', () => {
    expect(cookieValue('a=1; b = 2 ;c=3', 'b')).toBe('2');
    expect(cookieValue('ab=1', 'a')).toBeUndefined();
    expect(cookieValue(undefined, 'a')).toBeUndefined();
  });
});
