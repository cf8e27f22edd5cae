/**
 * The lobby URL (`{publicUrl}/{code}`): GET shows the meeting's title, time,
 * status and participant count; a cancelled meeting is 410, an unknown code 404.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PageContext } from '../context.js';
import { renderLobbyPage } from './lobby-page.js';
import { renderMessagePage } from './message-page.js';
import { sendHtml } from './html-response.js';
import { meetingView } from './to-view.js';

/**
 * Answers GET or HEAD on a lobby URL.
 * @example
 * await handleLobby(req, res, ctx, '03P23Z');
 */
export async function handleLobby(req: IncomingMessage, res: ServerResponse, ctx: PageContext, code: string): Promise<void> {
  const meeting = await ctx.store.findMeetingByCode(code);
  if (!meeting) {
    return sendHtml(req, res, 404, renderMessagePage({ title: 'Not found', message: 'No meeting has this link.' }));
  }
  if (meeting.cancelled) {
    const page = renderMessagePage({ title: 'Meeting cancelled', message: 'This meeting was cancelled. Its links admit no one.' });
    return sendHtml(req, res, 410, page);
  }
  // The store offers participants per account; the lobby needs only this meeting's live ones.
  const live = (await ctx.store.listMeetings(meeting.accountSid)).find((m) => m.code === meeting.code);
  sendHtml(req, res, 200, renderLobbyPage(meetingView(meeting), live?.participants.length ?? 0));
}
