/**
 * Entry pages (hostUrl, participantUrl), on servers that have the sandbox's
 * pages (`entry-pages`: the embedded sandbox, or `--entry-pages`): they open
 * in an iframe, admit no one once cancelled, and their form actions move
 * statuses exactly along the spec's lifecycle rules (transitions read from
 * the rules' data; paths to each transition searched, never written here).
 */
import { FORM_MEDIA_TYPE, lifecycle, type LifecycleKind } from '@org/liveminutes-spec';
import type { HttpResponse } from '../http/raw-http.js';
import type { CheckContext } from '../run/context.js';
import { reachStatus } from '../run/reach-status.js';
import type { Check } from '../types.js';
import { addParticipant, createMeeting, defineCheck, expectFailure, requireSuccess, type Meeting, type Participant } from './support.js';

/** Posts a form action to an entry page, as the page's own buttons do. */
export function act(context: CheckContext, entryUrl: string, action: string): Promise<HttpResponse> {
  return context.api.transport.send({
    method: 'POST',
    target: entryUrl,
    headers: { 'content-type': FORM_MEDIA_TYPE },
    body: new URLSearchParams({ action }).toString(),
  });
}

/** Opens an entry page as a browser would (GET, asking for HTML). */
export function openPage(context: CheckContext, entryUrl: string): Promise<HttpResponse> {
  return context.api.transport.send({ method: 'GET', target: entryUrl, headers: { accept: 'text/html' } });
}

/** The meeting's status, or the participant's when one is given. */
export async function statusOf(context: CheckContext, meeting: Meeting, participant?: Participant): Promise<string> {
  const answer = participant
    ? await context.api.call('getParticipantStatus', { meetingKey: meeting.meetingKey, puid: participant.puid })
    : await context.api.call('getMeetingStatus', { meetingKey: meeting.meetingKey });
  const json = requireSuccess(context, answer, participant ? 'getParticipantStatus' : 'getMeetingStatus');
  return String(json.status);
}

/** Acts along the lifecycle until the status is `wanted` (run/reach-status.ts); ends the check if the pages do not get there. */
export async function reach(context: CheckContext, kind: LifecycleKind, meeting: Meeting, participant: Participant | undefined, wanted: string): Promise<void> {
  const entryUrl = kind === 'meeting' ? meeting.hostUrl : (participant as Participant).participantUrl;
  const problem = await reachStatus(kind, { act: async (action) => (await act(context, entryUrl, action)).status, readStatus: () => statusOf(context, meeting, participant) }, wanted);
  if (problem) context.fail(problem);
}

export const pageChecks: Check[] = [
  defineCheck({
    id: 'pages.iframe',
    rule: 'url.iframe',
    needs: ['entry-pages'],
    title: 'serve entry pages that may be opened inside an iframe (no X-Frame-Options, no frame-ancestors limit)',
    async run(context: CheckContext) {
      const meeting = await createMeeting(context);
      const participant = await addParticipant(context, meeting.meetingKey);
      for (const url of [meeting.hostUrl, participant.participantUrl]) {
        const response = await openPage(context, url);
        context.expect(response.status === 200, `GET ${url}: HTTP ${response.status}`);
        const frameOptions = response.headers['x-frame-options'];
        context.expect(frameOptions === undefined, `GET ${url}: X-Frame-Options ${frameOptions}`);
        const ancestors = /frame-ancestors([^;]*)/i.exec(response.headers['content-security-policy'] ?? '')?.[1]?.trim();
        // Exactly `*`: a list such as `https://*` or `'self' *.example` still keeps some embedders out.
        context.expect(ancestors === undefined || ancestors === '*', `GET ${url}: frame-ancestors ${ancestors}, not exactly *`);
      }
    },
  }),
  defineCheck({
    id: 'pages.cancelled-meeting-admits-no-one',
    rule: 'cancelMeeting.gone',
    needs: ['entry-pages'],
    title: "admit no one through a cancelled meeting's host and participant URLs",
    async run(context: CheckContext) {
      const meeting = await createMeeting(context);
      const participant = await addParticipant(context, meeting.meetingKey);
      requireSuccess(context, await context.api.call('cancelMeeting', { meetingKey: meeting.meetingKey }), 'cancelMeeting');
      for (const url of [meeting.hostUrl, participant.participantUrl]) {
        const page = await openPage(context, url);
        context.expect(page.status >= 400 && page.status < 500, `GET ${url} after cancelMeeting: HTTP ${page.status}`);
      }
      const start = await act(context, meeting.hostUrl, lifecycle('meeting').transitions[0]?.action ?? 'start');
      context.expect(start.status >= 400 && start.status < 500, `an action on the cancelled meeting's host page: HTTP ${start.status}`);
    },
  }),
  defineCheck({
    id: 'pages.cancelled-participant-admits-no-one',
    rule: 'cancelParticipant.gone',
    needs: ['entry-pages'],
    title: "admit no one through a cancelled participant's URL, and still admit the others",
    async run(context: CheckContext) {
      const meeting = await createMeeting(context);
      const gone = await addParticipant(context, meeting.meetingKey);
      const other = await addParticipant(context, meeting.meetingKey);
      requireSuccess(context, await context.api.call('cancelParticipant', { meetingKey: meeting.meetingKey, puid: gone.puid }), 'cancelParticipant');
      const page = await openPage(context, gone.participantUrl);
      context.expect(page.status >= 400 && page.status < 500, `GET the cancelled participant's URL: HTTP ${page.status}`);
      const still = await openPage(context, other.participantUrl);
      context.expect(still.status === 200, `GET another participant's URL: HTTP ${still.status}`);
    },
  }),
  defineCheck({
    id: 'pages.meeting-lifecycle',
    rule: 'lifecycle.meeting',
    needs: ['entry-pages'],
    title: 'move meeting statuses along every transition of the lifecycle rule, and never out of a final status',
    async run(context: CheckContext) {
      for (const transition of lifecycle('meeting').transitions) {
        const meeting = await createMeeting(context);
        await reach(context, 'meeting', meeting, undefined, transition.from);
        await act(context, meeting.hostUrl, transition.action);
        const status = await statusOf(context, meeting);
        context.expect(status === transition.to, `${transition.from} --${transition.action}--> ${status}, not ${transition.to}`);
      }
      for (const final of lifecycle('meeting').final) {
        const meeting = await createMeeting(context);
        await reach(context, 'meeting', meeting, undefined, final);
        for (const action of lifecycle('meeting').actions) {
          await act(context, meeting.hostUrl, action);
          const status = await statusOf(context, meeting);
          context.expect(status === final, `action=${action} moved the final status ${final} to ${status}`);
        }
      }
    },
  }),
  defineCheck({
    id: 'pages.participant-lifecycle',
    rule: 'lifecycle.participant',
    needs: ['entry-pages'],
    title: 'move participant statuses along every transition of the lifecycle rule, and end them with the meeting',
    async run(context: CheckContext) {
      const meeting = await createMeeting(context);
      for (const transition of lifecycle('participant').transitions) {
        const participant = await addParticipant(context, meeting.meetingKey);
        await reach(context, 'participant', meeting, participant, transition.from);
        await act(context, participant.participantUrl, transition.action);
        const status = await statusOf(context, meeting, participant);
        context.expect(status === transition.to, `${transition.from} --${transition.action}--> ${status}, not ${transition.to}`);
      }
      // Whoever is in the meeting when it ends moves as the spec's onMeetingEnd says.
      const change = lifecycle('participant').onMeetingEnd;
      context.require(change, 'lifecycle.participant says nothing of the meeting ending');
      const joined = { to: change.from };
      const left = change.to;
      const ending = lifecycle('meeting').final[0] ?? '';
      const meetingRunning = lifecycle('meeting').transitions.find((t) => t.to === ending)?.from ?? ending;
      const running = await createMeeting(context);
      const inside = await addParticipant(context, running.meetingKey);
      await reach(context, 'meeting', running, undefined, meetingRunning);
      await reach(context, 'participant', running, inside, joined.to);
      await reach(context, 'meeting', running, undefined, ending);
      const status = await statusOf(context, running, inside);
      context.expect(status === left, `a participant in the meeting has status ${status} after it ended, not ${left}`);
    },
  }),
  defineCheck({
    id: 'pages.meeting-closed',
    rule: 'addParticipant.meeting-closed',
    needs: ['entry-pages'],
    title: 'refuse addParticipant on a finished meeting with meeting_closed',
    async run(context: CheckContext) {
      const meeting = await createMeeting(context);
      await reach(context, 'meeting', meeting, undefined, lifecycle('meeting').final[0] ?? '');
      const answer = await context.api.call('addParticipant', { meetingKey: meeting.meetingKey, puid: context.ids.user('p') }, { expect: { error: 'meeting_closed' } });
      expectFailure(context, answer, 'addParticipant on a finished meeting', 'meeting_closed');
    },
  }),
];
