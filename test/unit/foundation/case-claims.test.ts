// One import of a kind per case: the second call is refused at once, whatever its lookups would
// have cost, and the case is free again when the first ends, failed or not.
import { describe, expect, it } from 'vitest';
import { CaseClaims } from '../../../electron/api/case-claims';

const later = <T,>(value: T, ms: number) => new Promise<T>((done) => setTimeout(() => done(value), ms));

describe('CaseClaims', () => {
  it('refuses a second run for the same case while the first runs, even if the first is slower to start', async () => {
    const claims = new CaseClaims('busy here');
    const first = claims.run('王家', () => later('first', 30));
    const second = claims.run('王家', () => later('second', 0));
    await expect(second).rejects.toMatchObject({ code: 'busy', message: 'busy here' });
    await expect(first).resolves.toBe('first');
    await expect(claims.run('王家', async () => 'again')).resolves.toBe('again');
  });

  it('frees the case when the work fails, lets other cases run alongside, and treats letter case as one case', async () => {
    const claims = new CaseClaims('busy');
    await expect(claims.run('a', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    const a = claims.run('Case-A', () => later(1, 20));
    await expect(claims.run('case-a', async () => 2)).rejects.toMatchObject({ code: 'busy' });
    await expect(claims.run('Case-B', async () => 3)).resolves.toBe(3);
    await expect(a).resolves.toBe(1);
  });
});
