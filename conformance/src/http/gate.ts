/**
 * Every request of a run passes one gate: the request budget (`--max-requests`),
 * the rate limit (`--rate`) and the run's abort signal (Ctrl-C). Cleanup
 * requests are paid for in advance: the gate keeps one request in reserve per
 * meeting the run may still have to cancel, so the budget never strands one.
 */

/** The budget would be exceeded; the check that hit it is skipped. */
export class BudgetExhaustedError extends Error {
  override readonly name = 'BudgetExhaustedError';
}

/** The run was interrupted (Ctrl-C or the caller's signal). */
export class RunAbortedError extends Error {
  override readonly name = 'RunAbortedError';
}

/** How to build a gate. */
export interface RequestGateOptions {
  readonly maxRequests: number;
  /** Requests per second, or null for no limit. */
  readonly rate: number | null;
  readonly signal?: AbortSignal;
  /** Requests to hold back for cleanup (meetings still to cancel). */
  readonly reserved?: () => number;
}

/** What one request asks of the gate. */
export interface AcquireOptions {
  /** A cleanup request: ignores the abort signal and may use the reserve. */
  readonly cleanup?: boolean;
  /** Further requests to reserve after this one (1 for a createMeeting: its cancellation). */
  readonly reserve?: number;
}

/**
 * Counts, spaces and, when needed, refuses requests.
 * @example
 * const gate = new RequestGate({ maxRequests: 10, rate: 5 });
 * await gate.acquire(); // resolves at most 5 times per second
 */
export class RequestGate {
  #sent = 0;
  #nextSlot = 0;
  readonly #options: RequestGateOptions;

  constructor(options: RequestGateOptions) {
    this.#options = options;
  }

  /** Requests sent so far. */
  get sent(): number {
    return this.#sent;
  }

  get maxRequests(): number {
    return this.#options.maxRequests;
  }

  /** Waits for the rate limit, then counts one request; throws when the run may not send it. */
  async acquire(options: AcquireOptions = {}): Promise<void> {
    const { signal, maxRequests } = this.#options;
    if (!options.cleanup && signal?.aborted) throw new RunAbortedError('The run was interrupted');
    const held = options.cleanup ? 0 : (this.#options.reserved?.() ?? 0) + (options.reserve ?? 0);
    if (this.#sent + 1 + held > maxRequests) {
      throw new BudgetExhaustedError(`The request budget of ${maxRequests} requests is used up`);
    }
    this.#sent += 1;
    await this.#waitForSlot(options.cleanup ? undefined : signal);
  }

  async #waitForSlot(signal: AbortSignal | undefined): Promise<void> {
    const { rate } = this.#options;
    if (!rate) return;
    const now = Date.now();
    const slot = Math.max(now, this.#nextSlot);
    this.#nextSlot = slot + 1000 / rate;
    if (slot > now) await sleep(slot - now, signal);
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort(): void {
      clearTimeout(timer);
      reject(new RunAbortedError('The run was interrupted'));
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
