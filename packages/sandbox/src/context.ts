/**
 * What createApp hands to the entry pages module.
 */
import type { CallLog } from './calls/call-log.js';
import type { AccountRegistry } from './http/accounts.js';
import type { SandboxStore } from './store/index.js';

/**
 * The context of `handlePage(req, res, ctx)` in `src/pages/index.ts`.
 * `publicUrl` has no trailing slash; entry URLs are `${publicUrl}/e/${token}`,
 * lobby URLs `${publicUrl}/${code}`.
 */
export interface PageContext {
  readonly store: SandboxStore;
  readonly accounts: AccountRegistry;
  readonly publicUrl: string;
  /** Each account's recent API calls (the request inspector), or undefined when recording is off. */
  readonly calls?: CallLog | undefined;
}

/** Answers a page request; resolves true when it did, false to let the app answer 404. */
export type PageHandler = (
  req: import('node:http').IncomingMessage,
  res: import('node:http').ServerResponse,
  ctx: PageContext,
) => boolean | Promise<boolean>;
