/**
 * The PostgreSQL schema against a real, throwaway cluster (tests/helpers/postgres.ts): the
 * numbered migrations reach each version, two nodes migrating at once do it once, a database
 * from a newer server is refused, the tables and columns are those of the SQLite schema (so
 * both engines' repositories return the same rows), e-mail is unique regardless of case, and
 * the change feed's reader holds back a transaction that took its seq early and commits late:
 * a desktop's cursor never passes it, so nothing is skipped.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPragmas, migrate } from '../../src/server/storage/db';
import { FEED_AFTER_SQL, FEED_START, type FeedCursor } from '../../src/server/storage/postgres/feed-order';
import { migratePostgres, PG_LATEST_VERSION, PG_MIGRATIONS, PostgresFromTheFutureError, schemaVersion } from '../../src/server/storage/postgres/migrations';
import { LATEST_VERSION as SQLITE_LATEST, MIGRATIONS as SQLITE_MIGRATIONS } from '../../src/server/storage/migrations';
import { postgresMissing, skipUnlessInstalled, startPostgres, type TestPostgres } from '../helpers/postgres';

const missing = skipUnlessInstalled(postgresMissing());

let cluster: TestPostgres;
let n = 0;
async function freshDatabase(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: await cluster.createDatabase(`schema_${++n}`) });
  await client.connect();
  return client;
}

describe.skipIf(missing !== null)('PostgreSQL schema', () => {
  beforeAll(async () => {
    cluster = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('has the same numbered steps as the SQLite schema', () => {
    expect(PG_MIGRATIONS.map((m) => [m.version, m.name])).toEqual(SQLITE_MIGRATIONS.map((m) => [m.version, m.name]));
    expect(PG_LATEST_VERSION).toBe(SQLITE_LATEST);
  });

  it('migrates an empty database step by step to each version, and again does nothing', async () => {
    const db = await freshDatabase();
    for (const m of PG_MIGRATIONS) expect(await migratePostgres(db, m.version)).toBe(m.version);
    expect(await migratePostgres(db)).toBe(PG_LATEST_VERSION);
    expect((await db.query('SELECT version FROM schema_version ORDER BY version')).rows.map((r) => r.version)).toEqual(PG_MIGRATIONS.map((m) => m.version));
    await db.end();
  });

  it('lets two nodes start at once: one migrates, the other waits and finds nothing to do', async () => {
    const first = await freshDatabase();
    const url = (first as unknown as { connectionParameters: { database: string } }).connectionParameters.database;
    const second = new pg.Client({ connectionString: cluster.url.replace(/\/agentdesk\?/, `/${url}?`) });
    await second.connect();
    const [a, b] = await Promise.all([migratePostgres(first), migratePostgres(second)]);
    expect([a, b]).toEqual([PG_LATEST_VERSION, PG_LATEST_VERSION]);
    expect((await first.query('SELECT count(*)::int AS n FROM schema_version')).rows[0].n).toBe(PG_MIGRATIONS.length);
    await Promise.all([first.end(), second.end()]);
  });

  it('90 gives an earlier complaint the time of its first escalation to a complaint from the audit log, as on SQLite', async () => {
    const db = await freshDatabase();
    await migratePostgres(db, 70);
    await db.query('SET session_replication_role = replica'); // tickets without their region and customer: only these columns matter here
    const ticket = (id: string, status: string, complaint: number) =>
      db.query(
        `INSERT INTO tickets (id, reference, customer_id, channel, category, status, priority, tier, region_id, subject, created_at, is_complaint)
         VALUES ($1, $2, 'c1', 'chat', 'other', $3, 'urgent', 3, 'se', 'S', '2026-03-01T09:00:00.000Z', $4)`,
        [id, `REF-${id}`, status, complaint],
      );
    await ticket('k1', 'queued', 1);
    await ticket('k2', 'queued', 1);
    await ticket('k3', 'open', 0);
    const audit = (at: string, outcome: string, ticketId: string, to: string) =>
      db.query(`INSERT INTO audit_log (at, actor_kind, actor_id, action, outcome, ticket_id, details_json) VALUES ($1, 'agent', 'a1', 'ticket.escalate', $2, $3, $4)`, [at, outcome, ticketId, JSON.stringify({ to })]);
    await audit('2026-03-01T10:00:00.000Z', 'ok', 'k1', 'senior');
    await audit('2026-03-01T11:00:00.000Z', 'rejected', 'k1', 'complaint');
    await audit('2026-03-01T12:00:00.000Z', 'ok', 'k1', 'complaint');
    await audit('2026-03-02T12:00:00.000Z', 'ok', 'k1', 'complaint');
    await audit('2026-03-01T12:00:00.000Z', 'ok', 'k3', 'complaint');
    await db.query('SET session_replication_role = origin');
    expect(await migratePostgres(db, 90)).toBe(90);
    expect((await db.query('SELECT id, complaint_opened_at FROM tickets ORDER BY id COLLATE "C"')).rows).toEqual([
      { id: 'k1', complaint_opened_at: '2026-03-01T12:00:00.000Z' },
      { id: 'k2', complaint_opened_at: null },
      { id: 'k3', complaint_opened_at: null },
    ]);
    await db.end();
  });

  it('refuses a database from a newer server', async () => {
    const db = await freshDatabase();
    await migratePostgres(db);
    await db.query(`INSERT INTO schema_version (version, name) VALUES (9990, 'from-the-future')`);
    await expect(migratePostgres(db)).rejects.toBeInstanceOf(PostgresFromTheFutureError);
    expect(await schemaVersion(db)).toBe(9990);
    await db.end();
  });

  it('has the tables and columns of the SQLite schema (nullability too), apart from the feed’s xid and pos', async () => {
    const sqlite = new Database(':memory:');
    applyPragmas(sqlite);
    migrate(sqlite);
    const fromSqlite = new Map<string, string[]>();
    for (const { name } of sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[]) {
      const cols = sqlite.prepare(`SELECT name, "notnull" AS nn, pk FROM pragma_table_info(?)`).all(name) as { name: string; nn: number; pk: number }[];
      fromSqlite.set(name, cols.map((c) => `${c.name}${c.nn || c.pk ? ' not null' : ''}`).sort());
    }
    sqlite.close();

    const db = await freshDatabase();
    await migratePostgres(db);
    const rows = (
      await db.query<{ table_name: string; column_name: string; is_nullable: string }>(
        `SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'schema_version'`,
      )
    ).rows;
    const fromPostgres = new Map<string, string[]>();
    for (const r of rows) {
      // PostgreSQL's commit order: the appending transaction (xid) and the position the sequencer
      // gives a row once no earlier row can still commit (pos). SQLite has one writer: seq is both.
      if (r.table_name === 'change_feed' && (r.column_name === 'xid' || r.column_name === 'pos')) continue;
      fromPostgres.set(r.table_name, [...(fromPostgres.get(r.table_name) ?? []), `${r.column_name}${r.is_nullable === 'NO' ? ' not null' : ''}`]);
    }
    for (const [t, cols] of fromPostgres) fromPostgres.set(t, cols.sort());
    expect(Object.fromEntries([...fromPostgres].sort())).toEqual(Object.fromEntries([...fromSqlite].sort()));
    await db.end();
  });

  it('keeps e-mail unique whatever its case, as SQLite’s NOCASE does', async () => {
    const db = await freshDatabase();
    await migratePostgres(db);
    const agent = (id: string, email: string) =>
      db.query(`INSERT INTO agents (id, email, name, role, tier, regions_json, password_hash, created_at) VALUES ($1, $2, 'A', 'agent', 1, '[]', 'x', '2026-11-29T00:00:00Z')`, [id, email]);
    await agent('a1', 'Ava@Desk.example');
    await expect(agent('a2', 'ava@desk.example')).rejects.toThrow(/agents_email/);
    await db.end();
  });

  it('serves the feed in commit order: a transaction that took its seq early and commits late is held back, then served, never skipped', async () => {
    const setup = await freshDatabase();
    await migratePostgres(setup);
    const url = `${cluster.url.split('/agentdesk?')[0]}/${(setup as unknown as { connectionParameters: { database: string } }).connectionParameters.database}?${cluster.url.split('?')[1]}`;
    const [late, quick, reader] = [new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url })];
    await Promise.all([late.connect(), quick.connect(), reader.connect()]);
    const append = (c: pg.Client, id: string) => c.query(`INSERT INTO change_feed (entity, entity_id, op, at) VALUES ('ticket', $1, 'upsert', '2026-11-29T00:00:00Z') RETURNING seq`, [id]);
    let cursor: FeedCursor = FEED_START;
    const served: string[] = [];
    const read = async () => {
      const rows = (await reader.query<{ seq: string; xid: string; entity_id: string }>(FEED_AFTER_SQL, [cursor.xid, cursor.seq, 100])).rows;
      for (const r of rows) served.push(r.entity_id);
      const last = rows[rows.length - 1];
      if (last) cursor = { xid: last.xid, seq: Number(last.seq) };
      return rows.map((r) => r.entity_id);
    };

    await append(setup, 'before');
    expect(await read()).toEqual(['before']);

    await late.query('BEGIN');
    const lateSeq = Number((await append(late, 'late')).rows[0].seq); // takes its seq first…
    await quick.query('BEGIN');
    const quickSeq = Number((await append(quick, 'quick')).rows[0].seq);
    await quick.query('COMMIT'); // …and the other commits first
    expect(lateSeq).toBeLessThan(quickSeq);

    // While `late` runs, nothing after it is served: the cursor cannot pass its row.
    expect(await read()).toEqual([]);
    await late.query('COMMIT');
    expect(await read()).toEqual(['late', 'quick']);
    await append(setup, 'after');
    expect(await read()).toEqual(['after']);
    expect(served).toEqual(['before', 'late', 'quick', 'after']);
    await Promise.all([late.end(), quick.end(), reader.end(), setup.end()]);
  });
});
