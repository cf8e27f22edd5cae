/**
 * What the command's subcommands share: the reporters chosen on the command
 * line, and stopping on Ctrl-C or SIGTERM (once: finish cleanly; twice: quit).
 */
import { createFileReporter, createPrettyReporter, type ReporterName } from './reporters/index.js';
import type { RunListener } from './types.js';

/** The streams the reporters write to. */
export interface ReporterIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream;
}

/**
 * The pretty reporter (on stderr when a document goes to stdout) and the document reporter, if any.
 * @example
 * const { terminal, pretty, documents } = reporterListeners(['json'], undefined, false, io);
 */
export function reporterListeners(
  reporters: readonly ReporterName[],
  out: string | undefined,
  quiet: boolean,
  io: ReporterIo,
): { terminal: ReporterIo['stdout']; pretty: RunListener; documents: RunListener[] } {
  const fileToStdout = reporters.some((name) => name !== 'pretty') && !out;
  const terminal = fileToStdout ? (io.stderr as ReporterIo['stdout']) : io.stdout;
  const documents = reporters.filter((name) => name !== 'pretty').map((name) => createFileReporter(name, out, io.stdout));
  return { terminal, pretty: createPrettyReporter({ stream: terminal, verbose: !quiet }), documents };
}

/**
 * Calls `onFirst` on the first SIGINT or SIGTERM (the one a CI runner sends when a job is cancelled)
 * and exits with 130 on the second; returns the function that stops listening.
 * @example
 * const stop = onStopSignals(() => controller.abort());
 * try { await work(controller.signal); } finally { stop(); }
 */
export function onStopSignals(onFirst: () => void): () => void {
  let signals = 0;
  const onSignal = (): void => {
    signals += 1;
    if (signals === 1) onFirst();
    else process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
