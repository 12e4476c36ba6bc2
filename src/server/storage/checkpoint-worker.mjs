// @ts-check
/**
 * The checkpoint thread (checkpointer.ts): its own connection to the desk's SQLite file, copying
 * committed WAL frames into the database file whenever the event loop's connection asks, so the
 * writes and fsyncs of a checkpoint happen here and not between two customer messages.
 *
 * Plain JavaScript on purpose: a worker does not inherit the parent's TypeScript loader, and
 * this thread needs nothing but better-sqlite3.
 *
 * Messages in: 'checkpoint' (copy what is committed now), 'stop'. Out: { kind: 'done', busy, log,
 * checkpointed } after each checkpoint, or { kind: 'failed', message }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

if (!parentPort) throw new Error('checkpoint-worker.mjs runs as a worker thread');
const port = parentPort;
const db = new Database(workerData.file, { fileMustExist: true });
// Never wait on the writer: a PASSIVE checkpoint copies what no reader still needs and returns.
db.pragma('busy_timeout = 0');
// As the desk's own connection (db.ts): the WAL is synced before a checkpoint, the file after.
db.pragma('synchronous = NORMAL');
// This connection never writes pages of its own, so it never checkpoints by itself either.
db.pragma('wal_autocheckpoint = 0');

port.on('message', (msg) => {
  if (msg === 'stop') {
    db.close();
    port.close();
    return;
  }
  try {
    const [r] = /** @type {{ busy: number; log: number; checkpointed: number }[]} */ (db.pragma('wal_checkpoint(PASSIVE)'));
    port.postMessage({ kind: 'done', busy: r?.busy ?? 0, log: r?.log ?? 0, checkpointed: r?.checkpointed ?? 0 });
  } catch (err) {
    port.postMessage({ kind: 'failed', message: err instanceof Error ? err.message : String(err) });
  }
});
