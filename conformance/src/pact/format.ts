/**
 * A plain-text summary of a pact verification, for a terminal or a CI log:
 * each failed interaction with its mismatches named, each skipped one with its
 * reason, each state that could not be set up, and the totals.
 */
import type { PactVerificationResult } from './results.js';

/**
 * Formats a verification result (no colours, no credentials: the result has none).
 * @example
 * const result = await verifyPacts(options);
 * console.log(formatPactResult(result));
 * // FAIL a createMeeting request with a wrong AuthToken
 * //   BodyMismatch $.resultcode: Expected 1 to be equal to 0
 * // 40 verified: 39 passed, 1 failed; 0 skipped
 */
export function formatPactResult(result: PactVerificationResult): string {
  const lines: string[] = [`Pact verification of ${result.provider} at ${result.baseUrl}`];
  for (const interaction of result.interactions) {
    if (interaction.ok) continue;
    lines.push(`FAIL ${interaction.description}`);
    if (interaction.providerStates.length > 0) lines.push(`  given ${interaction.providerStates.join(' and ')}`);
    for (const mismatch of interaction.mismatches) {
      lines.push(`  ${mismatch.type}${mismatch.path ? ` ${mismatch.path}` : ''}: ${mismatch.message}`);
    }
  }
  for (const skipped of result.skipped) lines.push(`SKIP ${skipped.description}`, `  ${skipped.reason}`);
  for (const error of result.stateErrors) lines.push(`STATE ${error.state}: ${error.message}`);
  const passed = result.interactions.filter((interaction) => interaction.ok).length;
  const failed = result.interactions.length - passed;
  lines.push(
    `${result.interactions.length} verified: ${passed} passed, ${failed} failed; ${result.skipped.length} skipped` +
      (result.stateErrors.length > 0 ? `; ${result.stateErrors.length} state setup errors` : ''),
    result.ok ? 'OK' : 'FAILED',
  );
  return lines.join('\n');
}
