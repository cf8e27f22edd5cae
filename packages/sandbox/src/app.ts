/**
 * createApp: the sandbox as a node:http request listener. It routes the 8
 * operation paths to the operations and everything else to the entry pages,
 * answers transport failures in the spec's JSON failure shape, and never
 * listens itself (see startSandbox for that).
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { invalidParameterRule, limits as specLimits, maxBodyBytes } from '@org/liveminutes-spec';
import { createCallLog, type CallLog } from './calls/call-log.js';
import { createCredentialsReader, startCall, type CallRecorder } from './calls/call-recorder.js';
import type { PageContext, PageHandler } from './context.js';
import { CONTROL_PREFIX, createControlHandler } from './control/control-handler.js';
import { createAccountRegistry, DEFAULT_ACCOUNT, type AccountCredentials, type AccountRegistry } from './http/accounts.js';
import { bodyKind, drainRefused, parseForm, readBody } from './http/body.js';
import { failureResponse, type ApiFailure } from './http/failure.js';
import { pageRoute, stderrLogger, type Logger } from './http/log.js';
import { sendJson } from './http/json-response.js';
import { createOperations, type Operation } from './operations/index.js';
import { handlePage } from './pages/index.js';
import type { Limits, SandboxStore } from './store/index.js';
import { createTriggerTable, triggerOutcome } from './triggers/test-triggers.js';

/** Options of {@link createApp}. */
export interface AppOptions {
  readonly store: SandboxStore;
  /** Base of every URL handed out (meetingUrl, hostUrl, participantUrl), e.g. `http://127.0.0.1:4010`. */
  readonly publicUrl: string;
  /** AccountSid/AuthToken pairs; default: the document's example account. */
  readonly accounts?: readonly AccountCredentials[] | AccountRegistry;
  /** Per-account quotas; each defaults to the spec's rule quota.limits. */
  readonly limits?: Partial<Limits>;
  /** Receives one entry per request; default one line on stderr; false to silence. */
  readonly logger?: Logger | false;
  /** The entry pages; default the sandbox's own (`src/pages`); false for none. */
  readonly pages?: PageHandler | false;
  /** Each account's recent calls, for the request inspector; default a new {@link createCallLog}(); false to record none. */
  readonly calls?: CallLog | false;
  /** Honour the spec's test triggers (reserved `lm_test_...` values); default true. */
  readonly testTriggers?: boolean;
}

/**
 * The spec's default quotas (rule quota.limits).
 * @example
 * defaultLimits(); // { users: 1000, sessions: 10000 }
 */
export function defaultLimits(): Limits {
  return specLimits();
}

/** Removes trailing slashes and checks that the URL is absolute http(s). */
export function normalizePublicUrl(publicUrl: string): string {
  const url = new URL(publicUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('publicUrl must be an http(s) URL');
  return url.href.replace(/\/+$/, '');
}

const isRegistry = (value: AppOptions['accounts']): value is AccountRegistry =>
  value !== undefined && !Array.isArray(value) && typeof (value as AccountRegistry).authenticate === 'function';

/**
 * Builds the request listener. Pass it to `http.createServer`; it never listens.
 * @example
 * import { createServer } from 'node:http';
 * import { createApp, createStore } from '@org/liveminutes-sandbox';
 * const app = createApp({ store: await createStore(), publicUrl: 'http://127.0.0.1:4010', logger: false });
 * createServer(app).listen(4010, '127.0.0.1');
 */
export function createApp(options: AppOptions): RequestListener {
  const { store } = options;
  const publicUrl = normalizePublicUrl(options.publicUrl);
  const accounts = isRegistry(options.accounts)
    ? options.accounts
    : createAccountRegistry(options.accounts ?? [DEFAULT_ACCOUNT], { load: (sid) => store.findAccount(sid) });
  const limits: Limits = { ...defaultLimits(), ...options.limits };
  const logger = options.logger === false ? undefined : (options.logger ?? stderrLogger);
  const pages = options.pages === false ? undefined : (options.pages ?? handlePage);
  const operations = createOperations();
  const calls = options.calls === false ? undefined : (options.calls ?? createCallLog());
  const triggers = options.testTriggers === false ? undefined : createTriggerTable();
  const pageContext: PageContext = { store, accounts, publicUrl, calls };
  const control = createControlHandler({ store, accounts, limits, calls });
  const credentialsOf = createCredentialsReader();
  // Rule data is read once, here: never on the request path.
  const bodyLimit = maxBodyBytes();

  const log = (req: IncomingMessage, route: string, started: number, status: number, body?: { resultcode?: unknown; error?: unknown }) => {
    if (!logger) return;
    try {
      logger({
        method: req.method ?? '',
        route,
        status,
        resultcode: body?.resultcode === 0 || body?.resultcode === 1 ? body.resultcode : undefined,
        error: typeof body?.error === 'string' ? body.error : undefined,
        ms: performance.now() - started,
      });
    } catch {
      // A failing logger must not turn an answer into a crash.
    }
  };

  const fail = (
    req: IncomingMessage,
    res: ServerResponse,
    route: string,
    started: number,
    failure: ApiFailure,
    headers: Record<string, string> = {},
    call?: CallRecorder,
  ) => {
    const answer = failureResponse(failure);
    const { status, body, rule } = answer;
    sendJson(res, status, body, { ...answer.headers, ...headers });
    log(req, route, started, status, body);
    if (call && rule !== undefined) call.answered(status, body, { ...failure, rule });
  };

  async function runOperation(req: IncomingMessage, res: ServerResponse, operation: Operation, started: number) {
    const route = operation.operationId;
    if (req.method !== 'POST') return fail(req, res, route, started, { error: 'method_not_allowed' });
    const contentType = req.headers['content-type'];
    const kind = bodyKind(contentType);
    if (kind === 'unsupported') return fail(req, res, route, started, { error: 'unsupported_media_type' });
    const body = await readBody(req, bodyLimit);
    if (body === undefined) {
      await drainRefused(req);
      return fail(req, res, route, started, { error: 'payload_too_large' }, { connection: 'close' });
    }
    if (kind === 'none' && body.length > 0) return fail(req, res, route, started, { error: 'unsupported_media_type' });
    // Accounts another process created are looked up only when this one does not know the AccountSid.
    const accountSid = accounts.authenticate(req.headers.authorization) ?? (await accounts.lookup(req.headers.authorization));
    const credentials = calls && credentialsOf(req.headers.authorization);
    if (accountSid === undefined) {
      // A known AccountSid with a wrong token: its developer sees the refused call (never the token sent).
      const claimed = credentials && accounts.sids.includes(credentials.accountSid) ? credentials.accountSid : undefined;
      const call = claimed === undefined ? undefined : startCall(calls, claimed, route, credentials?.authToken, started);
      return fail(req, res, route, started, { error: 'auth_failed' }, {}, call);
    }
    const call = startCall(calls, accountSid, route, credentials?.authToken, started);
    try {
      const fields = await parseForm(kind, contentType, body);
      if (!fields) {
        const malformed = { error: 'invalid_parameter', message: 'The multipart body is malformed.', rule: invalidParameterRule('body') };
        return fail(req, res, route, started, malformed, {}, call);
      }
      call.sent(fields);
      const valid = operation.validate(fields);
      if (!valid.ok) {
        const { param, message, rule, bound } = valid;
        return fail(req, res, route, started, { error: 'invalid_parameter', param, message, rule, bound }, {}, call);
      }
      call.sent(valid.params);
      const trigger = triggers?.match(route, valid.params);
      if (trigger) {
        const outcome = await triggerOutcome(trigger);
        if (outcome.kind === 'drop') {
          res.destroy();
          log(req, route, started, 0);
          return call.answered(0, {});
        }
        if (outcome.kind === 'answer') {
          sendJson(res, outcome.status, outcome.body, outcome.headers);
          log(req, route, started, outcome.status, outcome.body);
          return call.answered(outcome.status, outcome.body, outcome.failure);
        }
      }
      const own = accounts.limitsOf(accountSid);
      const result = await operation.handle({ store, accountSid, publicUrl, limits: own ? { ...limits, ...own } : limits }, valid.params);
      if (!result.ok) return fail(req, res, route, started, result.failure, {}, call);
      const answer = { resultcode: 1, ...result.body };
      sendJson(res, 200, answer);
      log(req, route, started, 200, answer);
      call.answered(200, answer);
    } catch (error) {
      // The app's catch answers internal_error; the inspector shows it with its rule.
      const { body: fault, rule } = failureResponse({ error: 'internal_error' });
      if (!res.headersSent && rule !== undefined) call.answered(200, fault, { error: fault.error, rule });
      throw error;
    }
  }

  async function runPage(req: IncomingMessage, res: ServerResponse, path: string, started: number) {
    const route = pageRoute(path);
    if (pages && (await pages(req, res, pageContext))) {
      if (res.writableFinished) log(req, route, started, res.statusCode);
      else res.once('finish', () => log(req, route, started, res.statusCode));
      return;
    }
    fail(req, res, route, started, { error: 'not_found' });
  }

  async function runControl(req: IncomingMessage, res: ServerResponse, path: string, search: string, started: number) {
    const route = await control(req, res, path, new URLSearchParams(search));
    if (res.writableFinished || res.destroyed) log(req, route, started, res.statusCode);
    else res.once('close', () => log(req, route, started, res.statusCode));
  }

  return (req, res) => {
    const started = performance.now();
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const path = query < 0 ? url : url.slice(0, query);
    const operation = operations.get(path);
    const run = operation
      ? runOperation(req, res, operation, started)
      : path.startsWith(CONTROL_PREFIX)
        ? runControl(req, res, path, query < 0 ? '' : url.slice(query + 1), started)
        : runPage(req, res, path, started);
    run.catch(() => {
      // Whatever failed, the client still gets the JSON failure shape; the error itself may hold data, so it is not logged.
      const route = operation?.operationId ?? pageRoute(path);
      if (res.headersSent || (req.destroyed && !req.complete)) {
        // Too late to answer, or the client went away mid-body: there is no one to answer.
        res.destroy();
        return;
      }
      const { body } = failureResponse({ error: 'internal_error' });
      const status = operation ? 200 : 500;
      sendJson(res, status, body, { connection: 'close' });
      log(req, route, started, status, body);
    });
  };
}
