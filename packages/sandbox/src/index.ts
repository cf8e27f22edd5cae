/**
 * @module @org/liveminutes-sandbox
 * The stateful LiveMinutes reference server: the 8 operations with every rule
 * of the spec, real state in embedded SQLite (or PostgreSQL, shared by several
 * sandbox processes), and entry pages that drive the meeting and participant lifecycles.
 *
 * @example
 * import { startSandbox } from '@org/liveminutes-sandbox';
 * const sandbox = await startSandbox({ port: 4010, db: './sandbox.db' });
 * console.log(sandbox.url); // http://127.0.0.1:4010
 * await sandbox.close();
 */
export { createApp, defaultLimits, type AppOptions } from './app.js';
export { startSandbox, type Sandbox, type SandboxOptions } from './start.js';
export {
  createAccountRegistry,
  DEFAULT_ACCOUNT,
  type AccountCredentials,
  type AccountRegistry,
} from './http/accounts.js';
export {
  sandboxControl,
  SandboxControlError,
  type CallList,
  type ControlErrorBody,
  type CreateAccountRequest,
  type CreatedAccountResult,
  type MoveMeetingRequest,
  type MoveMeetingResult,
  type MoveParticipantRequest,
  type MoveParticipantResult,
  type ResetAccountResult,
  type SandboxControl,
  type SandboxControlOptions,
} from './control/sandbox-control.js';
export type { CreatedAccount } from './control/control-accounts.js';
export { formatRequestLog, type Logger, type RequestLog } from './http/log.js';
export { createCallLog, type CallFailure, type CallInput, type CallLog, type CallLogOptions, type CallRecord } from './calls/call-log.js';
export type { PageContext, PageHandler } from './context.js';
export { createStore, type StoreOptions } from './store/index.js';
// The store's views and values: its calls return these shapes at runtime too; records (row ids) stay inside the store.
export type * from './store/types.js';
