/**
 * What a run makes sure of before and between its checks: the server answers
 * at all, it accepts the credentials it was given, and it is still there
 * after a check that lost an answer and after the last check. A server that
 * stops answering ends the run (exit 2), whatever check was running: a dead
 * server never passes.
 */
import type { Api, Answer } from '../http/api.js';
import { TransportError } from '../http/raw-http.js';
import type { Account } from '../types.js';
import { ConformanceError } from './errors.js';

/** The harmless call every probe sends: the status of a key nobody uses. */
function probeCall(api: Api, prefix: string, auth: Account | null): Promise<Answer> {
  // A cleanup-class request: it may use the budget's reserve and runs after an interrupt.
  return api.call('getMeetingStatus', { meetingKey: `${prefix}preflight` }, { auth, cleanup: true });
}

/** The probe's answer; a server that gives none is a connection error of the run. */
async function reach(api: Api, prefix: string, auth: Account | null): Promise<Answer> {
  try {
    return await probeCall(api, prefix, auth);
  } catch (error) {
    if (error instanceof TransportError) throw new ConformanceError('connection', `Cannot reach ${api.transport.baseUrl}: ${error.code}`);
    throw error;
  }
}

/**
 * One request before anything else: a server that is not there is a connection error, not 100 failed checks.
 * @example
 * await preflight(api, 'lmc-x-'); // throws ConformanceError('connection') when nothing answers
 */
export async function preflight(api: Api, prefix: string): Promise<void> {
  await reach(api, prefix, null);
}

/** An answer that refuses the credentials it carried: `auth_failed`, or an HTTP 401. */
export function refusesCredentials(answer: Answer): boolean {
  const json = answer.json as { error?: unknown } | undefined;
  return answer.status === 401 || (json !== null && typeof json === 'object' && json.error === 'auth_failed');
}

/**
 * Stops the run at once when the server refuses an account it was given,
 * naming the option to fix, instead of reporting every check as failed.
 * @example
 * await checkCredentials(api, 'lmc-x-', account, '--account-sid/--auth-token');
 */
export async function checkCredentials(api: Api, prefix: string, account: Account, option: string): Promise<void> {
  const answer = await reach(api, prefix, account);
  if (refusesCredentials(answer)) {
    throw new ConformanceError(
      'credentials',
      `The server refused the credentials given by ${option} (${answer.status === 401 ? 'HTTP 401' : 'auth_failed'} on getMeetingStatus): check ${option}`,
    );
  }
}

/**
 * Whether the server still answers; undefined when it does, else what went wrong.
 * @example
 * const lost = await probeLiveness(api, 'lmc-x-'); // 'ECONNREFUSED (connect ECONNREFUSED 127.0.0.1:4010)'
 */
export async function probeLiveness(api: Api, prefix: string): Promise<string | undefined> {
  try {
    await probeCall(api, prefix, null);
    return undefined;
  } catch (error) {
    if (error instanceof TransportError) return error.message;
    throw error;
  }
}
