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

// Only dynamic imports, so that it runs whether Node reads eval code as CommonJS or as a module.
const WORKER_SOURCE = `
(async () => {
  const { workerData, parentPort } = await import('node:worker_threads');
  const { createRequire } = await import('node:module');
  const Database = createRequire(workerData.driver)(workerData.driver);
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
  parentPort.postMessage('ready');
})();
`;

/** A running background checkpointer. */
export interface Checkpointer {
  /** Stops it and closes its connection (waits up to 5 s), so that the last close can delete the WAL. */
  stop(): void;
}

/**
 * Starts checkpointing `path` every `intervalMs` from a worker thread.
 * `onFailure` runs if the worker cannot start or dies (the caller then
 * re-enables SQLite's own auto-checkpoint).
 * @example
 * const checkpointer = startCheckpointer('./sandbox.db', 200, () => db.pragma('wal_autocheckpoint = 1000'));
 * checkpointer.stop();
 */
export function startCheckpointer(path: string, intervalMs: number, onFailure: () => void): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const closed = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { driver, path, intervalMs, closed } });
  worker.unref();
  let ready = false;
  let failed = false;
  worker.once('message', () => {
    ready = true;
  });
  const fail = () => {
    if (failed) return;
    failed = true;
    onFailure();
  };
  worker.on('error', fail);
  worker.on('exit', fail);
  return {
    stop() {
      worker.off('exit', fail);
      if (ready && !failed) {
        worker.postMessage('stop');
        Atomics.wait(closed, 0, 0, 5000);
      }
      void worker.terminate();
    },
  };
}
