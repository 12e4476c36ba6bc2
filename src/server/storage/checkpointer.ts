/**
 * WAL checkpoints off the event loop (docs/storage.md "Checkpoints on a thread of their own").
 *
 * A checkpoint copies the pages that transactions wrote to the WAL back into the database file,
 * then fsyncs the file. Run by the desk's own connection (SQLite's auto-checkpoint), it happened
 * inside a COMMIT, blocking every socket of the node while megabytes were written and synced: at
 * saturation about a third of a customer message's SQLite time. Here a worker thread with a
 * connection of its own runs a PASSIVE checkpoint after each commit (one at a time: a commit that
 * lands while one runs asks for one more), which never blocks the writer nor readers.
 *
 * The desk's connection keeps its auto-checkpoint (db.ts) as the backstop, and for what only the
 * writer can do: when the WAL passes its threshold it checkpoints what the thread has not copied
 * yet (little: the thread follows every commit) and the next transaction starts the WAL over, so
 * the file stays bounded under a load that never pauses. If the thread fails, that backstop is
 * simply all there is again, as before this module.
 *
 * The thread starts once the WAL passes `startAtBytes`, so a quiet desk (and most tests) never
 * spawns it.
 */
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

export interface CheckpointerOptions {
  /** The WAL size at which the thread starts (default 4 MiB, about 1,000 pages). */
  startAtBytes?: number;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

export interface CheckpointStats {
  /** Whether the thread is running. */
  running: boolean;
  /** Checkpoints the thread completed. */
  checkpoints: number;
  /** After the last one: frames in the WAL, and how many of them are in the database file. */
  walFrames: number;
  backfilled: number;
}

export interface Checkpointer {
  /** After every commit: asks the thread for a checkpoint (cheap; never blocks). */
  committed(): void;
  stats(): CheckpointStats;
  /** Stops the thread (waits for a checkpoint in progress). */
  close(): Promise<void>;
}

type FromWorker = { kind: 'done'; busy: number; log: number; checkpointed: number } | { kind: 'failed'; message: string };

const WORKER = new URL('./checkpoint-worker.mjs', import.meta.url);

export function createCheckpointer(file: string, opts: CheckpointerOptions): Checkpointer {
  const startAt = opts.startAtBytes ?? 4 * 1024 * 1024;
  const wal = `${file}-wal`;
  let worker: Worker | null = null;
  let exited: Promise<void> | null = null;
  let busy = false;
  let again = false;
  let gaveUp = false;
  let closed = false;
  const stats = { checkpoints: 0, walFrames: 0, backfilled: 0 };

  function start(): void {
    const w = new Worker(WORKER, { workerData: { file } });
    worker = w;
    exited = new Promise((resolve) => w.once('exit', () => resolve()));
    w.on('message', (m: FromWorker) => {
      // An answer that arrives after close (or after giving up) asks for nothing more.
      if (worker !== w) return;
      busy = false;
      if (m.kind === 'failed') return stop(`a checkpoint failed: ${m.message}`);
      stats.checkpoints++;
      stats.walFrames = m.log;
      stats.backfilled = m.checkpointed;
      if (again) ask();
    });
    w.on('error', (err) => stop(`the thread failed: ${err.message}`));
    w.once('exit', (code) => {
      if (worker === w && !closed) stop(`the thread exited (code ${code})`);
    });
    // The node's exit never waits for checkpoints: the writer's own backstop covers them.
    w.unref();
    opts.log.info({ file }, 'WAL checkpoints now run on a thread of their own');
  }

  /** Back to checkpoints inside COMMIT (the connection's auto-checkpoint): slower, never unsafe. */
  function stop(why: string): void {
    if (gaveUp) return;
    gaveUp = true;
    opts.log.warn({ file, why }, 'WAL checkpoint thread stopped; checkpoints run on the event loop again');
    void worker?.terminate();
    worker = null;
  }

  function ask(): void {
    again = false;
    busy = true;
    worker!.postMessage('checkpoint');
  }

  return {
    committed(): void {
      if (closed || gaveUp) return;
      if (!worker) {
        let size = 0;
        try {
          size = statSync(wal).size;
        } catch {
          return; // no WAL yet
        }
        if (size < startAt) return;
        start();
      }
      if (busy) again = true;
      else ask();
    },
    stats: () => ({ running: worker !== null, ...stats }),
    async close(): Promise<void> {
      closed = true;
      const w = worker;
      worker = null;
      if (!w) return;
      w.postMessage('stop');
      await exited;
    },
  };
}
