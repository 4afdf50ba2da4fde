// Who may talk to the browser-mode host. Pure and small so it can be tested on its own:
// - the Host header must name our own loopback address (defeats DNS rebinding);
// - an Origin header, when the browser sends one, must be our own origin (defeats other sites);
// - every API request must carry the per-launch token: in the x-relink-token header (the CLI,
//   tests) or in the session cookie the page received for it.
// The launch URL carries the token once (`/?token=…`): that first GET of a page exchanges it for an
// HttpOnly, SameSite=Strict cookie and is redirected to the same address without it, so the token
// does not stay in the address bar or the browser's history. The query token is taken only by the
// first page GET of the launch: after that it opens nothing by itself (another local user who read it
// on the opener's command line, or in the history, is too late), only a browser already holding the
// cookie may still arrive with it. It is never accepted from a query string on the API: a URL leaks
// (history, logs, the opener's command line).
import { timingSafeEqual } from 'node:crypto';

export interface PolicyInput {
  method: string;
  path: string;
  host: string | undefined;
  origin: string | undefined;
  headerToken: string | undefined;
  /** The query string as sent (`?a=b&token=…`), so the exchange can drop the token and keep the rest. */
  search: string;
  queryToken: string | null;
  /** The Cookie header as sent. */
  cookie: string | undefined;
}

export type PolicyDecision =
  | { allow: true }
  /** A page GET with the launch token: set the session cookie and send the browser to `location`. */
  | { allow: true; exchange: { setCookie: string; location: string } }
  | { allow: false; status: 401 | 403 | 421; reason: string };

export function tokensEqual(given: string | undefined | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Cookies are shared by every port of a host, so the name carries ours: two launches never clash. */
export function sessionCookieName(port: number): string {
  return `relink_session_${port}`;
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export interface OwnLaunch {
  port: number;
  token: string;
  /** The launch URL's token was already exchanged for a cookie (by the first page GET). */
  launchTokenUsed: boolean;
}

export function decide(input: PolicyInput, own: OwnLaunch): PolicyDecision {
  const allowedHosts = [`127.0.0.1:${own.port}`, `localhost:${own.port}`];
  if (!input.host || !allowedHosts.includes(input.host.toLowerCase())) {
    return { allow: false, status: 421, reason: 'wrong host' };
  }
  if (input.origin !== undefined && !allowedHosts.some((h) => input.origin === `http://${h}`)) {
    return { allow: false, status: 403, reason: 'foreign origin' };
  }
  const name = sessionCookieName(own.port);
  const hasCookie = tokensEqual(cookieValue(input.cookie, name), own.token);
  if (!input.path.startsWith('/api/')) {
    if (input.queryToken === null) return { allow: true };
    if (input.method !== 'GET' || !tokensEqual(input.queryToken, own.token)) return { allow: false, status: 401, reason: 'wrong token' };
    if (own.launchTokenUsed && !hasCookie) {
      return { allow: false, status: 401, reason: 'this launch link was used already; start Relink again for a new one' };
    }
    const params = new URLSearchParams(input.search);
    params.delete('token');
    const rest = params.toString();
    return {
      allow: true,
      exchange: {
        setCookie: `${name}=${own.token}; HttpOnly; SameSite=Strict; Path=/`,
        location: input.path + (rest ? `?${rest}` : ''),
      },
    };
  }
  if (tokensEqual(input.headerToken, own.token) || hasCookie) {
    return { allow: true };
  }
  return { allow: false, status: 401, reason: 'missing or wrong token' };
}
