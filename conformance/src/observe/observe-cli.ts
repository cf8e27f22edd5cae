/**
 * `liveminutes-conformance observe`: starts the proxy, prints its address and
 * one line per finding as it happens, and on SIGINT or SIGTERM (or after
 * --duration / --max-exchanges) writes the reporters' report and the HAR file.
 * Exit 1 when a MUST rule was broken, by either side; else 0.
 */
import { writeFileSync } from 'node:fs';
import type { ObserveArgs } from '../cli-args.js';
import { onStopSignals, reporterListeners, type ReporterIo } from '../cli-support.js';
import { assertWritable } from '../reporters/index.js';
import { ConformanceError } from '../run/errors.js';
import type { RunListener } from '../types.js';
import { findingLine, observe } from './observe.js';

/**
 * Runs `observe` until it is stopped; resolves to the exit code.
 * @example
 * process.exitCode = await runObserve({ target: 'http://127.0.0.1:4010', port: 4011, host: '127.0.0.1', reporters: ['pretty'], quiet: false }, process);
 */
export async function runObserve(args: ObserveArgs, io: ReporterIo): Promise<number> {
  if (args.out) assertWritable(args.out);
  if (args.har) assertWritable(args.har);
  const { terminal, pretty, documents } = reporterListeners(args.reporters, args.out, args.quiet, io);
  // The findings were printed as they happened: the pretty reporter only adds the summary.
  const listeners: RunListener[] = [{ onEnd: (report) => pretty.onEnd?.(report) }, ...documents];
  const controller = new AbortController();
  const stopListening = onStopSignals(() => controller.abort());
  try {
    const observation = await observe({
      target: args.target,
      port: args.port,
      host: args.host,
      durationMs: args.durationMs,
      maxExchanges: args.maxExchanges,
      signal: controller.signal,
      record: args.har !== undefined,
      listeners,
      onListening: (url) => terminal.write(`observing ${url} -> ${args.target} (point the application at ${url}; Ctrl-C ends and writes the report)\n`),
      onFinding: (finding) => terminal.write(`${findingLine(finding)}\n`),
      onError: (error) => io.stderr.write(`liveminutes-conformance observe: ${error.message}\n`),
    }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') throw new ConformanceError('usage', `--port ${args.port}: ${error.code}`);
      throw error;
    });
    if (args.har) writeFileSync(args.har, observation.har(), 'utf8');
    return observation.report.ok ? 0 : 1;
  } finally {
    stopListening();
  }
}
