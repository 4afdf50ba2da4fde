// GET endpoints that return files rather than JSON (pictures, exports), addressed by URL so that
// <img> and download links work; the token rides in the query. Capabilities register here.
import type { ServerResponse } from 'node:http';
import type { Backend } from '../api/backend';

export type ExtraRoute = (backend: Backend, url: URL, res: ServerResponse) => Promise<void>;

const routes: { prefix: string; route: ExtraRoute }[] = [];

export function registerExtraRoute(prefix: string, route: ExtraRoute): void {
  routes.push({ prefix, route });
}

export function routeExtra(pathname: string): ExtraRoute | undefined {
  return routes.find((r) => pathname.startsWith(r.prefix))?.route;
}
