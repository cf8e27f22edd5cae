/**
 * Rules that take more than one exchange, judged from traffic alone: what a
 * server handed out is what it hands out again (getMeetingUrl, getParticipantUrl,
 * repeated createMeeting and addParticipant), a cancelled meeting or
 * participant is gone, and statuses move only along the lifecycle. It learns
 * only from successes it sees, per AccountSid, and blames the server.
 */
import { getRule, lifecycle, type LifecycleKind } from '@org/liveminutes-spec';
import { judgeOf } from '../traffic/check-exchange.js';
import type { Judged } from '../traffic/define.js';
import type { Finding, TrafficExchange } from '../traffic/exchange.js';

interface ParticipantState {
  participantUrl?: string;
  gone: boolean;
  status?: string;
}

interface MeetingState {
  hostid?: string;
  meetingUrl?: string;
  hostUrl?: string;
  gone: boolean;
  status?: string;
  readonly participants: Map<string, ParticipantState>;
}

/** The AccountSid a basic Authorization header names, or '' when there is none. */
function accountOf(header: string | undefined): string {
  const match = /^basic\s+(\S+)$/i.exec((header ?? '').trim());
  if (!match?.[1]) return '';
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  return decoded.slice(0, Math.max(0, decoded.indexOf(':')));
}

/** Whether `to` can follow `from` in the lifecycle (through any number of moves). */
function reachable(kind: LifecycleKind, from: string, to: string): boolean {
  const model = lifecycle(kind);
  if (from === to || model.route(from, to)) return true;
  const end = model.onMeetingEnd;
  return end !== undefined && end.from === from && (end.to === to || model.route(end.to, to) !== undefined);
}

/**
 * Judges the traffic of one observation, exchange after exchange.
 * @example
 * const judge = new StatefulJudge();
 * judge.judge(exchange); // [] or findings such as { check: 'lifecycle.meeting-url-same', side: 'server', ... }
 */
export class StatefulJudge {
  readonly #meetings = new Map<string, MeetingState>();

  judge(exchange: TrafficExchange, judged: Judged = judgeOf(exchange)): Finding[] {
    const { read, json } = judged;
    if (!read.reachesOperation || !read.fields || (json?.resultcode !== 1 && json?.resultcode !== 0)) return [];
    const fields = new Map<string, string>();
    for (const [name, value] of read.fields) if (typeof value === 'string' && !fields.has(name)) fields.set(name, value);
    const account = accountOf(exchange.request.headers.authorization);
    const meetingKey = fields.get('meetingKey') ?? '';
    const puid = fields.get('puid') ?? '';
    const where = `${exchange.request.method} ${exchange.request.target}`;
    const findings: Finding[] = [];
    const fail = (check: string, rule: string, message: string): void => {
      findings.push({ rule, level: getRule(rule).level, side: 'server', check, message: `${where}: ${message}` });
    };
    const key = (meeting: string): string => `${account}\u0000${meeting}`;
    const meeting = this.#meetings.get(key(meetingKey));
    const participant = meeting?.participants.get(puid);
    const text = (name: string): string | undefined => (typeof json[name] === 'string' ? (json[name] as string) : undefined);

    if (json.resultcode === 0) {
      // A repeated createMeeting by the host of the live meeting is a safe retry, never meeting_exists.
      if (read.operation === 'createMeeting' && json.error === 'meeting_exists' && meeting && !meeting.gone && meeting.hostid === fields.get('hostid')) {
        fail('idempotent.createMeeting', 'createMeeting.idempotent', `a repeated createMeeting of ${JSON.stringify(meetingKey)} by its own host answered meeting_exists`);
      }
      return findings;
    }
    switch (read.operation) {
      case 'createMeeting': {
        const created = text('meetingKey') ?? meetingKey;
        const live = this.#meetings.get(key(created));
        if (live && !live.gone && live.hostid === fields.get('hostid') && (live.meetingUrl !== text('meetingUrl') || live.hostUrl !== text('hostUrl'))) {
          fail('idempotent.createMeeting', 'createMeeting.idempotent', `a repeated createMeeting of ${JSON.stringify(created)} by the same host answered other URLs than the first`);
        }
        if (!live || live.gone || live.hostid !== fields.get('hostid')) {
          this.#meetings.set(key(created), { hostid: fields.get('hostid'), meetingUrl: text('meetingUrl'), hostUrl: text('hostUrl'), gone: false, participants: new Map() });
        }
        return findings;
      }
      case 'cancelMeeting':
      case 'getMeetingUrl':
      case 'getMeetingStatus':
      case 'addParticipant':
      case 'getParticipantUrl':
      case 'getParticipantStatus':
      case 'cancelParticipant':
        break;
      default:
        return findings;
    }
    if (!meeting) return findings; // a meeting created before the observation began
    if (meeting.gone) {
      fail('lifecycle.cancel-meeting-gone', 'cancelMeeting.gone', `meeting ${JSON.stringify(meetingKey)} was cancelled, yet ${read.operation} succeeded`);
      return findings;
    }
    switch (read.operation) {
      case 'cancelMeeting':
        meeting.gone = true;
        break;
      case 'getMeetingUrl':
        if (meeting.meetingUrl !== undefined && text('meetingUrl') !== meeting.meetingUrl) {
          fail('lifecycle.meeting-url-same', 'getMeetingUrl.same-url', 'getMeetingUrl answered another meetingUrl than createMeeting gave');
        }
        break;
      case 'getMeetingStatus': {
        const status = text('status');
        if (status !== undefined && meeting.status !== undefined && !reachable('meeting', meeting.status, status)) {
          fail('pages.meeting-lifecycle', 'lifecycle.meeting', `the meeting's status went from ${meeting.status} to ${status}, which the lifecycle does not allow`);
        }
        if (status !== undefined) meeting.status = status;
        break;
      }
      case 'addParticipant': {
        const url = text('participantUrl');
        if (participant && !participant.gone && participant.participantUrl !== undefined && url !== participant.participantUrl) {
          fail('idempotent.addParticipant', 'addParticipant.idempotent', `a repeated addParticipant of ${JSON.stringify(puid)} answered another participantUrl than the first`);
        }
        if (participant?.gone && url !== undefined && url === participant.participantUrl) {
          fail('lifecycle.cancel-participant-re-add', 'cancelParticipant.re-add', `participant ${JSON.stringify(puid)} was cancelled and added again with the same participantUrl`);
        }
        if (!participant || participant.gone) meeting.participants.set(puid, { participantUrl: url, gone: false });
        break;
      }
      default:
        if (!participant) break; // added before the observation began
        if (participant.gone) {
          fail('lifecycle.cancel-participant-gone', 'cancelParticipant.gone', `participant ${JSON.stringify(puid)} was cancelled, yet ${read.operation} succeeded`);
        } else if (read.operation === 'cancelParticipant') {
          participant.gone = true;
        } else if (read.operation === 'getParticipantUrl' && participant.participantUrl !== undefined && text('participantUrl') !== participant.participantUrl) {
          fail('lifecycle.participant-url-same', 'getParticipantUrl.same-url', 'getParticipantUrl answered another participantUrl than addParticipant gave');
        } else if (read.operation === 'getParticipantStatus') {
          const status = text('status');
          if (status !== undefined && participant.status !== undefined && !reachable('participant', participant.status, status)) {
            fail('pages.participant-lifecycle', 'lifecycle.participant', `the participant's status went from ${participant.status} to ${status}, which the lifecycle does not allow`);
          }
          if (status !== undefined) participant.status = status;
        }
    }
    return findings;
  }
}
