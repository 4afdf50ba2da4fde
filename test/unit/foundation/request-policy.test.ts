import { describe, expect, it } from 'vitest';
import { decide } from '../../../electron/host/request-policy';

const own = { port: 4321, token: 'secret-token' };
const base = { path: '/api/call/app.info', host: '127.0.0.1:4321', origin: undefined, headerToken: 'secret-token', queryToken: null };

describe('browser host request policy', () => {
  it('allows our own page with the token', () => {
    expect(decide({ ...base, origin: 'http://127.0.0.1:4321' }, own)).toEqual({ allow: true });
  });
  it('rejects API calls without the token or with a wrong one', () => {
    expect(decide({ ...base, headerToken: undefined }, own)).toMatchObject({ allow: false, status: 401 });
    expect(decide({ ...base, headerToken: 'secret-tokeN' }, own)).toMatchObject({ allow: false, status: 401 });
  });
  it('accepts the token in the query for event streams and pictures', () => {
    expect(decide({ ...base, headerToken: undefined, queryToken: 'secret-token' }, own)).toEqual({ allow: true });
  });
  it('rejects other origins even with the token', () => {
    expect(decide({ ...base, origin: 'http://evil.example' }, own)).toMatchObject({ allow: false, status: 403 });
    expect(decide({ ...base, origin: 'http://127.0.0.1:9999' }, own)).toMatchObject({ allow: false, status: 403 });
  });
  it('rejects a foreign Host header (DNS rebinding)', () => {
    expect(decide({ ...base, host: 'attacker.example:4321' }, own)).toMatchObject({ allow: false, status: 421 });
  });
  it('serves the static page without the token', () => {
    expect(decide({ ...base, path: '/', headerToken: undefined }, own)).toEqual({ allow: true });
  });
});
