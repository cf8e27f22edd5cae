/**
 * The dashboard at `/`: one account's live meetings with their participants
 * and statuses. It shows no entry URL and no credential, only what the
 * account's own API calls could read.
 */
import { html } from './html.js';
import { renderDocument } from './layout.js';
import { describeStatus } from './entry-actions.js';
import { formatDuration, meetingTitle, renderStatus, renderTime } from './meeting-details.js';
import type { MeetingWithParticipantsView } from './views.js';

/**
 * Renders the dashboard of one account.
 * @example
 * const page = renderDashboardPage('trw76p0066423', [{ meetingKey: 'k', status: '1', participants: [] }]);
 * page.includes('1 live meeting'); // true
 */
export function renderDashboardPage(accountSid: string, meetings: readonly MeetingWithParticipantsView[]): string {
  const count = `${meetings.length} live ${meetings.length === 1 ? 'meeting' : 'meetings'}`;
  const sections = meetings.map((meeting, index) => {
    const id = `meeting-${index + 1}`;
    const rows = meeting.participants.map((p) => {
      const status = describeStatus('participant', p.status);
      return html`<tr data-puid="${p.puid}" data-status="${status.value}"><td>${p.puid}</td><td>${p.nickname ?? ''}</td><td>${status.name} (${status.value})</td></tr>`;
    });
    const participants =
      rows.length === 0
        ? html`<p>No participants.</p>`
        : html`<table><caption>Participants</caption><thead><tr><th scope="col">puid</th><th scope="col">Nickname</th><th scope="col">Status</th></tr></thead><tbody>${rows}</tbody></table>`;
    return html`<section class="meeting" aria-labelledby="${id}" data-meeting-key="${meeting.meetingKey}">
<h2 id="${id}">${meetingTitle(meeting)}</h2>
<dl>
<dt>Meeting key</dt><dd>${meeting.meetingKey}</dd>
<dt>Host</dt><dd>${meeting.hostid ?? ''}${meeting.hostNickname ? ` (${meeting.hostNickname})` : ''}</dd>
<dt>Time</dt><dd>${renderTime(meeting.time)}</dd>
<dt>Duration</dt><dd>${formatDuration(meeting.duration)}</dd>
${meeting.meetingUrl ? html`<dt>Lobby</dt><dd><a href="${meeting.meetingUrl}">${meeting.meetingUrl}</a></dd>` : ''}
</dl>
${renderStatus('host', meeting.status, `${id}-status`, false)}
${participants}
</section>`;
  });
  const body = html`<p>Account <strong>${accountSid}</strong>: <span id="meeting-count" data-count="${meetings.length}">${count}</span>.</p>
${meetings.length === 0 ? html`<p>Create one with createMeeting.</p>` : sections}`;
  return renderDocument({ title: 'Dashboard', body });
}
