/**
 * @module retry
 * When a call may be repeated after a network failure (the spec's
 * `x-liveminutes-retry`), and how long to wait before doing so.
 */

import type { RetryPolicy } from '@org/liveminutes-spec/values';

export type { RetryPolicy };

const BASE_DELAY_MS = 100;
const MAX_DELAY_MS = 2000;

/**
 * True when repeating the call cannot do anything twice: `always`, or
 * `explicit-key` with a non-empty `meetingKey` (an empty one asks the server
 * for a new meeting each time).
 * @example
 * isRetryable('explicit-key', { meetingKey: '' }); // false
 */
export function isRetryable(policy: RetryPolicy, input: { readonly meetingKey?: unknown }): boolean {
  return policy === 'always' || (policy === 'explicit-key' && typeof input.meetingKey === 'string' && input.meetingKey !== '');
}

/**
 * Exponential backoff with jitter: 100 ms, 200 ms, 400 ms... (capped at 2 s),
 * each scaled by a random factor in [0.5, 1) so that clients do not retry in step.
 * @example
 * backoffDelay(2); // between 200 and 400
 */
export function backoffDelay(retry: number): number {
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** retry) * (0.5 + Math.random() / 2);
}

/**
 * Waits `ms`, or rejects with the signal's reason as soon as it aborts.
 * @example
 * await sleep(backoffDelay(0), signal);
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}
