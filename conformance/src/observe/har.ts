/**
 * The exchanges of an observation as HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/),
 * masked: credentials and entry tokens never reach the file.
 */
import packageJson from '../../package.json' with { type: 'json' };
import type { TrafficExchange } from '../traffic/exchange.js';
import type { Masker } from './mask.js';

/** One exchange as the observation kept it. */
export interface Recorded {
  readonly exchange: TrafficExchange;
  readonly startedAt: Date;
  readonly durationMs: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A body as HAR text: UTF-8 text masked, anything else base64 (binary cannot hold a credential we could find). */
function content(body: Buffer, mask: Masker): { text: string; encoding?: 'base64' } {
  try {
    return { text: mask.text(utf8.decode(body)) };
  } catch {
    return { text: body.toString('base64'), encoding: 'base64' };
  }
}

function headers(flat: Readonly<Record<string, string>>, mask: Masker): Array<{ name: string; value: string }> {
  return Object.entries(flat).map(([name, value]) => ({ name, value: mask.header(name, value) }));
}

/**
 * The HAR document of the recorded exchanges; `origin` is where the application sent them (the proxy).
 * @example
 * JSON.parse(formatHar(recorded, 'http://127.0.0.1:4011', mask)).log.version; // '1.2'
 */
export function formatHar(recorded: readonly Recorded[], origin: string, mask: Masker): string {
  const entries = recorded.map(({ exchange, startedAt, durationMs }) => {
    const { request, answer } = exchange;
    const url = new URL(request.target, origin);
    const sent = content(request.body, mask);
    const got = answer ? content(answer.body, mask) : { text: '' };
    return {
      startedDateTime: startedAt.toISOString(),
      time: durationMs,
      request: {
        method: request.method,
        url: mask.text(url.toString()),
        httpVersion: 'HTTP/1.1',
        cookies: [],
        headers: headers(request.headers, mask),
        queryString: [...url.searchParams].map(([name, value]) => ({ name: mask.text(name), value: mask.text(value) })),
        ...(request.body.length > 0 ? { postData: { mimeType: request.headers['content-type'] ?? '', text: sent.text, ...(sent.encoding ? { comment: 'base64' } : {}) } } : {}),
        headersSize: -1,
        bodySize: request.body.length,
      },
      response: {
        status: answer?.status ?? 0,
        statusText: answer ? '' : mask.text(exchange.error ?? 'no answer'),
        httpVersion: 'HTTP/1.1',
        cookies: [],
        headers: answer ? headers(answer.headers, mask) : [],
        content: { size: answer?.body.length ?? 0, mimeType: answer?.headers['content-type'] ?? '', ...got },
        redirectURL: '',
        headersSize: -1,
        bodySize: answer?.body.length ?? -1,
      },
      cache: {},
      timings: { send: 0, wait: durationMs, receive: 0 },
    };
  });
  return `${JSON.stringify({ log: { version: '1.2', creator: { name: packageJson.name, version: packageJson.version }, entries } }, null, 2)}\n`;
}
