/**
 * The entry pages behind hostUrl and participantUrl: the meeting, the current
 * status, and one submit button per transition the spec's lifecycle allows
 * from that status. Each button posts the form field `action` to the page's
 * own URL, so the pages work without JavaScript and inside an iframe.
 */
import { html, type SafeHtml } from './html.js';
import { renderDocument } from './layout.js';
import { describeStatus, entryLifecycle, isFinal, type EntryKind } from './entry-actions.js';
import { meetingTitle, renderMeetingDetails, renderStatus } from './meeting-details.js';
import type { MeetingView, ParticipantView } from './views.js';

// Button wording is presentation; which buttons exist comes from the spec.
const LABELS: Record<EntryKind, Readonly<Record<string, string>>> = {
  host: { start: 'Start the meeting', end: 'End the meeting', leave: 'Leave without ending' },
  participant: { accept: 'Accept the invitation', refuse: 'Refuse the invitation', join: 'Join the meeting', leave: 'Leave the meeting' },
};
// The same action taken from a later status is a return (host back after leaving, participant rejoining).
const AGAIN: Record<EntryKind, Readonly<Record<string, string>>> = {
  host: { start: 'Return to the meeting' },
  participant: { join: 'Rejoin the meeting' },
};

/**
 * The label of an action's button, taken from status `from` (default: the initial status).
 * @example
 * actionLabel('host', 'end'); // 'End the meeting'
 * actionLabel('host', 'start', '11'); // 'Return to the meeting'
 */
export function actionLabel(kind: EntryKind, action: string, from: string = entryLifecycle(kind).initial): string {
  const again = from === entryLifecycle(kind).initial ? undefined : AGAIN[kind][action];
  return again ?? LABELS[kind][action] ?? action;
}

/**
 * The form of the buttons allowed from `status`, or a sentence saying there is
 * none (`closedReason` says why when the page offers nothing whatever the status).
 * @example
 * renderActions('host', '1').value.includes('value="start"'); // true
 */
export function renderActions(kind: EntryKind, status: string, closedReason?: string): SafeHtml {
  const allowed = closedReason ? [] : entryLifecycle(kind).from(status);
  const heading = html`<h2 id="actions-heading">What you can do</h2>`;
  if (allowed.length === 0) {
    const why = closedReason ?? 'no action leaves this status.';
    return html`<section aria-labelledby="actions-heading">${heading}<p id="no-actions">Nothing more: ${why}</p></section>`;
  }
  const items = allowed.map((t) => {
    const next = describeStatus(kind, t.to);
    return html`<li><button type="submit" name="action" value="${t.action}" aria-describedby="then-${t.action}">${actionLabel(kind, t.action, t.from)}</button> <span id="then-${t.action}">then: ${next.name} (status ${next.value})</span></li>`;
  });
  return html`<section aria-labelledby="actions-heading">${heading}<form method="post"><ul>${items}</ul></form></section>`;
}

/**
 * The host's page: the meeting, its status, and start / end / leave as allowed.
 * @example
 * const page = renderHostPage({ meetingKey: 'k', title: 'Weekly', status: '1' });
 * page.includes('Start the meeting'); // true
 */
export function renderHostPage(meeting: MeetingView): string {
  const body = html`<p>You are the host of this meeting.</p>
${renderMeetingDetails(meeting, [html`<dt>Meeting key</dt><dd>${meeting.meetingKey}</dd>`])}
<section aria-labelledby="status-heading"><h2 id="status-heading">Meeting status</h2>${renderStatus('host', meeting.status, 'meeting-status')}</section>
${renderActions('host', meeting.status)}`;
  return renderDocument({ title: `Host: ${meetingTitle(meeting)}`, body });
}

/**
 * A participant's page: the meeting and its status, the participant's status,
 * and accept / refuse / join / leave as allowed.
 * @example
 * const page = renderParticipantPage({ meetingKey: 'k', status: '8' }, { puid: 'p1', status: '2' });
 * page.includes('Join the meeting'); // true
 */
export function renderParticipantPage(meeting: MeetingView, participant: ParticipantView): string {
  const who = participant.nickname ? participant.nickname : participant.puid;
  const body = html`<p>You are invited as <strong>${who}</strong>.</p>
${renderMeetingDetails(meeting)}
<section aria-labelledby="status-heading"><h2 id="status-heading">Your status</h2>${renderStatus('participant', participant.status, 'participant-status')}</section>
<section aria-labelledby="meeting-status-heading"><h2 id="meeting-status-heading">Meeting status</h2>${renderStatus('host', meeting.status, 'meeting-status', false)}</section>
${renderActions('participant', participant.status, isFinal('host', meeting.status) ? 'the meeting is over.' : undefined)}`;
  return renderDocument({ title: `Invitation: ${meetingTitle(meeting)}`, body });
}
