/**
 * The reporters: `pretty` (terminal progress and summary), `json`, `junit`
 * and `html` (files for machines, CI and people).
 */
import { accessSync, constants, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConformanceError } from '../run/errors.js';
import type { ConformanceReport, RunListener } from '../types.js';
import { formatHtml } from './html.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';

export { createPrettyReporter, type PrettyReporterOptions } from './pretty.js';
export { formatHtml } from './html.js';
export { formatJson } from './json.js';
export { escapeXml, formatJunit } from './junit.js';

/** The names `--reporter` takes. */
export const REPORTERS = ['pretty', 'json', 'junit', 'html'] as const;
export type ReporterName = (typeof REPORTERS)[number];
/** The reporters that write one document (to `--out` or stdout). */
export type FileReporterName = Exclude<ReporterName, 'pretty'>;

const FORMATS: Readonly<Record<FileReporterName, (report: ConformanceReport) => string>> = { json: formatJson, junit: formatJunit, html: formatHtml };

/**
 * Throws a usage error unless a report can be written to `out`: its directory
 * exists and is writable, and `out` is not a directory. Called before a run,
 * so that a typo does not cost a whole run.
 * @example
 * assertWritable('reports/conformance.html'); // throws when reports/ does not exist
 */
export function assertWritable(out: string): void {
  const path = resolve(out);
  const stats = statSync(path, { throwIfNoEntry: false });
  if (stats?.isDirectory()) throw new ConformanceError('usage', `--out ${out} is a directory; give a file name`);
  const directory = dirname(path);
  if (!statSync(directory, { throwIfNoEntry: false })?.isDirectory()) throw new ConformanceError('usage', `--out ${out}: the directory ${directory} does not exist`);
  try {
    accessSync(stats ? path : directory, constants.W_OK);
  } catch {
    throw new ConformanceError('usage', `--out ${out} is not writable`);
  }
}

/**
 * A listener that writes the report in `format` to `out` (a file) or to `stream` when `out` is undefined.
 * @example
 * await runConformance({ listeners: [createFileReporter('html', 'conformance.html')] });
 */
export function createFileReporter(format: FileReporterName, out: string | undefined, stream: NodeJS.WritableStream = process.stdout): RunListener {
  return {
    onEnd(report: ConformanceReport) {
      const text = FORMATS[format](report);
      if (!out) {
        stream.write(text);
        return;
      }
      try {
        writeFileSync(out, text, 'utf8');
      } catch (error) {
        throw new ConformanceError('usage', `Cannot write the ${format} report to ${out} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      }
    },
  };
}
