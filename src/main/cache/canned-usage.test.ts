/**
 * Canned usage in the desktop cache (migration 0130): the server's `cannedShortcut` on an agent's
 * reply survives a pull, a newer version and a restart, and reaches the thread's page; a reply
 * written by hand has none.
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

describe('canned usage in the cache', () => {
  it('keeps the shortcut of a canned reply and gives none to a hand-written one', () => {
    apply(t.cache, [
      up.message(messageRow({ id: 'm-c', ticketId: 'tk-1', authorKind: 'agent', authorId: 'agent-1', body: 'Refunds take 3-5 days', createdAt: '2025-06-02T10:00:00.000Z', cannedShortcut: 'rr-timeline' })),
      up.message(messageRow({ id: 'm-h', ticketId: 'tk-1', authorKind: 'agent', authorId: 'agent-1', body: 'Let me check', createdAt: '2025-06-02T10:01:00.000Z' })),
    ]);
    const rows = page();
    expect(rows.map((m) => [m.id, m.cannedShortcut])).toEqual([
      ['m-c', 'rr-timeline'],
      ['m-h', undefined],
    ]);
    expect('cannedShortcut' in rows[1]!).toBe(false);
  });

  it('keeps it through a newer version of the row and a restart', () => {
    const m = messageRow({ id: 'm-c', ticketId: 'tk-1', authorKind: 'agent', authorId: 'agent-1', body: 'Refunds take 3-5 days', cannedShortcut: 'rr-timeline' });
    apply(t.cache, [up.message(m)]);
    apply(t.cache, [up.message({ ...m, body: 'Refunds take 3–5 business days', version: 2 })]);
    t.reopen();
    expect(page()).toMatchObject([{ id: 'm-c', body: 'Refunds take 3–5 business days', cannedShortcut: 'rr-timeline', version: 2 }]);
  });
});

describe('cache migration 0130', () => {
  it('adds the column to a cache at 0120 without touching its rows: they read as hand-written', () => {
    const { dir, cleanup } = tempDir();
    try {
      const db = new Database(path.join(dir, 'c.sqlite'));
      applyPragmas(db);
      migrateCache(db, 120);
      db.prepare(
        `INSERT INTO messages (id, ticket_id, author_kind, author_id, author_name, body, client_msg_id, attachment_ids_json, created_at, version, delivery, sort_key)
         VALUES ('m-old', 'tk-1', 'agent', 'agent-1', 'Sam', 'cached before', NULL, '[]', '2025-06-01T10:00:00.000Z', 1, 'sent', '2025-06-01T10:00:00.000Z|m-old')`,
      ).run();
      expect(migrateCache(db, 130)).toBe(130);
      expect(db.prepare(`SELECT id, canned_shortcut FROM messages`).all()).toEqual([{ id: 'm-old', canned_shortcut: null }]);
      db.close();
    } finally {
      cleanup();
    }
  });
});
