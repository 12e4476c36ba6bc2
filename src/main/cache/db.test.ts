import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCache } from './cache';
import { CacheFromTheFutureError, CacheUnavailableError, applyPragmas, cacheUnavailableReason, migrateCache, openCache } from './db';
import { CACHE_MIGRATIONS, LATEST_CACHE_VERSION } from './migrations';
import * as screenshotText from './migrations/0110-screenshot-text';
import { apply, checkSearchIndexes, customerRow, messageRow, tempDir, ticketRow, up } from './test-support';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});
function tempFile(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return path.join(t.dir, 'cache.sqlite');
}
const tables = (db: Database.Database) =>
  (db.prepare(`SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('cache migrations', () => {
  it('are numbered with gaps and strictly increasing', () => {
    const versions = CACHE_MIGRATIONS.map((m) => m.version);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    expect(new Set(versions).size).toBe(versions.length);
    for (const v of versions) expect(v % 10).toBe(0);
    expect(versions.length).toBeGreaterThanOrEqual(3);
  });

  it.each(CACHE_MIGRATIONS.map((m) => [m.version, m.name] as const))('migrate an empty database to exactly version %i (%s)', (version) => {
    const db = new Database(tempFile());
    applyPragmas(db);
    expect(migrateCache(db, version)).toBe(version);
    expect(db.pragma('user_version', { simple: true })).toBe(version);
    const names = tables(db);
    expect(names.includes('tickets')).toBe(true);
    expect(names.includes('messages_fts')).toBe(version >= 20);
    expect(names.includes('outbox')).toBe(version >= 30);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('migrates step by step to the same schema as in one go', () => {
    const stepwise = new Database(tempFile());
    applyPragmas(stepwise);
    for (const m of CACHE_MIGRATIONS) migrateCache(stepwise, m.version);
    const direct = openCache(tempFile());
    const schema = (db: Database.Database) => db.prepare(`SELECT type, name, sql FROM sqlite_master ORDER BY name`).all();
    expect(schema(stepwise)).toEqual(schema(direct));
    stepwise.close();
    direct.close();
  });

  it('fills the search index from rows written before it existed', () => {
    const db = new Database(tempFile());
    applyPragmas(db);
    migrateCache(db, 10);
    db.prepare(`INSERT INTO messages (id, ticket_id, author_kind, author_name, body, created_at, version, delivery, sort_key)
                VALUES ('m1', 't1', 'customer', 'Jane', 'my refund is late', '2025-01-01', 1, 'sent', 'k')`).run();
    migrateCache(db);
    expect(db.prepare(`SELECT rowid FROM messages_fts WHERE messages_fts MATCH 'refund'`).all()).toHaveLength(1);
    db.close();
  });

  it('0070 rebuilds tickets and messages from a cache at 0060: rows, rowids, search, list and local rows as they were', () => {
    const file = tempFile();
    const db60 = new Database(file);
    applyPragmas(db60);
    expect(migrateCache(db60, 60)).toBe(60);
    // Today's cache code writes columns later migrations added (0090: messages.whisper, 0130:
    // messages.canned_shortcut): they are there while it seeds the rows and dropped before the
    // migration runs, so the file is at 0060.
    // So are the tables later migrations added (0110: screenshots' text and its index).
    const LATER_COLUMNS = ['ALTER TABLE messages ADD COLUMN whisper INTEGER NOT NULL DEFAULT 0', 'ALTER TABLE messages ADD COLUMN canned_shortcut TEXT'];
    for (const sql of LATER_COLUMNS) db60.exec(sql);
    screenshotText.up(db60);
    const before = createCache(db60, path.join(path.dirname(file), 'files'), () => new Date('2025-06-02T12:00:00.000Z'));
    apply(before, [
      up.customer(customerRow({ id: 'cus-1', name: 'Ana Lima' })),
      up.ticket(ticketRow({ id: 't1', reference: 'ABCD-1234', customerId: 'cus-1', lastMessageAt: '2025-06-01T10:01:00.000Z' })),
      up.ticket(ticketRow({ id: 't2', reference: 'EFGH-5678', customerId: 'cus-1', lastMessageAt: '2025-06-01T09:00:00.000Z' })),
      up.message(messageRow({ id: 'm1', ticketId: 't1', authorKind: 'customer', body: 'my refund is late' })),
      up.message(messageRow({ id: 'm2', ticketId: 't2', authorKind: 'agent', body: 'parcel on its way', createdAt: '2025-06-01T09:00:00.000Z' })),
    ]);
    before.outbox.enqueue(
      { kind: 'message.reply', clientMsgId: 'cmid-0001', ticketId: 't2', body: 'one more thing' },
      { ticketId: 't2', authorKind: 'agent', authorId: 'agent-1', authorName: 'Sam', body: 'one more thing', attachmentIds: [] },
    );
    const snapshot = (c: typeof before) => ({
      rows: c.db.prepare('SELECT pk, id, body, delivery, sort_key FROM messages ORDER BY pk').all(),
      tickets: c.db.prepare('SELECT pk, id, reference, status FROM tickets ORDER BY pk').all(),
      list: c.tickets.list('all', 'agent-1', 50),
      search: ['refund', 'parcel', 'thing', 'ABCD1234', 'Ana'].map((q) => c.search(q, 10)),
    });
    const was = snapshot(before);
    expect(was.search.every((hits) => hits.length > 0)).toBe(true);
    before.db.exec('ALTER TABLE messages DROP COLUMN whisper');
    before.db.exec('ALTER TABLE messages DROP COLUMN canned_shortcut');
    before.db.exec('DROP TABLE attachment_texts_fts; DROP TABLE attachment_texts;');
    before.close();

    const after = createCache(openCache(file), path.join(path.dirname(file), 'files'), () => new Date('2025-06-02T12:00:00.000Z'));
    try {
      expect(after.db.pragma('user_version', { simple: true })).toBe(LATEST_CACHE_VERSION);
      expect(snapshot(after)).toEqual(was);
      checkSearchIndexes(after);
      expect(after.integrityCheck()).toBe('ok');
      const indexes = (after.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('tickets', 'messages') AND sql IS NOT NULL ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
      // (tickets_merged_into: migration 0080, run after 0070 up to the latest.)
      expect(indexes).toEqual(['messages_local_client_id', 'messages_ticket_sort', 'tickets_assignee_recent', 'tickets_customer', 'tickets_merged_into', 'tickets_recent', 'tickets_status_recent']);
      // The rules still hold, written as comparisons.
      expect(() => apply(after, [up.message({ ...messageRow({ id: 'm9', ticketId: 't1' }), authorKind: 'robot' as 'agent' })])).toThrow(/CHECK constraint/);
      expect(() => apply(after, [up.ticket({ ...ticketRow({ id: 't9' }), status: 'bogus' as 'open' })])).toThrow(/CHECK constraint/);
      apply(after, [up.message(messageRow({ id: 'm3', ticketId: 't1', authorKind: 'customer', body: 'still waiting', createdAt: '2025-06-01T10:05:00.000Z' }))]);
      expect(after.search('waiting', 10).map((h) => h.messageId)).toEqual(['m3']);
      expect(after.tickets.list('all', 'agent-1', 50)[0]).toMatchObject({ id: 't1', lastMessagePreview: 'still waiting', unread: 2 });
    } finally {
      after.close();
    }
  });
});

describe('openCache', () => {
  it('creates folders, sets the pragmas and migrates to the latest version', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const file = path.join(t.dir, 'a', 'b', 'cache.sqlite');
    const db = openCache(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_CACHE_VERSION);
    db.close();
  });

  it('keeps the client id across reopenings', () => {
    const file = tempFile();
    const a = createCache(openCache(file), path.join(path.dirname(file), 'files'));
    const id = a.state.get().clientId;
    expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    a.state.set({ cursor: '42', epoch: 'e1', agentId: 'agent-1' });
    a.close();
    const b = createCache(openCache(file), path.join(path.dirname(file), 'files'));
    expect(b.state.get()).toMatchObject({ clientId: id, cursor: '42', epoch: 'e1', agentId: 'agent-1', serverUrl: null });
    b.close();
  });

  it('refuses a file from a newer Agent Desk with a clear message and leaves it untouched', () => {
    const file = tempFile();
    const db = new Database(file);
    db.exec('CREATE TABLE precious (x TEXT)');
    db.pragma(`user_version = ${LATEST_CACHE_VERSION + 10}`);
    db.close();
    const before = sha(file);
    expect(() => openCache(file)).toThrow(CacheFromTheFutureError);
    expect(() => openCache(file)).toThrow(
      `newer Agent Desk (schema ${LATEST_CACHE_VERSION + 10}; this build knows up to ${LATEST_CACHE_VERSION}). Update Agent Desk; your data was not touched.`,
    );
    expect(sha(file)).toBe(before);
    const again = new Database(file, { readonly: true });
    expect(again.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(again.pragma('user_version', { simple: true })).toBe(LATEST_CACHE_VERSION + 10);
    again.close();
    // migrateCache refuses it too
    const direct = new Database(file, { readonly: true });
    expect(() => migrateCache(direct)).toThrow(CacheFromTheFutureError);
    direct.close();
  });

  it('reports a damaged file as corrupt', () => {
    const file = tempFile();
    writeFileSync(file, Buffer.alloc(8192, 7));
    const err = catchError(() => openCache(file));
    expect(err).toBeInstanceOf(CacheUnavailableError);
    expect((err as CacheUnavailableError).reason).toBe('corrupt');
    expect((err as Error).message).toMatch(/damaged; sign out/);
  });

  // As root, chmod does not stop writes; the immutable attribute (chattr +i) does, for root too.
  it('reports a read-only file and folder as read_only', (ctx) => {
    const t = tempDir();
    const file = path.join(t.dir, 'cache.sqlite');
    openCache(file).close();
    chmodSync(file, 0o444);
    chmodSync(t.dir, 0o555);
    const asRoot = process.getuid?.() === 0;
    let immutable = false;
    if (asRoot) {
      try {
        execFileSync('chattr', ['+i', file, t.dir], { stdio: 'ignore' });
        immutable = true;
      } catch {
        immutable = false;
      }
    }
    cleanups.push(() => {
      if (immutable) execFileSync('chattr', ['-i', file, t.dir], { stdio: 'ignore' });
      chmodSync(file, 0o644);
      chmodSync(t.dir, 0o755);
      t.cleanup();
    });
    if (asRoot && !immutable) ctx.skip();
    const err = catchError(() => openCache(file));
    expect(err).toBeInstanceOf(CacheUnavailableError);
    expect((err as CacheUnavailableError).reason).toBe('read_only');
    expect((err as Error).message).toMatch(/is read-only; make them writable and restart/);
    // the file alone read-only (its folder writable) is reported the same way
    if (immutable) execFileSync('chattr', ['-i', t.dir], { stdio: 'ignore' });
    chmodSync(t.dir, 0o755);
    expect((catchError(() => openCache(file)) as CacheUnavailableError).reason).toBe('read_only');
  });

  it('maps SQLite and file-system failures to the reasons an agent can act on', () => {
    const cases: [string, string | null][] = [
      ['SQLITE_READONLY', 'read_only'],
      ['SQLITE_READONLY_DBMOVED', 'read_only'],
      ['SQLITE_CANTOPEN', 'read_only'],
      ['EACCES', 'read_only'],
      ['SQLITE_FULL', 'disk_full'],
      ['ENOSPC', 'disk_full'],
      ['SQLITE_CORRUPT', 'corrupt'],
      ['SQLITE_NOTADB', 'corrupt'],
      ['SQLITE_BUSY', 'locked'],
      ['SQLITE_BUSY_SNAPSHOT', 'locked'],
      ['SQLITE_CONSTRAINT_CHECK', null],
    ];
    for (const [code, reason] of cases) expect([code, cacheUnavailableReason(Object.assign(new Error('x'), { code }))]).toEqual([code, reason]);
    expect(cacheUnavailableReason(new Error('plain'))).toBeNull();
    for (const reason of ['read_only', 'disk_full', 'corrupt', 'locked'] as const) {
      const message = new CacheUnavailableError(reason, '/x/cache.sqlite').message;
      expect(message).toMatch(/\.$/);
    }
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}
