/**
 * Every check of the suite, in the order a run takes them. Checks that review
 * what the whole run has seen (failure shapes, error codes, content types,
 * 5xx) come last.
 */
import type { Check } from '../types.js';
import { authChecks } from './auth.js';
import { exactIdChecks } from './exact-ids.js';
import { failureChecks } from './failures.js';
import { forbiddenMoveChecks } from './pages-forbidden-moves.js';
import { idempotencyChecks } from './idempotency.js';
import { isolationChecks } from './isolation.js';
import { lifecycleChecks } from './lifecycle.js';
import { nearMissChecks } from './auth-near-miss.js';
import { pageChecks } from './pages.js';
import { paramChecks } from './params.js';
import { quotaChecks } from './quota.js';
import { robustnessCheck } from './robustness.js';
import { successChecks } from './success.js';
import { contentTypeCheck, transportChecks } from './transport.js';
import { uniquenessChecks } from './lifecycle-uniqueness.js';
import { urlChecks } from './urls.js';
import { verbatimChecks, verbatimPagesCheck } from './verbatim.js';

let all: Check[] | undefined;

/**
 * The suite's checks (built from the spec on first use).
 * @example
 * allChecks().find((check) => check.id === 'auth.wrong-token')?.level; // 'MUST'
 */
export function allChecks(): readonly Check[] {
  all ??= [
    ...authChecks,
    ...nearMissChecks,
    ...successChecks,
    ...lifecycleChecks,
    ...uniquenessChecks,
    ...exactIdChecks,
    ...verbatimChecks,
    verbatimPagesCheck,
    ...idempotencyChecks,
    ...urlChecks.filter((check) => check.id === 'url.unique'),
    ...pageChecks,
    ...forbiddenMoveChecks,
    ...isolationChecks,
    ...quotaChecks,
    ...transportChecks,
    ...paramChecks,
    ...failureChecks,
    robustnessCheck,
    ...urlChecks.filter((check) => check.id !== 'url.unique'),
    contentTypeCheck,
  ];
  return all;
}
