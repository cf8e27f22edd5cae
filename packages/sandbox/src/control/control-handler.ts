/**
 * @module control
 * The sandbox control API (its own OpenAPI document, `control.yaml` of the
 * spec) beside the LiveMinutes API on the same server: `/control/...` paths,
 * the same accounts and basic auth (constant-time), JSON in and out. Moves go
 * through the entry pages' store calls; everything stays inside the caller's
 * account. Never throws: a store failure is `internal_error`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { controlOperations, type ControlOperation } from '@org/liveminutes-spec';
import type { AccountRegistry } from '../http/accounts.js';
import { sendJson } from '../http/json-response.js';
import type { HostAction, Limits, ParticipantAction, SandboxStore } from '../store/index.js';
import { createFreshAccount, MAX_CREATED_ACCOUNTS } from './control-accounts.js';
import { sendControlFailure, type ControlFailure } from './control-failure.js';
import { moveMeeting, moveParticipant } from './control-moves.js';
import { readControlInput } from './control-request.js';

/** The path prefix of every control operation. */
export const CONTROL_PREFIX = '/control/';

/** The recent calls of an account, newest first (the request inspector's call log). */
export interface CallSource {
  recent(accountSid: string, options?: { limit?: number }): readonly unknown[];
}

/** What the control API works on. */
export interface ControlContext {
  readonly store: SandboxStore;
  readonly accounts: AccountRegistry;
  /** The sandbox's quotas, the defaults of a created account. */
  readonly limits: Limits;
  /** The account's recent calls; none recorded when undefined. */
  readonly calls?: CallSource | undefined;
}

/** Answers one control request; resolves the route to log (never a raw path) once answered. */
export type ControlHandler = (req: IncomingMessage, res: ServerResponse, path: string, search: URLSearchParams) => Promise<string>;

type Result = { readonly status: number; readonly body: unknown } | { readonly failure: ControlFailure };

/**
 * Builds the handler. `createApp` sends it every path under {@link CONTROL_PREFIX}.
 * @example
 * const control = createControlHandler({ store, accounts, limits });
 * const route = await control(req, res, '/control/move-meeting', new URLSearchParams());
 */
export function createControlHandler(ctx: ControlContext): ControlHandler {
  const byPath = new Map<string, ControlOperation[]>();
  for (const op of controlOperations()) byPath.set(op.path, [...(byPath.get(op.path) ?? []), op]);
  const created = { count: 0 };

  async function run(op: ControlOperation, accountSid: string, body: Readonly<Record<string, unknown>>, query: Readonly<Record<string, string>>): Promise<Result> {
    switch (op.operationId) {
      case 'moveMeeting': {
        const moved = await moveMeeting(ctx.store, accountSid, String(body.meetingKey), body.action as HostAction);
        return moved.ok ? { status: op.successStatus, body: moved.body } : moved;
      }
      case 'moveParticipant': {
        const moved = await moveParticipant(ctx.store, accountSid, String(body.meetingKey), String(body.puid), body.action as ParticipantAction);
        return moved.ok ? { status: op.successStatus, body: moved.body } : moved;
      }
      case 'resetAccount':
        return { status: op.successStatus, body: { accountSid, deletedMeetings: await ctx.store.resetAccount(accountSid) } };
      case 'createAccount': {
        const account = await createFreshAccount(ctx.accounts, ctx.store, ctx.limits, (body.limits ?? {}) as Partial<Limits>, created);
        if (!account) return { failure: { error: 'limit_exceeded', message: `This sandbox has created ${MAX_CREATED_ACCOUNTS} accounts, its most; restart it to create more.` } };
        return { status: op.successStatus, body: account };
      }
      case 'listCalls': {
        const limit = query.limit === undefined ? undefined : Number(query.limit);
        return { status: op.successStatus, body: { calls: ctx.calls?.recent(accountSid, limit === undefined ? {} : { limit }) ?? [] } };
      }
      default:
        throw new Error(`The control API has no handler for ${op.operationId}`);
    }
  }

  return async (req, res, path, search) => {
    const candidates = byPath.get(path);
    const op = candidates?.find((candidate) => candidate.method === req.method);
    const route = candidates ? `control ${candidates[0]!.operationId}` : 'control (unknown)';
    try {
      if (!candidates) {
        req.resume();
        sendControlFailure(res, { error: 'not_found', message: 'No control operation has this path.' });
        return route;
      }
      if (!op) {
        req.resume();
        const allow = candidates.map((candidate) => candidate.method).join(', ');
        sendControlFailure(res, { error: 'method_not_allowed', message: `This path answers ${allow}.` }, { allow });
        return route;
      }
      const accountSid = ctx.accounts.authenticate(req.headers.authorization) ?? (await ctx.accounts.lookup(req.headers.authorization));
      if (accountSid === undefined) {
        req.resume();
        sendControlFailure(res, { error: 'auth_failed', message: 'The AccountSid or the AuthToken is wrong.' });
        return route;
      }
      const input = await readControlInput(req, op, search);
      if (!input.ok) {
        sendControlFailure(res, input.failure, input.close ? { connection: 'close' } : {});
        return route;
      }
      const result = await run(op, accountSid, input.body, input.query);
      if ('failure' in result) sendControlFailure(res, result.failure);
      else sendJson(res, result.status, result.body);
    } catch {
      // The error may hold data (a database URL, a key): it is neither answered nor logged.
      if (req.destroyed && !req.complete) res.destroy();
      else sendControlFailure(res, { error: 'internal_error', message: 'The sandbox failed unexpectedly.' }, { connection: 'close' });
    }
    return route;
  };
}
