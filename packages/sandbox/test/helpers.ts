/**
 * Shared test helpers: a sandbox on loopback port 0 with a real SQLite file in
 * a temp dir and a capturing logger, and small HTTP helpers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, type AgentOptions } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createValidator, getOperation, urlFormats as specUrlFormats } from '@org/liveminutes-spec';
import { afterAll } from 'vitest';
import { DEFAULT_ACCOUNT, startSandbox, type RequestLog, type Sandbox, type SandboxOptions } from '../src/index.js';

export const SID = DEFAULT_ACCOUNT.accountSid;
export const TOKEN = DEFAULT_ACCOUNT.authToken;

/** `Basic base64(sid:token)`. */
export const basic = (sid: string = SID, token: string = TOKEN): string =>
  `Basic ${Buffer.from(`${sid}:${token}`, 'utf8').toString('base64')}`;

/** A fresh temp dir, removed after the file's tests. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lm-sandbox-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface TestSandbox extends Sandbox {
  readonly logs: RequestLog[];
  readonly dbPath: string;
}

/** Starts a sandbox on port 0 with a database file in a temp dir; closed after the file's tests. */
export async function startTestSandbox(options: SandboxOptions = {}): Promise<TestSandbox> {
  const logs: RequestLog[] = [];
  const dbPath = options.db ?? join(tempDir(), 'sandbox.db');
  const sandbox = await startSandbox({ logger: (entry) => logs.push(entry), ...options, db: dbPath });
  afterAll(() => sandbox.close());
  return Object.assign(sandbox, { logs, dbPath });
}

export interface CallOptions {
  readonly auth?: string | null;
  readonly headers?: Record<string, string>;
  readonly method?: string;
}

export interface CallResult {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
}

/** POSTs a form body (urlencoded unless `body` is FormData or a string with its own content type). */
export async function call(
  sandbox: { url: string },
  operation: string,
  params: Record<string, string> | URLSearchParams | FormData | string = {},
  options: CallOptions = {},
): Promise<CallResult> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.auth !== null) headers.authorization = options.auth ?? basic();
  let body: BodyInit;
  if (params instanceof FormData || typeof params === 'string' || params instanceof URLSearchParams) body = params;
  else body = new URLSearchParams(params);
  const res = await fetch(`${sandbox.url}/${operation}`, { method: options.method ?? 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: JSON.parse(text) as Record<string, unknown> };
}

/** A response body, typed loosely for assertions (fields absent at runtime are undefined). */
export interface Answer {
  resultcode: number;
  meetingKey: string;
  meetingUrl: string;
  hostUrl: string;
  participantUrl: string;
  status: string;
  error?: string;
  message: string;
  param?: string;
}

/** Calls and asserts nothing; returns the body. */
export const ok = async (
  sandbox: { url: string },
  operation: string,
  params: Record<string, string>,
  options?: CallOptions,
): Promise<Answer> => (await call(sandbox, operation, params, options)).body as unknown as Answer;

/** The spec's url.formats regexes. */
export const urlFormats = specUrlFormats();

const ajv = createValidator();
const validators = new Map<string, ReturnType<typeof ajv.compile>>();

/** Validates a body against the operation's success or failure schema from the spec; returns the errors. */
export function schemaErrors(operation: string, kind: 'success' | 'failure', body: unknown): string | undefined {
  const key = `${operation}:${kind}`;
  let validate = validators.get(key);
  if (!validate) {
    const info = getOperation(operation);
    validate = ajv.compile(kind === 'success' ? info.successSchema : info.failureSchema);
    validators.set(key, validate);
  }
  return validate(body) ? undefined : ajv.errorsText(validate.errors);
}

let counter = 0;
/** A unique meeting key for a test. */
export const uniqueKey = (prefix = 'k'): string => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

/**
 * A keep-alive agent whose idle sockets close before the server closes them: with a `timeout`, Node's agent
 * follows the sandbox's `Keep-Alive: timeout=5` (a second early); without one it keeps them forever, and a
 * request on a socket the server is dropping fails with ECONNRESET (CONTRIBUTING, "Tests that never flake").
 */
export function keepAliveAgent(options: AgentOptions = {}): Agent {
  return new Agent({ keepAlive: true, timeout: 4_000, ...options });
}
