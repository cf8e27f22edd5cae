/**
 * What createApp hands to the entry pages module.
 */
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
}

/** Answers a page request; resolves true when it did, false to let the app answer 404. */
export type PageHandler = (
  req: import('node:http').IncomingMessage,
  res: import('node:http').ServerResponse,
  ctx: PageContext,
) => boolean | Promise<boolean>;
