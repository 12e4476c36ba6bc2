import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseFromTheFutureError, applyPragmas, migrate, openDatabase } from '../db';
import { toRegion, type RegionRow } from '../tables/regions';
import { LATEST_VERSION, MIGRATIONS } from './index';

const dirs: string[] = [];
const tempFile = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'agent-desk-mig-'));
  dirs.push(d);
  return path.join(d, 'desk.sqlite');
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('server migrations', () => {
  it('are numbered with gaps and strictly increasing', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    expect(new Set(versions).size).toBe(versions.length);
    for (const v of versions) expect(v % 10).toBe(0);
  });

  it.each(MIGRATIONS.map((m) => [m.version, m.name] as const))('migrate an empty database to exactly version %i (%s)', (version) => {
    const db = new Database(tempFile());
    applyPragmas(db);
    expect(migrate(db, version)).toBe(version);
    expect(db.pragma('user_version', { simple: true })).toBe(version);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('creates every table with WAL and foreign keys on, and an epoch', () => {
    const db = openDatabase(tempFile());
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name);
    for (const t of ['agents', 'sessions', 'customers', 'accounts', 'payment_methods', 'orders', 'installments', 'transactions', 'returns', 'tickets', 'messages', 'attachments', 'canned_replies', 'macros', 'audit_log', 'change_feed', 'sync_clients', 'push_acks'])
      expect(tables).toContain(t);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect((db.prepare(`SELECT value FROM meta WHERE key = 'epoch'`).get() as { value: string }).value).toMatch(/^[0-9a-f-]{36}$/);
    db.close();
  });

  it('refuses a database from a newer server with a clear message and leaves it untouched', () => {
    const file = tempFile();
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST_VERSION + 10}`);
    db.close();
    expect(() => openDatabase(file)).toThrow(DatabaseFromTheFutureError);
    expect(() => openDatabase(file)).toThrow(/newer Agent Desk server/);
    const again = new Database(file);
    expect(again.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 10);
    again.close();
  });

  it('keeps the feed sequence increasing even after rows are deleted', () => {
    const db = openDatabase(tempFile());
    const ins = db.prepare(`INSERT INTO change_feed (entity, entity_id, op, at) VALUES ('ticket', 'x', 'upsert', 'now')`);
    const a = Number(ins.run().lastInsertRowid);
    db.prepare('DELETE FROM change_feed').run();
    const b = Number(ins.run().lastInsertRowid);
    expect(b).toBeGreaterThan(a);
    db.close();
  });
});

describe('migration 0030: canned reply languages', () => {
  it('keeps existing replies as English and makes a shortcut unique per language', () => {
    const db = new Database(tempFile());
    applyPragmas(db);
    migrate(db, 20);
    db.prepare(`INSERT INTO canned_replies (id, category, title, shortcut, body, version) VALUES ('r1', 'other', 'Hello', 'ot-hello', 'Hi {{customer.firstName}}', 3)`).run();
    expect(migrate(db, 30)).toBe(30);
    expect(db.prepare('SELECT id, language, shortcut, version FROM canned_replies').all()).toEqual([{ id: 'r1', language: 'en', shortcut: 'ot-hello', version: 3 }]);
    const add = db.prepare(`INSERT INTO canned_replies (id, category, language, title, shortcut, body) VALUES (?, 'other', ?, 'Hej', ?, 'Hej')`);
    add.run('r2', 'sv', 'ot-hello');
    expect(() => add.run('r3', 'sv', 'ot-hello')).toThrow(/UNIQUE/);
    expect(() => add.run('r4', 'fr', 'ot-hello')).toThrow(/CHECK/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});

describe('migration 0040: macro steps', () => {
  it('keeps a macro from before steps readable from its old columns and adds steps, inputs and position', () => {
    const db = new Database(tempFile());
    applyPragmas(db);
    migrate(db, 30);
    db.prepare(`INSERT INTO macros (id, category, title, reply_body, set_status, set_priority, version) VALUES ('m1', 'other', 'Close', 'Bye', 'resolved', NULL, 2)`).run();
    expect(migrate(db, 40)).toBe(40);
    expect(db.prepare('SELECT id, reply_body, set_status, steps_json, inputs_json, position, version FROM macros').all()).toEqual([
      { id: 'm1', reply_body: 'Bye', set_status: 'resolved', steps_json: null, inputs_json: '[]', position: 0, version: 2 },
    ]);
    const add = db.prepare(`INSERT INTO macros (id, category, title, steps_json, inputs_json) VALUES (?, 'other', 'New', ?, ?)`);
    add.run('m2', '[{"type":"resolve"}]', '[]');
    expect(() => add.run('m3', '[{"type":', '[]')).toThrow(/CHECK/);
    expect(() => add.run('m4', null, 'nope')).toThrow(/CHECK/);
    db.close();
  });
});

describe('migration 50: region calendars', () => {
  it('keeps a region stored before it as it was: its hours readable, no holidays, no exceptions, 10 complaint days', () => {
    const db = new Database(tempFile());
    applyPragmas(db);
    migrate(db, 40);
    const hours = '{"mon":[["08:00","18:00"]],"tue":[],"wed":[],"thu":[],"fri":[["22:00","02:00"]],"sat":[],"sun":[]}';
    db.prepare(`INSERT INTO regions (id, name, time_zone, locale, currency, hours_json) VALUES ('se', 'Sweden', 'Europe/Stockholm', 'sv-SE', 'SEK', ?)`).run(hours);
    migrate(db, 50);
    const region = toRegion(db.prepare(`SELECT * FROM regions WHERE id = 'se'`).get() as RegionRow);
    expect(region).toMatchObject({ hours: JSON.parse(hours) as unknown, holidayCountry: null, holidayHours: [], exceptions: [], complaintBusinessDays: 10 });
    db.close();
  });
});

describe('migration 0060: mail', () => {
  it('adds the mail outbox and inbox, tied to tickets, with one row per outgoing and incoming Message-ID', () => {
    const db = new Database(tempFile());
    applyPragmas(db);
    migrate(db, 40);
    expect(migrate(db, 60)).toBe(60);
    const columns = (t: string) => (db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').all(t) as { name: string }[]).map((c) => c.name);
    expect(columns('mail_outbox')).toEqual([
      'id', 'ticket_id', 'message_id', 'mail_message_id', 'to_address', 'subject', 'body', 'in_reply_to', 'references_header', 'created_at', 'attempts', 'next_attempt_at', 'last_error', 'sent_at',
    ]);
    expect(columns('mail_inbox')).toEqual(['mail_message_id', 'ticket_id', 'message_id', 'from_address', 'received_at']);
    const at = '2026-03-02T09:00:00.000Z';
    // Foreign keys: no mail for a case that does not exist.
    expect(() =>
      db.prepare(`INSERT INTO mail_inbox (mail_message_id, ticket_id, message_id, from_address, received_at) VALUES ('<a@b>', 'nope', NULL, 'a@b', ?)`).run(at),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      db.prepare(`INSERT INTO mail_outbox (id, ticket_id, mail_message_id, to_address, subject, body, created_at, next_attempt_at) VALUES ('o1', 'nope', '<o1@d>', 'a@b', 's', 'b', ?, ?)`).run(at, at),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('90 gives an earlier complaint the time of its first escalation to a complaint from the audit log', () => {
    const db = new Database(tempFile());
    applyPragmas(db);
    migrate(db, 70);
    db.pragma('foreign_keys = OFF'); // tickets without their region and customer: only these columns matter here
    const ticket = db.prepare(
      `INSERT INTO tickets (id, reference, customer_id, channel, category, status, priority, tier, region_id, subject, created_at, is_complaint)
       VALUES (?, ?, 'c1', 'chat', 'other', ?, 'urgent', 3, 'se', 'S', '2026-03-01T09:00:00.000Z', ?)`,
    );
    ticket.run('k1', 'REF-1', 'queued', 1);
    ticket.run('k2', 'REF-2', 'queued', 1);
    ticket.run('k3', 'REF-3', 'open', 0);
    const audit = db.prepare(`INSERT INTO audit_log (at, actor_kind, actor_id, action, outcome, ticket_id, details_json) VALUES (?, 'agent', 'a1', ?, ?, ?, ?)`);
    audit.run('2026-03-01T10:00:00.000Z', 'ticket.escalate', 'ok', 'k1', '{"to":"senior"}');
    audit.run('2026-03-01T11:00:00.000Z', 'ticket.escalate', 'rejected', 'k1', '{"to":"complaint"}');
    audit.run('2026-03-01T12:00:00.000Z', 'ticket.escalate', 'ok', 'k1', '{"to":"complaint"}');
    audit.run('2026-03-02T12:00:00.000Z', 'ticket.escalate', 'ok', 'k1', '{"to":"complaint"}');
    audit.run('2026-03-01T12:00:00.000Z', 'ticket.escalate', 'ok', 'k3', '{"to":"complaint"}');
    db.pragma('foreign_keys = ON');
    expect(migrate(db, 90)).toBe(90);
    expect(db.prepare('SELECT id, complaint_opened_at FROM tickets ORDER BY id').all()).toEqual([
      { id: 'k1', complaint_opened_at: '2026-03-01T12:00:00.000Z' },
      // A complaint without its escalation in the log (a seeded one), and a case that is no complaint: none.
      { id: 'k2', complaint_opened_at: null },
      { id: 'k3', complaint_opened_at: null },
    ]);
    db.close();
  });

  it('140 keeps messages and their duplicate check with one per-ticket index, used for a thread and for a client id', () => {
    const db = new Database(tempFile());
    applyPragmas(db);
    migrate(db, 130);
    db.pragma('foreign_keys = OFF'); // messages without their ticket: only the index matters here
    const add = db.prepare(
      `INSERT INTO messages (id, ticket_id, author_kind, author_name, body, client_msg_id, created_at) VALUES (?, 't1', ?, 'A', 'hi', ?, ?) ON CONFLICT DO NOTHING`,
    );
    add.run('m1', 'customer', 'c-1', '2026-03-01T10:00:00.000Z');
    expect(migrate(db, 140)).toBe(140);
    const indexes = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'messages' AND sql IS NOT NULL`).all() as { name: string }[]).map((r) => r.name);
    expect(indexes).toEqual(['messages_ticket']);
    // A repeat of a client id is still refused (also one sent before the migration); messages without one never collide.
    expect(add.run('m2', 'customer', 'c-1', '2026-03-01T10:01:00.000Z').changes).toBe(0);
    expect(add.run('m3', 'agent', 'c-1', '2026-03-01T10:02:00.000Z').changes).toBe(1);
    expect(add.run('m4', 'agent', null, '2026-03-01T10:03:00.000Z').changes).toBe(1);
    expect(add.run('m5', 'agent', null, '2026-03-01T10:03:00.000Z').changes).toBe(1);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('t1') as { detail: string }[]).map((p) => p.detail).join(' ');
    expect(plan('SELECT * FROM messages WHERE ticket_id = ? ORDER BY created_at, id')).toMatch(/SEARCH messages USING INDEX messages_ticket \(ticket_id=\?\)/);
    expect(db.prepare(`SELECT id FROM messages WHERE ticket_id = 't1' ORDER BY created_at, id`).all()).toEqual([{ id: 'm1' }, { id: 'm3' }, { id: 'm4' }, { id: 'm5' }]);
    db.close();
  });
});
