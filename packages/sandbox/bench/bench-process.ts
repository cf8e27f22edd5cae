/**
 * A bench server as a child process (sandbox-server.ts or raw-server.ts, both
 * started with `node --import tsx` the same way), with the IPC channel its
 * reports come over (server-report.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ServerReport } from './server-report.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** A running bench server. */
export interface BenchProcess {
  readonly name: string;
  readonly url: string;
  /** Its answered requests and CPU time so far. */
  report(): Promise<ServerReport>;
  stop(): Promise<void>;
}

/**
 * Starts `script` (relative to the package) with `args`; resolves once it prints its URL.
 * @example
 * const raw = await startBenchProcess('raw + 1 statement', 'bench/raw-server.ts', ['sqlite', '--db', file]);
 */
export function startBenchProcess(name: string, script: string, args: readonly string[]): Promise<BenchProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: packageDir,
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const onExit = (code: number | null) => reject(new Error(`${name} exited with ${code} before listening`));
    child.once('exit', onExit);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (!match) return;
      child.off('exit', onExit);
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      resolve({ name, url: match[1]!, report: () => report(child), stop: () => stop(child) });
    });
  });
}

function report(child: ChildProcess): Promise<ServerReport> {
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(message as ServerReport));
    if (!child.send('report')) reject(new Error('the server is gone'));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
