/**
 * Option values the command lines share: an account as `SID:TOKEN`
 * (`liveminutes-sandbox --account`, `liveminutes-conformance --second-account`)
 * and quotas as `users=N,sessions=M` (`--limits` of both). Parsing only: each
 * command turns the error into its own usage message.
 */

/** An account's credentials. */
export interface AccountPair {
  readonly accountSid: string;
  readonly authToken: string;
}

/** Per-account quotas; either may be left out. */
export interface LimitsValue {
  users?: number;
  sessions?: number;
}

/**
 * Reads `SID:TOKEN` (the token may hold colons); throws when either part is empty.
 * The message never quotes the value: it holds a token.
 * @example
 * parseAccountPair('AC2:secret'); // { accountSid: 'AC2', authToken: 'secret' }
 */
export function parseAccountPair(value: string): AccountPair {
  const colon = value.indexOf(':');
  if (colon <= 0 || colon === value.length - 1) throw new Error('an account is written SID:TOKEN, both non-empty');
  return { accountSid: value.slice(0, colon), authToken: value.slice(colon + 1) };
}

/**
 * Reads `users=N,sessions=M` (positive integers; either may be left out, each at most once).
 * @example
 * parseLimitsValue('users=40,sessions=20'); // { users: 40, sessions: 20 }
 * parseLimitsValue('sessions=3'); // { sessions: 3 }
 */
export function parseLimitsValue(value: string): LimitsValue {
  const limits: LimitsValue = {};
  for (const part of value.split(',')) {
    const match = /^(users|sessions)=([1-9]\d*)$/.exec(part.trim());
    const name = match?.[1] as keyof LimitsValue | undefined;
    if (!match || !name || limits[name] !== undefined) throw new Error('limits are written users=N,sessions=M with positive integers');
    limits[name] = Number(match[2]);
  }
  return limits;
}
