/**
 * The lobby behind meetingUrl: the meeting's title, time, status and how many
 * participants it has. It offers no action; entering is done from entry URLs.
 */
import { html } from './html.js';
import { renderDocument } from './layout.js';
import { meetingTitle, renderMeetingDetails, renderStatus } from './meeting-details.js';
import type { MeetingView } from './views.js';

/**
 * Renders the lobby of one meeting.
 * @example
 * const page = renderLobbyPage({ meetingKey: 'k', title: 'Weekly', status: '1' }, 2);
 * page.includes('2 participants'); // true
 */
export function renderLobbyPage(meeting: MeetingView, participantCount: number): string {
  const count = `${participantCount} ${participantCount === 1 ? 'participant' : 'participants'}`;
  const body = html`<p>Lobby of this meeting. Participants enter with their own invitation link.</p>
${renderMeetingDetails(meeting, [html`<dt>Participants</dt><dd id="participant-count" data-count="${participantCount}">${count}</dd>`])}
<section aria-labelledby="status-heading"><h2 id="status-heading">Meeting status</h2>${renderStatus('host', meeting.status, 'meeting-status')}</section>`;
  return renderDocument({ title: meetingTitle(meeting), body });
}
