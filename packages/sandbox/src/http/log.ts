/**
 * One log line per request: method, route, HTTP status, resultcode, error
 * code and duration. Never a credential, a body, or an entry token: entry
 * paths are logged as `/e/:token` and unknown paths not at all.
 */

/** What is logged about one request. */
export interface RequestLog {
  readonly method: string;
  /** The operationId, or a page route (`/`, `/:code`, `/e/:token`), or `(unknown)`. */
  readonly route: string;
  /** The HTTP status; 0 when the connection was closed without an answer (a test trigger's drop). */
  readonly status: number;
  readonly resultcode?: 0 | 1 | undefined;
  readonly error?: string | undefined;
  readonly ms: number;
}

/** Receives one entry per answered request. */
export type Logger = (entry: RequestLog) => void;

/**
 * The route to log for a path that is not an operation.
 * @example
 * pageRoute('/e/LIVEXP63FCLCRJW4GHT1X7O6'); // '/e/:token'
 */
export function pageRoute(path: string): string {
  if (path === '/') return '/';
  if (path.startsWith('/e/')) return '/e/:token';
  if (/^\/[0-9A-Z]{6}$/.test(path)) return '/:code';
  return '(unknown)';
}

/**
 * Formats an entry as one line.
 * @example
 * formatRequestLog({ method: 'POST', route: 'createMeeting', status: 200, resultcode: 0, error: 'auth_failed', ms: 0.42 });
 * // 'POST createMeeting 200 resultcode=0 error=auth_failed 0.4ms'
 */
export function formatRequestLog(entry: RequestLog): string {
  const method = /^[A-Z]{1,16}$/.test(entry.method) ? entry.method : '(other)';
  const parts = [method, entry.route, String(entry.status)];
  if (entry.resultcode !== undefined) parts.push(`resultcode=${entry.resultcode}`);
  if (entry.error) parts.push(`error=${entry.error}`);
  parts.push(`${entry.ms.toFixed(1)}ms`);
  return parts.join(' ');
}

/** The default logger: one line on stderr. */
export const stderrLogger: Logger = (entry) => {
  process.stderr.write(`${formatRequestLog(entry)}\n`);
};
