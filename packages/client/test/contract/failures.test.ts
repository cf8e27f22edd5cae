/**
 * Consumer contract: for each operation, each documented failure (the spec's
 * `x-liveminutes-errors`) that the client handles differently, with the
 * typed error the real client must throw. The table is keyed by error code
 * and fails when the spec lists a code it has no case for.
 *
 * `invalid_parameter` cannot be provoked through the client's methods: they
 * refuse every invalid input before sending (see validate.ts). It is sent
 * through `client.raw` (the client's own openapi-fetch instance, with its
 * credentials and form encoding) as a repeated parameter, which the spec
 * makes `invalid_parameter` (transport.repeated-parameter).
 */
import { describe, expect, it } from 'vitest';
import { getOperation, operationIds } from '@org/liveminutes-spec';
import {
  AuthenticationError,
  ConflictError,
  LiveMinutesError,
  MeetingClosedError,
  NotFoundError,
  QuotaExceededError,
  createClient,
} from '../../src/index.js';
import {
  EXAMPLE,
  EXAMPLE_CREDENTIALS,
  STATE,
  WRONG_CREDENTIALS,
  createPact,
  failure,
  formRequest,
  verifyCase,
  type ContractCase,
  type StateRef,
} from './contract-kit.js';

type Credentials = { accountSid: string; authToken: string };
type Call = (input: Record<string, string>) => Promise<unknown>;

const client = (baseUrl: string, credentials: Credentials = EXAMPLE_CREDENTIALS) =>
  createClient({ ...credentials, baseUrl, maxRetries: 0 });
const method = (operation: string, baseUrl: string, credentials?: Credentials): Call =>
  (client(baseUrl, credentials) as unknown as Record<string, Call>)[operation]!.bind(undefined);

const { meetingKey, hostid, otherHostid, puid } = EXAMPLE;
const meetingExists: StateRef = { description: STATE.meetingExists, parameters: { meetingKey, hostid } };
const noMeeting: StateRef = { description: STATE.noMeeting, parameters: { meetingKey } };

/** "a getMeetingUrl request", "an addParticipant request". */
const aRequest = (operation: string): string => `${/^[aeiou]/i.test(operation) ? 'an' : 'a'} ${operation} request`;

/** The required fields of an operation, with the example values. */
function requiredInput(operation: string): Record<string, string> {
  const examples: Record<string, string> = { meetingKey, hostid, puid };
  const required = (getOperation(operation).requestSchema.required as string[] | undefined) ?? [];
  return Object.fromEntries(required.map((name) => [name, examples[name] ?? '']));
}

/** Asserts the client rejected with `ErrorClass` for this failure answer. */
async function expectFailure(call: Promise<unknown>, ErrorClass: typeof LiveMinutesError, operation: string, code: string) {
  const error = await call.then(
    () => expect.unreachable(`${operation} resolved instead of failing with ${code}`),
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(ErrorClass);
  expect(error).toMatchObject({ name: ErrorClass.name, operation, resultcode: 0, code, httpStatus: 200 });
}

/** The case of one documented error code for one operation. */
const caseFor: Record<string, (operation: string) => ContractCase> = {
  auth_failed: (operation) => ({
    states: [{ description: STATE.wrongAuthToken }],
    description: `${aRequest(operation)} with a wrong AuthToken`,
    request: formRequest(operation, requiredInput(operation), WRONG_CREDENTIALS),
    response: failure('auth_failed'),
    run: (baseUrl) =>
      expectFailure(method(operation, baseUrl, WRONG_CREDENTIALS)(requiredInput(operation)), AuthenticationError, operation, 'auth_failed'),
  }),
  invalid_parameter: (operation) => {
    const input = requiredInput(operation);
    const body = `meetingKey=${input.meetingKey}&${new URLSearchParams(input).toString()}`;
    return {
      states: [operation === 'createMeeting' ? noMeeting : meetingExists],
      description: `${aRequest(operation)} with meetingKey given twice`,
      request: formRequest(operation, body),
      response: failure('invalid_parameter', 'meetingKey'),
      async run(baseUrl) {
        const raw = client(baseUrl).raw as unknown as {
          POST(path: string, init: { body: string }): Promise<{ data?: unknown; response: Response }>;
        };
        const { data, response } = await raw.POST(`/${operation}`, { body });
        expect(response.status).toBe(200);
        expect(data).toMatchObject({ resultcode: 0, error: 'invalid_parameter', param: 'meetingKey' });
      },
    };
  },
  meeting_not_found: (operation) => ({
    states: [noMeeting],
    description: `${aRequest(operation)} for a meeting that does not exist`,
    request: formRequest(operation, requiredInput(operation)),
    response: failure('meeting_not_found'),
    run: (baseUrl) => expectFailure(method(operation, baseUrl)(requiredInput(operation)), NotFoundError, operation, 'meeting_not_found'),
  }),
  participant_not_found: (operation) => ({
    states: [meetingExists],
    description: `${aRequest(operation)} for a participant who was never added`,
    request: formRequest(operation, requiredInput(operation)),
    response: failure('participant_not_found'),
    run: (baseUrl) =>
      expectFailure(method(operation, baseUrl)(requiredInput(operation)), NotFoundError, operation, 'participant_not_found'),
  }),
  meeting_exists: (operation) => {
    const input = { ...requiredInput(operation), hostid: otherHostid };
    return {
      states: [meetingExists],
      description: `${aRequest(operation)} with the key of another host's meeting`,
      request: formRequest(operation, input),
      response: failure('meeting_exists'),
      run: (baseUrl) => expectFailure(method(operation, baseUrl)(input), ConflictError, operation, 'meeting_exists'),
    };
  },
  meeting_closed: (operation) => ({
    states: [{ description: STATE.meetingFinished, parameters: { meetingKey, hostid } }],
    description: `${aRequest(operation)} for a finished meeting`,
    request: formRequest(operation, requiredInput(operation)),
    response: failure('meeting_closed'),
    run: (baseUrl) => expectFailure(method(operation, baseUrl)(requiredInput(operation)), MeetingClosedError, operation, 'meeting_closed'),
  }),
  limit_exceeded: (operation) => {
    // A new meeting counts against sessions; a new participant against users.
    const states =
      operation === 'createMeeting'
        ? [noMeeting, { description: STATE.sessionQuotaReached }]
        : [meetingExists, { description: STATE.userQuotaReached }];
    return {
      states,
      description: `${aRequest(operation)} when the account's quota is reached`,
      request: formRequest(operation, requiredInput(operation)),
      response: failure('limit_exceeded'),
      run: (baseUrl) =>
        expectFailure(method(operation, baseUrl)(requiredInput(operation)), QuotaExceededError, operation, 'limit_exceeded'),
    };
  },
};

describe('consumer contract: documented failures', () => {
  const pact = createPact();

  for (const operation of operationIds()) {
    describe(operation, () => {
      for (const code of getOperation(operation).errors) {
        const make = caseFor[code];
        if (!make) {
          it(`has a case for ${code}`, () => expect.unreachable(`no contract case for error ${code} of ${operation}`));
          continue;
        }
        const contract = make(operation);
        it(`${code}: ${contract.description}`, () => verifyCase(pact, contract));
      }
    });
  }
});
