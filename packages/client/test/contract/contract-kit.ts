/**
 * Shared parts of the consumer contract tests: the pact (liveminutes-client ->
 * liveminutes-api), the example credentials and keys, and matchers that assert
 * only what the client relies on. URL formats, status values and the form
 * media type are read from the bundled spec, never restated here.
 */
import { fileURLToPath } from 'node:url';
import { MatchersV3, PactV3, type V3Request, type V3Response } from '@pact-foundation/pact';
import { FORM_MEDIA_TYPE, getEnum, ruleData } from '@org/liveminutes-spec';

/** Where the consumer tests write the pact (build output, gitignored). */
export const PACT_DIR = fileURLToPath(new URL('../../pacts', import.meta.url));
export const CONSUMER = 'liveminutes-client';
export const PROVIDER = 'liveminutes-api';

/**
 * The consumer's example credentials. A verifier replaces them with the
 * provider's own (they are not the sandbox's default account on purpose, so
 * that a verification that forgot to replace them fails).
 */
export const EXAMPLE_CREDENTIALS = { accountSid: 'ACpactconsumer0001', authToken: 'pact-consumer-example-token' } as const;
/** The same AccountSid with a token no provider accepts. */
export const WRONG_CREDENTIALS = { accountSid: EXAMPLE_CREDENTIALS.accountSid, authToken: 'not-the-auth-token' } as const;

/** Example values (the original document's), rewritten by provider states on verification. */
export const EXAMPLE = { meetingKey: 'kjhgngf', hostid: '123', otherHostid: '789', puid: '456' } as const;

/** The provider states the pact names; the conformance verifier implements each. */
export const STATE = {
  meetingExists: 'meeting {meetingKey} exists with host {hostid}',
  noMeeting: 'no meeting {meetingKey} exists',
  participantAdded: 'participant {puid} was added to meeting {meetingKey}',
  participantJoined: 'participant {puid} has joined meeting {meetingKey}',
  meetingFinished: 'meeting {meetingKey} has finished',
  sessionQuotaReached: 'account quota of sessions is reached',
  userQuotaReached: 'account quota of users is reached',
  wrongAuthToken: 'the AuthToken is wrong',
} as const;

/** A provider state with its parameters. */
export interface StateRef {
  readonly description: string;
  readonly parameters?: Record<string, string>;
}

// The patterns as the spec writes them (Pact takes a pattern string; urlFormats() gives compiled RegExps).
const urlFormats = ruleData('url.formats');

/**
 * A string matching `regex`: Pact's integration JSON combines the two rules with AND.
 * @example
 * typed('^(1|8)$', '1'); // a type rule and a regex rule on one value
 */
export function typed(regex: string, example: string): MatchersV3.Matcher<string> {
  return {
    'pact:matcher:type': [
      { 'pact:matcher:type': 'type', value: example },
      { 'pact:matcher:type': 'regex', regex, value: example },
    ],
    value: example,
  } as unknown as MatchersV3.Matcher<string>;
}

/** Matchers for what the client relies on. */
export const match = {
  /** `Authorization: Basic <base64>`; the credentials themselves are the provider's business. */
  basicAuth: (example: string) => MatchersV3.regex('^Basic [A-Za-z0-9+/]+={0,2}$', example),
  /** A non-empty string (keys the client hands back to the caller). */
  key: (example: string) => typed('^.+$', example),
  /** The spec's meetingUrl format (url.formats rule data). */
  meetingUrl: (example = 'http://liveminutes.com/03P23Z') => typed(urlFormats.meetingUrl, example),
  /** The spec's entry URL format for hostUrl and participantUrl (url.formats rule data). */
  entryUrl: (example: string) => typed(urlFormats.entryUrl, example),
  /**
   * One value of a status enum of the spec (MeetingStatus, ParticipantStatus), as a string: a
   * regex alone also matches a number (Pact matches regexes against its text), which the client
   * rejects, so the type is matched too (both rules must hold).
   */
  status: (schema: 'MeetingStatus' | 'ParticipantStatus', example: string) => typed(`^(${getEnum(schema).map((entry) => entry.value).join('|')})$`, example),
};

/** The Basic header the client sends for a pair of credentials (the example stored in the pact). */
export function basicHeader(credentials: { accountSid: string; authToken: string }): string {
  return `Basic ${Buffer.from(`${credentials.accountSid}:${credentials.authToken}`, 'utf8').toString('base64')}`;
}

/**
 * A POST of a form body, as the client sends it. Fields are matched by the
 * form matcher (order does not matter); values are matched exactly unless a
 * matcher is given.
 */
export function formRequest(
  operation: string,
  body: Record<string, unknown> | string,
  credentials: { accountSid: string; authToken: string } = EXAMPLE_CREDENTIALS,
): V3Request {
  return {
    method: 'POST',
    path: `/${operation}`,
    headers: { 'Content-Type': FORM_MEDIA_TYPE, Authorization: match.basicAuth(basicHeader(credentials)) },
    contentType: FORM_MEDIA_TYPE,
    body,
  };
}

/** A resultcode 1 answer with the given fields. */
export function success(fields: Record<string, unknown>): V3Response {
  return { status: 200, body: { resultcode: 1, ...fields } };
}

/** A resultcode 0 answer with its error code (and param, for invalid_parameter). */
export function failure(code: string, param?: string): V3Response {
  return { status: 200, body: { resultcode: 0, error: code, ...(param ? { param } : {}) } };
}

/** A pact writer for one test file; interactions merge into the one pact file. */
export function createPact(): PactV3 {
  return new PactV3({ consumer: CONSUMER, provider: PROVIDER, dir: PACT_DIR, logLevel: 'error' });
}

/** One interaction of the pact and what the client must do with its answer. */
export interface ContractCase {
  readonly states: readonly StateRef[];
  /** "a getMeetingUrl request for a meeting that exists" */
  readonly description: string;
  readonly request: V3Request;
  readonly response: V3Response;
  /** Calls the real client against the mock server's URL and asserts what it returned or threw. */
  run(baseUrl: string): Promise<void>;
}

/**
 * Adds the case's interaction to the pact, runs the client against the mock
 * server, and writes the pact (the mock server fails the test when the client
 * sent anything else, or did not send the request).
 */
export async function verifyCase(pact: PactV3, contract: ContractCase): Promise<void> {
  for (const state of contract.states) pact.given(state.description, state.parameters);
  pact.uponReceiving(contract.description).withRequest(contract.request).willRespondWith(contract.response);
  await pact.executeTest(async (server) => {
    await contract.run(server.url);
  });
}
