/**
 * The JSON reporter: the whole report, for machines.
 */
import type { ConformanceReport } from '../types.js';

/**
 * The report as pretty-printed JSON (it holds no credential).
 * @example
 * writeFileSync('conformance.json', formatJson(report));
 */
export function formatJson(report: ConformanceReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
