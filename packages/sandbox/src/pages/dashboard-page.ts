/**
 * The dashboard at `/`: one account's recent API calls (the request
 * inspector) and its live meetings, a page at a time, with their
 * participants and statuses. It shows no entry URL and no credential, only
 * what the account's own API calls could read.
 */
import type { CallRecord } from '../calls/call-log.js';
import { html } from './html.js';
import { renderDocument } from './layout.js';
import { describeStatus } from './entry-actions.js';
import { renderCallsSection } from './dashboard-calls.js';
import { MEETINGS_PER_PAGE, renderPager, renderSearchForm, type DashboardQuery } from './dashboard-paging.js';
import { formatDuration, meetingTitle, renderStatus, renderTime } from './meeting-details.js';
import type { MeetingWithParticipantsView } from './views.js';

/** What one dashboard page shows. */
export interface DashboardPage {
  readonly accountSid: string;
  /** The meetings of this page (of the search, when there is one). */
  readonly meetings: readonly MeetingWithParticipantsView[];
  /** Live meetings of the account (of the search, when there is one). */
  readonly total?: number;
  /** The page and search shown; default page 1 of everything. */
  readonly query?: DashboardQuery;
  /** The account's recent calls, newest first; undefined when the inspector is off. */
  readonly calls?: readonly CallRecord[] | undefined;
}

/**
 * Participants listed per meeting: a page stays small whatever a meeting holds (a meeting may
 * have as many participants as the account has users).
 */
export const PARTICIPANTS_SHOWN = 20;

const meetingsText = (count: number): string => `${count} live ${count === 1 ? 'meeting' : 'meetings'}`;

/**
 * Renders the dashboard of one account.
 * @example
 * const page = renderDashboardPage({ accountSid: 'trw76p0066423', meetings: [{ meetingKey: 'k', status: '1', participants: [] }] });
 * page.includes('1 live meeting'); // true
 */
export function renderDashboardPage(dashboard: DashboardPage): string {
  const { accountSid, meetings } = dashboard;
  const query = dashboard.query ?? { page: 1, q: '' };
  const total = dashboard.total ?? meetings.length;
  const first = (query.page - 1) * MEETINGS_PER_PAGE;
  const sections = meetings.map((meeting, index) => {
    const id = `meeting-${first + index + 1}`;
    const rows = meeting.participants.slice(0, PARTICIPANTS_SHOWN).map((p) => {
      const status = describeStatus('participant', p.status);
      return html`<tr data-puid="${p.puid}" data-status="${status.value}"><td>${p.puid}</td><td>${p.nickname ?? ''}</td><td>${status.name} (${status.value})</td></tr>`;
    });
    const hidden = meeting.participants.length - rows.length;
    const participants =
      rows.length === 0
        ? html`<p>No participants.</p>`
        : html`<table><caption>Participants</caption><thead><tr><th scope="col">puid</th><th scope="col">Nickname</th><th scope="col">Status</th></tr></thead><tbody>${rows}</tbody></table>
${hidden > 0 ? html`<p class="more" data-hidden="${hidden}">And ${hidden} more ${hidden === 1 ? 'participant' : 'participants'} (getParticipantStatus reads any of them).</p>` : ''}`;
    return html`<section class="meeting" aria-labelledby="${id}" data-meeting-key="${meeting.meetingKey}">
<h3 id="${id}">${meetingTitle(meeting)}</h3>
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
  const searching = query.q !== '';
  const count = searching
    ? html`<span id="meeting-count" data-count="${total}">${total} ${total === 1 ? 'meeting matches' : 'meetings match'} “${query.q}”</span>`
    : html`<span id="meeting-count" data-count="${total}">${meetingsText(total)}</span>`;
  const shown =
    meetings.length === 0
      ? html``
      : html`<p id="meeting-range" data-first="${first + 1}" data-last="${first + meetings.length}">Showing ${first + 1} to ${first + meetings.length}, newest first.</p>`;
  const empty = searching ? html`<p>No meeting matches. <a href="?">Show all meetings</a>.</p>` : html`<p>Create one with createMeeting.</p>`;
  const pager = renderPager(query, total);
  const body = html`<p>Account <strong>${accountSid}</strong>: ${count}.</p>
${renderCallsSection(dashboard.calls)}
<section class="meetings" aria-labelledby="meetings-heading">
<h2 id="meetings-heading">Meetings</h2>
${renderSearchForm(query.q)}
${shown}
${pager}
${meetings.length === 0 ? empty : sections}
${meetings.length > 10 ? pager : ''}
</section>`;
  return renderDocument({ title: 'Dashboard', body });
}
