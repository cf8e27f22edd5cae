/**
 * What a report quotes of a failed check's traffic: its last requests and the
 * start of each answer. Headers are left out (the request's hold the
 * credentials); the runner redacts the text like every finding.
 */
import type { HttpResponse } from '../http/raw-http.js';
import type { Exchange } from '../types.js';

/** How many of a failed check's last exchanges a report keeps. */
export const EXCHANGES_KEPT = 3;

/** How much of a request or answer body a report keeps. */
export const EXCERPT_CHARS = 600;

function excerpt(text: string): string {
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}... (${text.length} characters)` : text;
}

/**
 * The last exchanges of a check's traffic, quoted for a report.
 * @example
 * exchangesOf(state.traffic.slice(before)); // [{ request: 'POST /createMeeting\nmeetingKey=...', status: 200, answer: 'application/json\n{"resultcode":0,...}' }]
 */
export function exchangesOf(traffic: readonly HttpResponse[]): Exchange[] {
  return traffic.slice(-EXCHANGES_KEPT).map((response) => ({
    request: `${response.method} ${response.target}${response.requestBody ? `\n${excerpt(response.requestBody)}` : ''}`,
    status: response.status,
    answer: `${response.headers['content-type'] ?? '(no content type)'}\n${excerpt(response.text)}`,
  }));
}
