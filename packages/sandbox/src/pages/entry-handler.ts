/**
 * The entry URLs (`{publicUrl}/e/LIVE...`): GET shows the host's or the
 * participant's page; POST with the form field `action` applies one lifecycle
 * transition and answers 303 to the same URL (post/redirect/get), or 409 when
 * the current status does not allow it. Other tools (Pact state handlers)
 * drive statuses with this same form post.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PageContext } from '../context.js';
import type { ActionResult, Entry, HostAction, ParticipantAction } from '../store/index.js';
import { renderHostPage, renderParticipantPage } from './entry-page.js';
import { html } from './html.js';
import { describeStatus, entryLifecycle, type EntryKind } from './entry-actions.js';
import { renderStatus } from './meeting-details.js';
import { renderMessagePage } from './message-page.js';
import { readForm } from '../http/body.js';
import { seeOther, sendHtml } from './html-response.js';
import { meetingView, participantView } from './to-view.js';

const ALLOW = 'GET, HEAD, POST';

/**
 * Answers any method on an entry URL whose token is `token`.
 * @example
 * await handleEntry(req, res, ctx, 'LIVEXP63FCLCRJW4GHT1X7O6', '/e/LIVEXP63FCLCRJW4GHT1X7O6');
 */
export async function handleEntry(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: PageContext,
  token: string,
  pathname: string,
): Promise<void> {
  if (req.method === 'GET' || req.method === 'HEAD') return showEntry(req, res, await ctx.store.findEntry(token));
  if (req.method !== 'POST') {
    req.resume();
    return sendHtml(req, res, 405, methodPage(), { allow: ALLOW });
  }
  const form = await readForm(req);
  if (!form.ok) {
    if (form.reason === 'aborted') return void res.destroy();
    const tooLarge = form.reason === 'too_large';
    const page = renderMessagePage({
      title: tooLarge ? 'Form too large' : 'Not a form',
      message: tooLarge ? 'The form sent is larger than the sandbox accepts.' : 'Send the action as an HTML form (application/x-www-form-urlencoded).',
    });
    return sendHtml(req, res, tooLarge ? 413 : 415, page, { connection: 'close' });
  }
  const entry = await ctx.store.findEntry(token);
  if (!entry) return sendHtml(req, res, 404, notFoundPage());
  if (entry.cancelled) return sendHtml(req, res, 410, gonePage(entry.kind));
  const actions = form.fields.getAll('action');
  const allowed = entryLifecycle(entry.kind).actions;
  const action = actions[0];
  if (actions.length !== 1 || action === undefined || !allowed.includes(action)) {
    const page = renderMessagePage({
      title: 'Unknown action',
      message: `Send exactly one form field "action" with one of: ${allowed.join(', ')}.`,
      details: backLink(),
    });
    return sendHtml(req, res, 400, page);
  }
  const result: ActionResult =
    entry.kind === 'host'
      ? await ctx.store.applyHostAction(token, action as HostAction)
      : await ctx.store.applyParticipantAction(token, action as ParticipantAction);
  if (result.ok) return seeOther(res, pathname);
  switch (result.reason) {
    case 'unknown_token':
      return sendHtml(req, res, 404, notFoundPage());
    case 'cancelled':
      return sendHtml(req, res, 410, gonePage(entry.kind));
    default:
      return sendHtml(req, res, 409, conflictPage(entry.kind, action, result));
  }
}

function showEntry(req: IncomingMessage, res: ServerResponse, entry: Entry | undefined): void {
  if (!entry) return sendHtml(req, res, 404, notFoundPage());
  if (entry.cancelled) return sendHtml(req, res, 410, gonePage(entry.kind));
  const page =
    entry.kind === 'host'
      ? renderHostPage(meetingView(entry.meeting))
      : renderParticipantPage(meetingView(entry.meeting), participantView(entry.participant));
  sendHtml(req, res, 200, page);
}

function conflictPage(kind: EntryKind, action: string, result: Extract<ActionResult, { ok: false }>): string {
  const status = result.status ?? '';
  const finished = result.reason === 'meeting_finished';
  const current = describeStatus(kind, status);
  return renderMessagePage({
    title: 'Action not possible',
    message: finished
      ? `"${action}" is not possible: the meeting is over.`
      : `"${action}" is not possible from the current status, ${current.name} (${current.value}).`,
    details: html`${renderStatus(kind, status, kind === 'host' ? 'meeting-status' : 'participant-status', false)}${backLink()}`,
  });
}

function gonePage(kind: EntryKind): string {
  return renderMessagePage(
    kind === 'host'
      ? { title: 'Meeting cancelled', message: 'This meeting was cancelled. Its links admit no one.' }
      : { title: 'Invitation cancelled', message: 'This invitation, or its meeting, was cancelled. The link admits no one.' },
  );
}

function notFoundPage(): string {
  return renderMessagePage({ title: 'Not found', message: 'No meeting or invitation has this link.' });
}

function methodPage(): string {
  return renderMessagePage({ title: 'Method not allowed', message: `This page answers ${ALLOW}.` });
}

// An empty href is the page's own URL: after a refused POST, the entry page again.
function backLink() {
  return html`<p><a href="">Back to the page</a></p>`;
}
