/**
 * Fragments shared by the pages: a meeting's details and a status box whose
 * name and meaning come from the spec's enums.
 */
import { html, type SafeHtml } from './html.js';
import { describeStatus, type EntryKind } from './entry-actions.js';
import type { MeetingView } from './views.js';

const SPEC_TIME = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/;

/**
 * A meeting's title for headings; an empty title is shown as such.
 * @example
 * meetingTitle({ meetingKey: 'k', status: '1', title: '' }); // 'Untitled meeting'
 */
export function meetingTitle(meeting: Pick<MeetingView, 'title'>): string {
  return meeting.title ? meeting.title : 'Untitled meeting';
}

/**
 * A spec time (`yyyy-MM-dd HH:mm:ss`, UTC) as a <time> element, or "Not set".
 * @example
 * renderTime('2026-12-01 10:00:00').value; // '<time datetime="2026-12-01T10:00:00Z">2026-12-01 10:00:00 UTC</time>'
 */
export function renderTime(time: string | null | undefined): SafeHtml {
  if (!time) return html`Not set`;
  const match = SPEC_TIME.exec(time);
  if (!match) return html`${time}`;
  return html`<time datetime="${match[1]}T${match[2]}Z">${time} UTC</time>`;
}

/**
 * A duration in minutes, or "Not set".
 * @example
 * formatDuration(1); // '1 minute'
 */
export function formatDuration(duration: number | string | null | undefined): string {
  if (duration === null || duration === undefined || duration === '') return 'Not set';
  return `${duration} ${Number(duration) === 1 ? 'minute' : 'minutes'}`;
}

/**
 * A visible status box: the value, its name and its meaning from the spec.
 * `id` names the element so that people and tests can find it; `live` makes
 * it the page's status region (one per page).
 * @example
 * renderStatus('host', '8', 'meeting-status').value.includes('inProgress'); // true
 */
export function renderStatus(kind: EntryKind, status: string, id: string, live = true): SafeHtml {
  const info = describeStatus(kind, status);
  return html`<p class="status" id="${id}"${live ? html` role="status"` : ''} data-status="${info.value}"><strong>${info.name}</strong> (status ${info.value}): ${info.description}</p>`;
}

/**
 * The meeting's title, time and duration as a description list.
 * @example
 * renderMeetingDetails({ meetingKey: 'k', status: '1', title: 'Weekly' }).value.includes('Weekly'); // true
 */
export function renderMeetingDetails(meeting: MeetingView, extra: SafeHtml[] = []): SafeHtml {
  return html`<dl>
<dt>Title</dt><dd>${meetingTitle(meeting)}</dd>
<dt>Time</dt><dd>${renderTime(meeting.time)}</dd>
<dt>Duration</dt><dd>${formatDuration(meeting.duration)}</dd>
${extra}</dl>`;
}
