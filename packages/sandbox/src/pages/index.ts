/**
 * @module pages
 * The sandbox's server-rendered pages: the entry pages behind hostUrl and
 * participantUrl, the lobby behind meetingUrl, and the dashboard at `/`.
 * Plain HTML with forms: no JavaScript, no cookies, embeddable in any iframe.
 * createApp calls {@link handlePage} for every request that is not an API operation.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PageContext } from '../context.js';
import { handleDashboard } from './dashboard-handler.js';
import { handleEntry } from './entry-handler.js';
import { handleLobby } from './lobby-handler.js';
import { matchPage } from './routes.js';

/**
 * Answers a page request. Resolves true when it answered, false when the path
 * is no page (or a lobby or dashboard path with another method than GET or
 * HEAD), so that the app answers its JSON 404 or 405. Rejects when the store
 * fails; the app then answers its JSON failure shape (`internal_error`).
 * @example
 * const server = createServer(async (req, res) => {
 *   if (!(await handlePage(req, res, { store, accounts, publicUrl }))) notFound(res);
 * });
 */
export async function handlePage(req: IncomingMessage, res: ServerResponse, ctx: PageContext): Promise<boolean> {
  const pathname = (req.url ?? '/').split('?')[0] ?? '/';
  const route = matchPage(ctx.publicUrl, pathname);
  if (!route) return false;
  const read = req.method === 'GET' || req.method === 'HEAD';
  if (route.page !== 'entry' && !read) return false;
  // A store that fails (a database gone away) rejects: createApp answers its JSON failure shape, internal_error.
  if (route.page === 'entry') await handleEntry(req, res, ctx, route.token, pathname);
  else if (route.page === 'lobby') await handleLobby(req, res, ctx, route.code);
  else await handleDashboard(req, res, ctx);
  return true;
}
