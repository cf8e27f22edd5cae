/**
 * Reads a request as a server would, without trusting it: which operation its
 * path names, how its body is encoded, its fields in order (repeats kept), and
 * what keeps it from reaching an operation at all. Never throws.
 */
import { FORM_MEDIA_TYPE, maxBodyBytes, operationIds } from '@org/liveminutes-spec';
import type { ExchangeRequest } from './exchange.js';

/** A field's value: text, or a file part of a multipart body. */
export type FieldValue = string | { readonly file: string };

/** How the body is encoded, by its Content-Type. */
export type BodyKind = 'form' | 'multipart' | 'none' | 'unsupported';

/** What a request says, read strictly. */
export interface ReadRequest {
  /** The operation the path names, if it names one. */
  readonly operation: string | undefined;
  /** The path without its query. */
  readonly path: string;
  readonly kind: BodyKind;
  /** Every field, in order; undefined when the body could not be read (see `encodingProblem`). */
  readonly fields: ReadonlyArray<readonly [string, FieldValue]> | undefined;
  /** Broken percent-encoding, invalid UTF-8, a malformed multipart body. */
  readonly encodingProblem: string | undefined;
  /** POST to an operation's path, a form or multipart body (or none at all) within the size limit. */
  readonly reachesOperation: boolean;
}

let operations: ReadonlySet<string> | undefined;
let maxBytes: number | undefined;

/** The spec's body limit, read once (every exchange asks). */
export function bodyLimit(): number {
  maxBytes ??= maxBodyBytes();
  return maxBytes;
}

/**
 * The media type of a Content-Type header.
 * @example
 * bodyKindOf('application/x-www-form-urlencoded; charset=UTF-8'); // 'form'
 */
export function bodyKindOf(contentType: string | undefined): BodyKind {
  if (contentType === undefined || contentType.trim() === '') return 'none';
  const media = (contentType.split(';', 1)[0] ?? '').trim().toLowerCase();
  if (media === FORM_MEDIA_TYPE) return 'form';
  if (media === 'multipart/form-data') return 'multipart';
  return 'unsupported';
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function decodeComponent(text: string): string {
  // decodeURIComponent throws on broken escapes and on escapes that are not UTF-8.
  return decodeURIComponent(text.replace(/\+/g, ' '));
}

/** A form body's fields, or why they cannot be read. */
function readForm(body: Buffer): { fields?: Array<[string, FieldValue]>; problem?: string } {
  let text: string;
  try {
    text = decoder.decode(body);
  } catch {
    return { problem: 'the form body is not UTF-8' };
  }
  const fields: Array<[string, FieldValue]> = [];
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    const [name, value] = at < 0 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
    try {
      fields.push([decodeComponent(name), decodeComponent(value)]);
    } catch {
      return { problem: `the form body has a broken percent-encoding or an escape that is not UTF-8 (${JSON.stringify(pair.slice(0, 40))})` };
    }
  }
  return { fields };
}

/** A multipart body's fields, or why they cannot be read. */
function readMultipart(contentType: string, body: Buffer): { fields?: Array<[string, FieldValue]>; problem?: string } {
  const boundary = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const mark = boundary?.[1] ?? boundary?.[2];
  if (!mark) return { problem: 'the multipart Content-Type has no boundary' };
  const text = body.toString('latin1');
  const delimiter = `--${mark}`;
  const end = text.indexOf(`${delimiter}--`);
  if (end < 0) return { problem: 'the multipart body has no closing boundary' };
  const fields: Array<[string, FieldValue]> = [];
  for (const part of text.slice(0, end).split(delimiter).slice(1)) {
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) return { problem: 'a multipart part has no header' };
    const head = part.slice(0, split);
    const name = /name="([^"]*)"/i.exec(head)?.[1];
    if (name === undefined) return { problem: 'a multipart part has no name' };
    const raw = Buffer.from(part.slice(split + 4).replace(/\r\n$/, ''), 'latin1');
    const file = /filename="([^"]*)"/i.exec(head)?.[1];
    let value: string;
    try {
      value = decoder.decode(raw);
    } catch {
      return { problem: `the multipart field ${JSON.stringify(name)} is not UTF-8` };
    }
    fields.push([Buffer.from(name, 'latin1').toString('utf8'), file === undefined ? value : { file }]);
  }
  return { fields };
}

/**
 * Reads one request.
 * @example
 * readRequest({ method: 'POST', target: '/getMeetingStatus', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: Buffer.from('meetingKey=a') }).fields;
 * // [['meetingKey', 'a']]
 */
export function readRequest(request: ExchangeRequest): ReadRequest {
  operations ??= new Set(operationIds());
  const path = request.target.split('?', 1)[0] ?? request.target;
  const name = path.startsWith('/') ? path.slice(1) : undefined;
  const operation = name !== undefined && operations.has(name) ? name : undefined;
  const contentType = request.headers['content-type'];
  const kind = bodyKindOf(contentType);
  let read: { fields?: Array<[string, FieldValue]>; problem?: string } = {};
  if (kind === 'form') read = readForm(request.body);
  else if (kind === 'multipart') read = readMultipart(contentType ?? '', request.body);
  else if (kind === 'none') read = request.body.length === 0 ? { fields: [] } : {};
  const reachesOperation =
    operation !== undefined &&
    request.method === 'POST' &&
    request.body.length <= bodyLimit() &&
    (kind === 'form' || kind === 'multipart' || (kind === 'none' && request.body.length === 0));
  return { operation, path, kind, fields: read.fields, encodingProblem: read.problem, reachesOperation };
}
