/**
 * The suite's side of the traffic checks: every answer the run gets is turned
 * into an exchange and judged, as it arrives, by the server-side traffic checks
 * that review all traffic; the checks of those rules report what was found.
 * The failures the run provoked on purpose are counted for the report.
 */
import type { HttpRequest, HttpResponse } from '../http/raw-http.js';
import { checkExchange } from '../traffic/check-exchange.js';
import type { TrafficExchange } from '../traffic/exchange.js';

/** The traffic checks whose suite checks review every answer of the run (the suite sends broken requests on purpose: client-side checks are not run). */
export const REVIEWED_CHECKS: ReadonlySet<string> = new Set(['robustness.no-5xx', 'transport.json-content-type', 'auth.no-challenge', 'failure.shape', 'failure.fields']);

/**
 * The exchange a suite request and its answer make.
 * @example
 * exchangeOf(response, request).answer?.status; // 200
 */
export function exchangeOf(response: HttpResponse, request: HttpRequest): TrafficExchange {
  return {
    request: {
      method: request.method,
      target: request.target,
      headers: Object.fromEntries(Object.entries(request.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value])),
      body: request.body === undefined ? Buffer.alloc(0) : Buffer.from(request.body),
    },
    answer: { status: response.status, headers: response.headers, body: Buffer.from(response.text, 'utf8') },
    ...(request.expect ? { expected: request.expect } : {}),
  };
}

/**
 * What the review found so far, by check id, and the failures provoked on purpose.
 * @example
 * const review = new TrafficReview();
 * review.record(response, request);
 * review.findings('robustness.no-5xx'); // []
 */
export class TrafficReview {
  readonly #findings = new Map<string, Set<string>>();
  readonly #provoked: Array<{ operation: string; error: string }> = [];

  record(response: HttpResponse, request: HttpRequest): void {
    const exchange = exchangeOf(response, request);
    if (request.expect) this.#provoked.push({ operation: request.target.replace(/^\//, ''), error: request.expect.error });
    for (const finding of checkExchange(exchange, { side: 'server', only: REVIEWED_CHECKS })) {
      const found = this.#findings.get(finding.check) ?? new Set<string>();
      found.add(finding.message);
      this.#findings.set(finding.check, found);
    }
  }

  /** The distinct findings of one check so far, in the order they were made. */
  findings(check: string): string[] {
    return [...(this.#findings.get(check) ?? [])];
  }

  /** How many failures the run provoked on purpose: all, or of one operation and error code. */
  provoked(operation?: string, error?: string): number {
    return this.#provoked.filter((seen) => (operation === undefined || seen.operation === operation) && (error === undefined || seen.error === error)).length;
  }
}
