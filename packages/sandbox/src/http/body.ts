/**
 * The one capped body reader (the API's requests and the entry pages' form
 * posts, both within the spec's `maxBodyBytes`) and the form parsers:
 * `application/x-www-form-urlencoded` (UTF-8) and `multipart/form-data`
 * (through undici's FormData parser, the one `Response.formData()` uses).
 */
import type { IncomingMessage } from 'node:http';
import { FORM_MEDIA_TYPE, maxBodyBytes } from '@org/liveminutes-spec';
import type { FormFields, FormValue } from '../validation/request.js';

// Rule data is read once, when the module loads: never on the request path.
const MAX_BODY_BYTES = maxBodyBytes();

/** How a request's Content-Type is handled. `none`: no header, accepted only with an empty body. */
export type BodyKind = 'form' | 'multipart' | 'none' | 'unsupported';

/**
 * Classifies a Content-Type header.
 * @example
 * bodyKind('application/x-www-form-urlencoded; charset=UTF-8'); // 'form'
 * bodyKind('application/json'); // 'unsupported'
 */
export function bodyKind(contentType: string | undefined): BodyKind {
  if (contentType === undefined || contentType.trim() === '') return 'none';
  const media = contentType.split(';', 1)[0]!.trim().toLowerCase();
  if (media === FORM_MEDIA_TYPE) return 'form';
  if (media === 'multipart/form-data') return 'multipart';
  return 'unsupported';
}

/**
 * The body as a Buffer, or undefined when it is (or announces to be) over `maxBytes`.
 * Stops buffering at the limit; the caller drains the rest ({@link drainRefused}),
 * answers 413 and closes the connection.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        cleanup();
        resolve(undefined);
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onClose = () => {
      if (!req.complete) onError(new Error('The request was aborted'));
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/**
 * Reads and discards the rest of a refused request body, up to `lingerBytes`,
 * before the caller answers and closes the connection. A server that closes a
 * socket with unread data makes the kernel send a reset, and a client still
 * sending its body then gets ECONNRESET instead of the answer (an HTTP proxy
 * in front answers 502). A body that announces or sends more than
 * `lingerBytes` (default 16 times the spec's `maxBodyBytes`) is cut off: the
 * client gets a reset.
 * @example
 * if ((await readBody(req, max)) === undefined) await drainRefused(req);
 */
export function drainRefused(req: IncomingMessage, lingerBytes = 16 * MAX_BODY_BYTES): Promise<void> {
  const declared = Number(req.headers['content-length']);
  if (req.complete || req.destroyed || (Number.isFinite(declared) && declared > lingerBytes)) return Promise.resolve();
  return new Promise((resolve) => {
    let size = 0;
    const done = () => {
      req.off('data', onData);
      req.off('end', done);
      req.off('close', done);
      req.off('error', done);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > lingerBytes) done();
    };
    req.on('data', onData);
    req.on('end', done);
    req.on('close', done);
    req.on('error', done);
    req.resume();
  });
}

function add(fields: Map<string, FormValue[]>, name: string, value: FormValue): void {
  const values = fields.get(name);
  if (values) values.push(value);
  else fields.set(name, [value]);
}

/**
 * Parses a form body; undefined when a multipart body is malformed.
 * @example
 * await parseForm('form', undefined, Buffer.from('meetingKey=abc&hostid=1'));
 * // Map { 'meetingKey' => ['abc'], 'hostid' => ['1'] }
 */
export async function parseForm(
  kind: Exclude<BodyKind, 'unsupported'>,
  contentType: string | undefined,
  body: Buffer,
): Promise<FormFields | undefined> {
  const fields = new Map<string, FormValue[]>();
  if (kind === 'none') return fields;
  if (kind === 'form') {
    for (const [name, value] of new URLSearchParams(body.toString('utf8'))) add(fields, name, value);
    return fields;
  }
  try {
    const form = await new Response(body as Uint8Array<ArrayBuffer>, { headers: { 'content-type': contentType ?? '' } }).formData();
    for (const [name, value] of form) add(fields, name, typeof value === 'string' ? value : { file: true });
    return fields;
  } catch {
    return undefined;
  }
}

/** Why a page's form post was not read: too big, not a form, or the client went away. */
export type FormRefusal = 'too_large' | 'unsupported_media_type' | 'aborted';

/** A page's form post, or why it could not be read. */
export type FormRead =
  | { readonly ok: true; readonly fields: URLSearchParams }
  | { readonly ok: false; readonly reason: FormRefusal };

/**
 * Reads an entry page's form post: `application/x-www-form-urlencoded` (what
 * HTML forms send; a missing content type is read the same way), within the
 * spec's body limit. A refused body is drained, not kept, so that the refusal
 * can still be sent.
 * @example
 * const form = await readForm(req);
 * if (form.ok) form.fields.getAll('action');
 */
export async function readForm(req: IncomingMessage): Promise<FormRead> {
  const kind = bodyKind(req.headers['content-type']);
  if (kind !== 'form' && kind !== 'none') return discard(req, 'unsupported_media_type');
  let body: Buffer | undefined;
  try {
    body = await readBody(req, MAX_BODY_BYTES);
  } catch {
    return { ok: false, reason: 'aborted' };
  }
  if (body === undefined) {
    await drainRefused(req);
    return { ok: false, reason: 'too_large' };
  }
  return { ok: true, fields: new URLSearchParams(body.toString('utf8')) };
}

function discard(req: IncomingMessage, reason: FormRefusal): FormRead {
  req.resume();
  return { ok: false, reason };
}
