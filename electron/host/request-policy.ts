// Who may talk to the browser-mode host. Pure and small so it can be tested on its own:
// - the Host header must name our own loopback address (defeats DNS rebinding);
// - an Origin header, when the browser sends one, must be our own origin (defeats other sites);
// - every API request must carry the per-launch token (header, or query for EventSource/img).
import { timingSafeEqual } from 'node:crypto';

export interface PolicyInput {
  path: string;
  host: string | undefined;
  origin: string | undefined;
  headerToken: string | undefined;
  queryToken: string | null;
}

export type PolicyDecision = { allow: true } | { allow: false; status: 401 | 403 | 421; reason: string };

export function tokensEqual(given: string | undefined | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function decide(input: PolicyInput, own: { port: number; token: string }): PolicyDecision {
  const allowedHosts = [`127.0.0.1:${own.port}`, `localhost:${own.port}`];
  if (!input.host || !allowedHosts.includes(input.host.toLowerCase())) {
    return { allow: false, status: 421, reason: 'wrong host' };
  }
  if (input.origin !== undefined && !allowedHosts.some((h) => input.origin === `http://${h}`)) {
    return { allow: false, status: 403, reason: 'foreign origin' };
  }
  if (!input.path.startsWith('/api/')) return { allow: true };
  if (tokensEqual(input.headerToken, own.token) || tokensEqual(input.queryToken, own.token)) return { allow: true };
  return { allow: false, status: 401, reason: 'missing or wrong token' };
}
