/**
 * Runs the CLI from source (node --import tsx src/cli.ts) as a child process
 * and waits for its "listening on" line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

export interface CliProcess {
  readonly child: ChildProcess;
  readonly url: string;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or signal) once the process ends. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once stderr contains `text` (an event to wait on, instead of a sleep). */
  stderrContains(text: string): Promise<void>;
}

/** Runs `script` (the CLI by default) from source with `args`, in `env`. */
export function runCli(
  args: string[],
  script = 'src/cli.ts',
  env: NodeJS.ProcessEnv = process.env,
): { child: ChildProcess; output: () => { stdout: string; stderr: string }; exited: CliProcess['exited'] } {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: packageDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => ({ stdout, stderr }), exited };
}

/** Starts the CLI (or another script that prints `listening on <url>`) and resolves once it prints its URL. */
export async function startCli(args: string[], script?: string, env?: NodeJS.ProcessEnv): Promise<CliProcess> {
  const run = runCli(args, script, env);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`CLI did not start: ${JSON.stringify(run.output())}`)), 90_000);
    const check = () => {
      const match = /listening on (http:\/\/\S+)/.exec(run.output().stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    run.child.stdout!.on('data', check);
    void run.exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`CLI exited: ${JSON.stringify(run.output())}`));
    });
  });
  const stderrContains = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!run.output().stderr.includes(text)) return;
        run.child.stderr!.off('data', check);
        resolve();
      };
      run.child.stderr!.on('data', check);
      void run.exited.then(() => reject(new Error(`CLI exited before writing ${JSON.stringify(text)}: ${JSON.stringify(run.output())}`)));
      check();
    });
  return { child: run.child, url, stdout: () => run.output().stdout, stderr: () => run.output().stderr, exited: run.exited, stderrContains };
}
