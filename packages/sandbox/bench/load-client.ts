/**
 * The bench's load generator: keep-alive HTTP/1.1 connections on loopback,
 * one request in flight on each, so that every answer is paired with the call
 * it answers and checked (see workload.ts). Only answers that pass the check
 * are counted and timed. Small on purpose: a request is one `write` of a
 * prebuilt string and an answer one `indexOf`, so that the servers, not the
 * generator, set the pace (the bench prints the generator's CPU to show it).
 */
import { connect } from 'node:net';
import { FORM_MEDIA_TYPE } from '@org/liveminutes-spec';
import { checkAnswer, type Call } from './workload.js';

/** Options of {@link runLoad}. */
export interface LoadOptions {
  /** Parallel keep-alive connections. */
  readonly connections: number;
  /** Stop sending after this long; without it, run until `next` returns undefined. */
  readonly durationMs?: number;
  /** The `Authorization` header of every request. */
  readonly authorization: string;
}

/** What one run measured. */
export interface LoadResult {
  /** Answers that passed the check. */
  readonly answers: number;
  /** Latency of each checked answer, milliseconds (request written to answer read). */
  readonly latenciesMs: number[];
  readonly elapsedMs: number;
  /** Answers (or connections) that were not what the call expects: the first few, and how many. */
  readonly failures: readonly string[];
  readonly failed: number;
  /** CPU the generator itself used (user + system), milliseconds. */
  readonly clientCpuMs: number;
}

const HEADER_END = Buffer.from('\r\n\r\n');

/** Status and body of one complete answer at the start of `buffer`, `incomplete`, or why it cannot be read. */
export function parseAnswer(buffer: Buffer): { status: number; body: string; length: number } | 'incomplete' | string {
  const end = buffer.indexOf(HEADER_END);
  if (end < 0) return 'incomplete';
  const head = buffer.toString('latin1', 0, end);
  const status = Number(/^HTTP\/1\.1 (\d{3}) /.exec(head)?.[1]);
  const length = /\r\ncontent-length: *(\d+)/i.exec(head)?.[1];
  if (!status || length === undefined) return `unreadable answer head ${JSON.stringify(head.slice(0, 120))}`;
  const total = end + HEADER_END.length + Number(length);
  if (buffer.length < total) return 'incomplete';
  return { status, body: buffer.toString('utf8', end + HEADER_END.length, total), length: total };
}

/**
 * Sends calls from `next` over `options.connections` connections until the
 * duration is over (in-flight calls are still answered and checked) or `next`
 * has no more.
 * @example
 * const result = await runLoad('http://127.0.0.1:4010', workload.round('1', 42), { connections: 50, durationMs: 5000, authorization });
 * if (result.failed > 0) throw new Error(result.failures.join('\n'));
 */
export async function runLoad(url: string, next: () => Call | undefined, options: LoadOptions): Promise<LoadResult> {
  const { hostname, port, host } = new URL(url);
  const prefix = (path: string) => `POST ${path} HTTP/1.1\r\nhost: ${host}\r\nauthorization: ${options.authorization}\r\ncontent-type: ${FORM_MEDIA_TYPE}\r\n`;
  const latenciesMs: number[] = [];
  const failures: string[] = [];
  let failed = 0;
  let stopped = false;
  const fail = (problem: string) => {
    failed++;
    if (failures.length < 10) failures.push(problem);
  };

  const connection = () =>
    new Promise<void>((resolve) => {
      const socket = connect({ host: hostname, port: Number(port) });
      socket.setNoDelay(true);
      let call: Call | undefined;
      let sentAt = 0;
      let pending: Buffer | undefined;
      const finish = () => {
        call = undefined;
        socket.destroy();
        resolve();
      };
      const send = () => {
        call = stopped ? undefined : next();
        if (!call) return finish();
        sentAt = performance.now();
        socket.write(`${prefix(call.path)}content-length: ${Buffer.byteLength(call.body)}\r\n\r\n${call.body}`);
      };
      socket.on('connect', send);
      socket.on('data', (chunk: Buffer) => {
        pending = pending ? Buffer.concat([pending, chunk]) : chunk;
        const parsed = parseAnswer(pending);
        if (parsed === 'incomplete') return;
        if (!call) return finish();
        if (typeof parsed === 'string' || parsed.length !== pending.length) {
          fail(`${call.operationId}: ${typeof parsed === 'string' ? parsed : 'bytes after the answer'}`);
          return finish();
        }
        pending = undefined;
        const latency = performance.now() - sentAt;
        const checked = checkAnswer(call, parsed.status, parsed.body);
        if (checked.ok) {
          latenciesMs.push(latency);
          call.onSuccess?.(checked.answer);
        } else fail(checked.problem);
        send();
      });
      socket.on('error', (error) => {
        fail(`${call?.operationId ?? 'connect'}: ${error.message}`);
        finish();
      });
      socket.on('close', () => {
        if (call) fail(`${call.operationId}: connection closed before the answer`);
        finish();
      });
    });

  const cpu = process.cpuUsage();
  const started = performance.now();
  const timer = options.durationMs === undefined ? undefined : setTimeout(() => (stopped = true), options.durationMs);
  await Promise.all(Array.from({ length: options.connections }, connection));
  clearTimeout(timer);
  const elapsedMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { answers: latenciesMs.length, latenciesMs, elapsedMs, failures, failed, clientCpuMs: (used.user + used.system) / 1000 };
}
