/**
 * Helpers the checks share: reading answers, describing them in findings,
 * creating meetings and participants, and the run's shared fixture.
 */
import { getRule, successFields } from '@org/liveminutes-spec';
import type { Answer, Fields } from '../http/api.js';
import type { HttpResponse } from '../http/raw-http.js';
import type { CheckContext } from '../run/context.js';
import type { TrackedCallOptions } from '../run/tracked-api.js';
import type { Account, Capability, Check } from '../types.js';

/** What a check definition spells out; the level and the title's prefix come from the spec. */
export interface CheckSpec {
  readonly id: string;
  readonly rule: string;
  /** The title without its level: `answer a wrong AccountSid with ...`. */
  readonly title: string;
  readonly needs?: readonly Capability[];
  run(context: CheckContext): Promise<void>;
}

/**
 * A check whose level is its rule's level in the spec.
 * @example
 * defineCheck({ id: 'auth.wrong-token', rule: 'auth.failure-resultcode', title: 'answer ...', run }).title;
 * // 'MUST answer ...'
 */
export function defineCheck(spec: CheckSpec): Check {
  const { level } = getRule(spec.rule);
  return {
    id: spec.id,
    area: spec.id.split('.')[0] ?? spec.id,
    rule: spec.rule,
    level,
    title: `${level} ${spec.title}`,
    needs: spec.needs ?? [],
    run: spec.run,
  };
}

/** The body as an object, or undefined. */
export function body(response: HttpResponse): Record<string, unknown> | undefined {
  const json = response.json;
  return json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
}

/** HTTP 200, JSON, resultcode 1. */
export function isSuccess(response: HttpResponse): boolean {
  return response.status === 200 && body(response)?.resultcode === 1;
}

/** A short account of an answer for a finding: `HTTP 200 {"resultcode":0,...}`. */
export function describe(response: HttpResponse): string {
  const text = response.text.length > 240 ? `${response.text.slice(0, 240)}...` : response.text;
  return `HTTP ${response.status} ${text.replace(/\s+/g, ' ')}`;
}

/** The fields a success of the operation carries besides resultcode: what a failure must not carry. */
function dataFields(operation: string): string[] {
  return successFields(operation).flatMap((field) => (field.name === 'resultcode' ? [] : [field.name]));
}

/** What keeps an answer from being a failure (HTTP 200, JSON, resultcode 0, no data); empty when it is one. */
export function failureProblems(answer: Answer, expectedError?: string): string[] {
  const problems: string[] = [];
  const json = body(answer);
  if (answer.status !== 200) problems.push(`HTTP ${answer.status} instead of 200`);
  if (!json) return [...problems, 'the body is not a JSON object'];
  if (json.resultcode !== 0) problems.push(`resultcode ${JSON.stringify(json.resultcode)} instead of 0`);
  const leaked = dataFields(answer.operation).filter((name) => name in json);
  if (leaked.length > 0) problems.push(`the failure carries data (${leaked.join(', ')})`);
  if (expectedError !== undefined && json.error !== expectedError) {
    problems.push(`error ${JSON.stringify(json.error)} instead of ${expectedError}`);
  }
  return problems;
}

/** Records a finding unless the answer is a failure (with `expectedError` when given). */
export function expectFailure(context: CheckContext, answer: Answer, what: string, expectedError?: string): boolean {
  const problems = failureProblems(answer, expectedError);
  return context.expect(problems.length === 0, `${what}: ${problems.join('; ')} (${describe(answer)})`);
}

/** Ends the check unless the answer is a success. */
export function requireSuccess(context: CheckContext, answer: Answer, what: string): Record<string, unknown> {
  context.require(isSuccess(answer), `${what} did not succeed: ${describe(answer)}`);
  return body(answer) as Record<string, unknown>;
}

/** A meeting the suite created. */
export interface Meeting {
  readonly meetingKey: string;
  readonly hostid: string;
  readonly meetingUrl: string;
  readonly hostUrl: string;
  readonly account: Account;
}

/** A participant the suite added. */
export interface Participant {
  readonly meetingKey: string;
  readonly puid: string;
  readonly participantUrl: string;
}

/** Creates a meeting (own prefixed key and host unless given); ends the check if it fails. */
export async function createMeeting(
  context: CheckContext,
  fields: Readonly<Record<string, string | undefined>> = {},
  options: TrackedCallOptions = {},
): Promise<Meeting> {
  const sent = { meetingKey: context.ids.key(), hostid: context.ids.user('h'), ...fields };
  const answer = await context.api.call('createMeeting', sent, options);
  const json = requireSuccess(context, answer, `createMeeting ${JSON.stringify(sent.meetingKey)}`);
  const account = options.auth && 'accountSid' in options.auth ? options.auth : context.api.primary;
  return {
    meetingKey: String(json.meetingKey),
    hostid: String(sent.hostid),
    meetingUrl: String(json.meetingUrl),
    hostUrl: String(json.hostUrl),
    account,
  };
}

/** Adds a participant (own prefixed puid unless given); ends the check if it fails. */
export async function addParticipant(
  context: CheckContext,
  meetingKey: string,
  fields: Readonly<Record<string, string | undefined>> = {},
  options: TrackedCallOptions = {},
): Promise<Participant> {
  const sent = { meetingKey, puid: context.ids.user('p'), ...fields };
  const answer = await context.api.call('addParticipant', sent, options);
  const json = requireSuccess(context, answer, `addParticipant ${JSON.stringify(sent.puid)}`);
  return { meetingKey, puid: String(sent.puid), participantUrl: String(json.participantUrl) };
}

/** A meeting with one participant, shared by the checks that only read it. Cancelled at the end of the run. */
export function sharedMeeting(context: CheckContext): Promise<{ meeting: Meeting; participant: Participant }> {
  return context.memo('shared-meeting', async () => {
    const meeting = await createMeeting(context, {}, { owner: 'fixture' });
    const participant = await addParticipant(context, meeting.meetingKey);
    return { meeting, participant };
  });
}

/** Calls an operation and returns the answer (a shorthand that reads well in tables). */
export function call(context: CheckContext, operation: string, fields: Fields, options?: TrackedCallOptions): Promise<Answer> {
  return context.api.call(operation, fields, options);
}
