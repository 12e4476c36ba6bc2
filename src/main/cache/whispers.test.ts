/**
 * Whispers in the desktop cache (migration 0090): the server's `whisper: true` survives a pull,
 * a newer version and a restart, and reaches the thread's page; every other message has no flag.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPragmas, migrateCache } from './db';
import { apply, messageRow, openTestCache, tempDir, ticketRow, up, type TestCache } from './test-support';

let t: TestCache;
beforeEach(() => {
  t = openTestCache();
  apply(t.cache, [up.ticket(ticketRow({ id: 'tk-1' }))]);
});
afterEach(() => {
  expect(t.cache.integrityCheck()).toBe('ok');
  t.cleanup();
});

const page = () => t.cache.messages.page('tk-1', null, 50).messages;

describe('whispers in the cache', () => {
  it('keeps the flag of a whisper and gives none to a plain note or a customer message', () => {
    apply(t.cache, [
      up.message(messageRow({ id: 'm-c', ticketId: 'tk-1', body: 'Where is my refund?', createdAt: '2025-06-02T10:00:00.000Z' })),
      up.message(messageRow({ id: 'm-n', ticketId: 'tk-1', authorKind: 'note', authorId: 'agent-1', authorName: 'Maja', body: 'Checked the order', createdAt: '2025-06-02T10:01:00.000Z' })),
      up.message(messageRow({ id: 'm-w', ticketId: 'tk-1', authorKind: 'note', authorId: 'sup-1', authorName: 'Sara Supervisor', body: 'Offer the pause', createdAt: '2025-06-02T10:02:00.000Z', whisper: true })),
    ]);
    const rows = page();
    expect(rows.map((m) => [m.id, m.whisper])).toEqual([
      ['m-c', undefined],
      ['m-n', undefined],
      ['m-w', true],
    ]);
    expect('whisper' in rows[1]!).toBe(false);
  });

  it('keeps it through a newer version of the row and a restart', () => {
    const w = messageRow({ id: 'm-w', ticketId: 'tk-1', authorKind: 'note', authorId: 'sup-1', authorName: 'Sara Supervisor', body: 'Offer the pause', whisper: true });
    apply(t.cache, [up.message(w)]);
    apply(t.cache, [up.message({ ...w, body: 'Offer the payment pause', version: 2 })]);
    t.reopen();
    expect(page()).toMatchObject([{ id: 'm-w', body: 'Offer the payment pause', whisper: true, version: 2 }]);
  });

  it('refuses a flag other than 0 or 1', () => {
    expect(() => t.cache.db.prepare(`UPDATE messages SET whisper = 2`).run()).not.toThrow(); // no rows yet: nothing checked
    apply(t.cache, [up.message(messageRow({ id: 'm-1', ticketId: 'tk-1' }))]);
    expect(() => t.cache.db.prepare(`UPDATE messages SET whisper = 2`).run()).toThrow(/CHECK/);
  });
});

describe('cache migration 0090', () => {
  it('adds the flag to a cache at 0070 without touching its rows: they read as no whisper', () => {
    const { dir, cleanup } = tempDir();
    try {
      const db = new Database(path.join(dir, 'c.sqlite'));
      applyPragmas(db);
      migrateCache(db, 70);
      db.prepare(
        `INSERT INTO messages (id, ticket_id, author_kind, author_id, author_name, body, client_msg_id, attachment_ids_json, created_at, version, delivery, sort_key)
         VALUES ('m-old', 'tk-1', 'note', 'sup-1', 'Sara', 'cached before', NULL, '[]', '2025-06-01T10:00:00.000Z', 1, 'sent', '2025-06-01T10:00:00.000Z|m-old')`,
      ).run();
      expect(migrateCache(db, 90)).toBe(90);
      expect(db.prepare(`SELECT id, whisper FROM messages`).all()).toEqual([{ id: 'm-old', whisper: 0 }]);
      db.close();
    } finally {
      cleanup();
    }
  });
});
