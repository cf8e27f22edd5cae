/**
 * What the traffic checks judge: one exchange, a request and its answer (or
 * the lack of one), as the suite sent it or as the observing proxy forwarded
 * it; and what they return: findings, each with its rule, level and the side
 * at fault.
 */
import type { RuleLevel } from '@org/liveminutes-spec';

/** A request as it went out. Header names in lower case. */
export interface ExchangeRequest {
  readonly method: string;
  /** The path and query (`/createMeeting`), or an absolute URL for a request to another server (entry pages). */
  readonly target: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** An answer as it came back. Header names in lower case. */
export interface ExchangeAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** The failure a situation calls for, when the sender knows it (the suite provokes failures on purpose). */
export interface Expectation {
  /** The error code the spec gives the situation. */
  readonly error: string;
  /** For invalid_parameter: the parameter at fault. */
  readonly param?: string;
}

/** One request and its answer. */
export interface TrafficExchange {
  readonly request: ExchangeRequest;
  /** Undefined when the server answered nothing (reset, timeout, closed). */
  readonly answer?: ExchangeAnswer;
  /** Why there is no answer: `ECONNRESET`... */
  readonly error?: string;
  readonly expected?: Expectation;
  /** The client closed the connection before the answer was complete: what the server did is not judged. */
  readonly abandoned?: boolean;
}

/** Who broke a rule: the caller, by what it sent, or the server, by what it answered. */
export type Side = 'client' | 'server';

/** One broken rule in one exchange. */
export interface Finding {
  /** The spec rule (x-liveminutes-rules id). */
  readonly rule: string;
  /** The rule's level, from the spec. */
  readonly level: RuleLevel;
  readonly side: Side;
  /** The traffic check that found it (`request.method`, `failure.shape`...). */
  readonly check: string;
  /** One line, starting with the request it is about. Never contains a credential the caller masks. */
  readonly message: string;
}
