/**
 * A pass-through "mutant" that records what the suite did to the server:
 * every request, the meetings created and cancelled, and the ids it sent.
 */
import { formOf, jsonOf, operationOf, type Mutant, type ProxyRequest } from './fault-proxy.js';

/** What a recorder saw. */
export interface Recording {
  readonly requests: ProxyRequest[];
  /** Keys of meetings created (resultcode 1), with the key that was sent. */
  readonly created: Array<{ sent: string | null; key: string; account: string }>;
  /** Keys of meetings cancelled (resultcode 1). */
  readonly cancelled: Array<{ key: string; account: string }>;
  /** hostid and puid values of successful createMeeting and addParticipant calls. */
  readonly userIds: string[];
  /** Meetings live now, as `Authorization key`. */
  readonly live: Set<string>;
}

/**
 * @example
 * const { mutant, recording } = createRecorder();
 * const proxy = await startFaultProxy(sandbox.url, mutant);
 */
export function createRecorder(): { mutant: Mutant; recording: Recording } {
  const recording: Recording = { requests: [], created: [], cancelled: [], userIds: [], live: new Set() };
  const mutant: Mutant = {
    name: 'recorder',
    breaks: 'nothing',
    expected: '',
    request(req) {
      recording.requests.push(req);
      return req;
    },
    response(req, answer) {
      const body = jsonOf(answer);
      if (body?.resultcode !== 1) return answer;
      const form = formOf(req.headers['content-type']?.startsWith('multipart/') ? { ...req, headers: {} } : req);
      const account = req.headers.authorization ?? '';
      const operation = operationOf(req);
      if (operation === 'createMeeting') {
        recording.created.push({ sent: form.get('meetingKey'), key: String(body.meetingKey), account });
        recording.live.add(`${account} ${String(body.meetingKey)}`);
      }
      if (operation === 'cancelMeeting') {
        recording.cancelled.push({ key: form.get('meetingKey') ?? '', account });
        recording.live.delete(`${account} ${form.get('meetingKey') ?? ''}`);
      }
      if (operation === 'createMeeting' && form.get('hostid')) recording.userIds.push(form.get('hostid') ?? '');
      if (operation === 'addParticipant' && form.get('puid')) recording.userIds.push(form.get('puid') ?? '');
      return answer;
    },
  };
  return { mutant, recording };
}
