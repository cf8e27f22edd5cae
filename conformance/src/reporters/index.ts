/**
 * The reporters: `pretty` (terminal progress and summary), `json` and `junit`
 * (files for machines and CI).
 */
import { writeFileSync } from 'node:fs';
import type { ConformanceReport, RunListener } from '../types.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';

export { createPrettyReporter, type PrettyReporterOptions } from './pretty.js';
export { formatJson } from './json.js';
export { escapeXml, formatJunit } from './junit.js';

/** The names `--reporter` takes. */
export const REPORTERS = ['pretty', 'json', 'junit'] as const;
export type ReporterName = (typeof REPORTERS)[number];

/**
 * A listener that writes the report in `format` to `out` (a file) or to `stream` when `out` is undefined.
 * @example
 * await runConformance({ listeners: [createFileReporter('junit', 'conformance.xml')] });
 */
export function createFileReporter(format: 'json' | 'junit', out: string | undefined, stream: NodeJS.WritableStream = process.stdout): RunListener {
  return {
    onEnd(report: ConformanceReport) {
      const text = format === 'json' ? formatJson(report) : formatJunit(report);
      if (out) writeFileSync(out, text, 'utf8');
      else stream.write(text);
    },
  };
}
