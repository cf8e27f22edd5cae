/**
 * The shape every operation handler has: validated parameters in, a success
 * body or a failure value out. Handlers never write to the response.
 */
import type { ApiFailure } from '../http/failure.js';
import type { Limits, SandboxStore } from '../store/index.js';

/** What a handler may use for one call. */
export interface OperationContext {
  readonly store: SandboxStore;
  /** The authenticated AccountSid: every lookup is scoped to it. */
  readonly accountSid: string;
  /** Base of the URLs handed out, without a trailing slash. */
  readonly publicUrl: string;
  readonly limits: Limits;
}

/** A handler's outcome. The success body omits `resultcode`, added when answering. */
export type OperationResult =
  | { readonly ok: true; readonly body: Readonly<Record<string, string>> }
  | { readonly ok: false; readonly failure: ApiFailure };

/** One of the 8 operations. `params` passed the spec's request schema. */
export type OperationHandler = (
  ctx: OperationContext,
  params: Readonly<Record<string, string>>,
) => OperationResult | Promise<OperationResult>;
