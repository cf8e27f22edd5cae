/**
 * WAL checkpoints off the event loop. A checkpoint copies the WAL into the
 * database file and fsyncs it; run by SQLite's auto-checkpoint it stalls
 * whichever request happens to trigger it (tens of milliseconds under load).
 * Here a worker thread with its own connection runs a PASSIVE checkpoint on a
 * timer instead (it never blocks readers or writers), and the request path
 * only appends to the WAL.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// Plain CommonJS so that it runs the same from source (tsx, vitest) and from dist.
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy: the next tick tries again */ }
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  Atomics.store(workerData.closed, 0, 1);
  Atomics.notify(workerData.closed, 0);
  parentPort.close();
});
`;

/** A running background checkpointer. */
export interface Checkpointer {
  /** Stops it and closes its connection (waits up to 5 s), so that the last close can delete the WAL. */
  stop(): void;
}

/**
 * Starts checkpointing `path` every `intervalMs` from a worker thread.
 * @example
 * const checkpointer = startCheckpointer('./sandbox.db', 200);
 * checkpointer.stop();
 */
export function startCheckpointer(path: string, intervalMs: number): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const closed = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, path, intervalMs, closed } });
  worker.unref();
  let failed = false;
  worker.on('error', () => {
    failed = true;
  });
  return {
    stop() {
      if (!failed) {
        worker.postMessage('stop');
        Atomics.wait(closed, 0, 0, 5000);
      }
      void worker.terminate();
    },
  };
}
