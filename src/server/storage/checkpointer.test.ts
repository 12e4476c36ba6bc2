import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCheckpointer, type Checkpointer } from './checkpointer';
import { openDatabase, type Db } from './db';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

function deskFile(): { file: string; db: Db } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'agent-desk-ckpt-'));
  const file = path.join(dir, 'desk.sqlite');
  const db = openDatabase(file);
  // Only the thread checkpoints here, so what it copies is all that is copied.
  db.pragma('wal_autocheckpoint = 0');
  cleanup.push(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { file, db };
}

const logs = () => {
  const lines: { level: string; why?: string }[] = [];
  return { lines, log: { info: () => void lines.push({ level: 'info' }), warn: (o: { why?: string }) => void lines.push({ level: 'warn', why: o.why }) } };
};

function writeSome(db: Db, rows: number): void {
  const ins = db.prepare(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  db.transaction(() => {
    for (let i = 0; i < rows; i++) ins.run(`bench-${i}`, 'x'.repeat(400));
  })();
}

const until = (what: () => boolean) => vi.waitUntil(what, { timeout: 10_000, interval: 10 });

const started = (c: Checkpointer) => {
  cleanup.push(() => c.close());
  return c;
};

describe('WAL checkpoints on a thread of their own', () => {
  it('stays away while the WAL is small, then copies every committed frame into the database file', async () => {
    const { file, db } = deskFile();
    const { log } = logs();
    // Migrating a new desk already wrote some WAL: start half a megabyte above that.
    const c = started(createCheckpointer(file, { log, startAtBytes: statSync(`${file}-wal`).size + 512 * 1024 }));
    writeSome(db, 10);
    c.committed();
    expect(c.stats().running).toBe(false);

    writeSome(db, 2000); // ~1 MB of pages
    const fileBefore = statSync(file).size;
    c.committed();
    expect(c.stats().running).toBe(true);
    await until(() => c.stats().checkpoints >= 1);
    const s = c.stats();
    expect(s.walFrames).toBeGreaterThan(100);
    expect(s.backfilled).toBe(s.walFrames);
    expect(statSync(file).size).toBeGreaterThan(fileBefore);
  });

  it('follows commits that land while it copies, one checkpoint at a time', async () => {
    const { file, db } = deskFile();
    const c = started(createCheckpointer(file, { log: logs().log, startAtBytes: 0 }));
    for (let i = 0; i < 20; i++) {
      writeSome(db, 200);
      c.committed();
    }
    // Twenty commits, asked while a checkpoint may be running: at most one more after it.
    await until(() => c.stats().backfilled === c.stats().walFrames && c.stats().walFrames > 0);
    expect(c.stats().checkpoints).toBeGreaterThanOrEqual(1);
    expect(c.stats().checkpoints).toBeLessThanOrEqual(20);
    // The desk's connection still reads everything it wrote.
    expect(db.prepare(`SELECT count(*) AS n FROM meta WHERE key LIKE 'bench-%'`).get()).toEqual({ n: 200 });
  });

  it('gives up quietly when its thread cannot work (the writer checkpoints as before)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'agent-desk-ckpt-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const { lines, log } = logs();
    // A WAL without its database file: the thread's connection cannot open it.
    const file = path.join(dir, 'gone.sqlite');
    writeFileSync(`${file}-wal`, Buffer.alloc(1024));
    const c = started(createCheckpointer(file, { log, startAtBytes: 0 }));
    c.committed();
    await until(() => lines.some((l) => l.level === 'warn'));
    expect(c.stats().running).toBe(false);
    expect(lines.find((l) => l.level === 'warn')?.why).toMatch(/thread failed|exited/);
    c.committed(); // no new thread, no throw
    expect(c.stats().running).toBe(false);
  });

  it('closes cleanly while a checkpoint is under way and another is asked for', async () => {
    const { file, db } = deskFile();
    const c = createCheckpointer(file, { log: logs().log, startAtBytes: 0 });
    for (let i = 0; i < 5; i++) {
      writeSome(db, 2000);
      c.committed(); // the first starts a checkpoint; the others ask for one more
    }
    await c.close();
    // The running checkpoint's answer arrives after close: nothing is asked of a closed thread.
    await new Promise((r) => setTimeout(r, 200));
    expect(c.stats().running).toBe(false);
  });

  it('stops its thread on close', async () => {
    const { file, db } = deskFile();
    const c = createCheckpointer(file, { log: logs().log, startAtBytes: 0 });
    writeSome(db, 500);
    c.committed();
    await until(() => c.stats().checkpoints >= 1);
    await c.close();
    expect(c.stats().running).toBe(false);
    c.committed(); // after close: nothing starts
    expect(c.stats().running).toBe(false);
  });
});
