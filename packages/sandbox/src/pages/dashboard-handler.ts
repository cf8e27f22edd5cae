/**
 * The dashboard (`{publicUrl}/`): HTTP basic auth with an account's
 * credentials (checked in constant time by the account registry), then that
 * account's recent API calls and one page of its live meetings
 * (`?page=2&q=weekly`). This is a page, not an API operation, so a missing
 * or wrong login gets 401 with a Basic challenge, and a bad query 400.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PageContext } from '../context.js';
import { DASHBOARD_CALLS } from './dashboard-calls.js';
import { renderDashboardPage } from './dashboard-page.js';
import { MEETINGS_PER_PAGE, parseDashboardQuery } from './dashboard-paging.js';
import { renderMessagePage } from './message-page.js';
import { sendHtml } from './html-response.js';
import { dashboardView } from './to-view.js';

/**
 * The Basic challenge of the dashboard.
 * @example
 * res.setHeader('www-authenticate', DASHBOARD_CHALLENGE);
 */
export const DASHBOARD_CHALLENGE = 'Basic realm="LiveMinutes sandbox", charset="UTF-8"';

/**
 * Answers GET or HEAD on the dashboard.
 * @example
 * await handleDashboard(req, res, ctx); // 401 without credentials, else the account's meetings
 */
export async function handleDashboard(req: IncomingMessage, res: ServerResponse, ctx: PageContext): Promise<void> {
  const accountSid = ctx.accounts.authenticate(req.headers.authorization) ?? (await ctx.accounts.lookup(req.headers.authorization));
  if (accountSid === undefined) {
    const page = renderMessagePage({
      title: 'Sign in',
      message: 'The dashboard needs an account: user AccountSid, password AuthToken.',
    });
    return sendHtml(req, res, 401, page, { 'www-authenticate': DASHBOARD_CHALLENGE });
  }
  const parsed = parseDashboardQuery(req.url ?? '/');
  if (!parsed.ok) return sendHtml(req, res, 400, renderMessagePage({ title: 'Bad request', message: parsed.problem }));
  const { q, page } = parsed.query;
  const found = await ctx.store.listMeetingsPage(accountSid, { search: q, page, perPage: MEETINGS_PER_PAGE });
  const meetings = found.meetings.map((meeting) => dashboardView(meeting, ctx.publicUrl));
  const calls = ctx.calls?.recent(accountSid, { limit: DASHBOARD_CALLS });
  sendHtml(req, res, 200, renderDashboardPage({ accountSid, meetings, total: found.total, query: { page: found.page, q }, calls }));
}
