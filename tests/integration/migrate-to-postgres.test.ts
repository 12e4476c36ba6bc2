/**
 * `npm run server -- migrate-to-postgres` from a real desk into a throwaway PostgreSQL cluster
 * (tests/helpers/postgres.ts), run as its own process as an operator runs it: a desk made by the
 * server (demo world plus live chats, messages and a sign-in), stopped, then copied. Every
 * table's count and a random sample of every table's rows must be equal, the identity sequences
 * must continue past the copied rows, the source must be untouched, and the refusals (target not
 * empty, source at an older schema, desk still running) and a failure midway must leave the
 * target without desk data.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPragmas, migrate } from '../../src/server/storage/db';
import { MIGRATIONS } from '../../src/server/storage/migrations';
import { copySqliteToPostgres } from '../../src/server/storage/postgres/copy-from-sqlite';
import { migratePostgres } from '../../src/server/storage/postgres/migrations';
import { api, clientMsgId } from '../helpers/api';
import { postgresMissing, skipUnlessInstalled, startPostgres, type TestPostgres } from '../helpers/postgres';
import { startTestServer } from '../helpers/server';
import { agentsIn, customerIn, startChat } from '../helpers/world';

const missing = skipUnlessInstalled(postgresMissing());

// bigint columns compare as numbers, as they are in SQLite (amounts and sequences stay below 2^53).
const types = { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) };

let cluster: TestPostgres;
let root: string;
let dataDir: string;
let source: string;
let sourceHash: string;
const clients: pg.Client[] = [];
let n = 0;

async function freshDatabase(): Promise<{ url: string; db: pg.Client }> {
  const url = await cluster.createDatabase(`migrate_${++n}`);
  const db = new pg.Client({ connectionString: url, types });
  await db.connect();
  clients.push(db);
  return { url, db };
}

function runMigrate(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', 'migrate-to-postgres', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const fileHash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function sqliteTables(db: Database.Database): { name: string; key: string[] }[] {
  const names = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  return names.map((name) => ({
    name,
    key: (db.prepare('SELECT name, pk FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk').all(name) as { name: string }[]).map((c) => c.name),
  }));
}

async function desksRows(db: pg.Client): Promise<Record<string, number>> {
  const tables = (await db.query<{ t: string }>(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_version' ORDER BY 1`)).rows;
  const counts: Record<string, number> = {};
  for (const { t } of tables) counts[t] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${t}"`)).rows[0]!.n;
  return counts;
}

describe.skipIf(missing !== null)('migrate-to-postgres', () => {
  beforeAll(async () => {
    cluster = await startPostgres();
    root = mkdtempSync(path.join(os.tmpdir(), 'agent-desk-migrate-'));
    dataDir = path.join(root, 'desk');
    mkdirSync(dataDir);
    source = path.join(dataDir, 'desk.sqlite');

    // A desk made by the server, with live activity on top of the demo world.
    const server = await startTestServer({ dataDir, keepData: true, customers: 60, historicTickets: 40 });
    try {
      const agent = agentsIn(server.db, 'eu-north')[0]!;
      await server.loginAgent(agent.email);
      for (let i = 0; i < 4; i++) {
        const chat = await startChat(server.url, customerIn(server.db, 'eu-north', i));
        expect(chat.status).toBe(201);
        for (let m = 0; m < 3; m++) {
          const res = await api(server.url, 'POST', '/api/chat/messages', { token: chat.body.token, body: { clientMsgId: clientMsgId(), body: `message ${m} of chat ${i}` } });
          expect(res.status).toBe(200);
        }
      }
    } finally {
      await server.close();
    }
    // A ticket linked to one that comes after it in the table: the copy cannot rely on row order.
    const db = new Database(source);
    const [first, last] = [db.prepare('SELECT id FROM tickets ORDER BY rowid LIMIT 1').pluck().get(), db.prepare('SELECT id FROM tickets ORDER BY rowid DESC LIMIT 1').pluck().get()];
    db.prepare('UPDATE tickets SET linked_ticket_id = ? WHERE id = ?').run(last, first);
    db.close();
    sourceHash = fileHash(source);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    await cluster?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('copies every table: equal counts, equal sampled rows, a new epoch, sequences that continue, the source untouched', async () => {
    const { url, db } = await freshDatabase();
    // Trust authentication ignores the password: it is there to be kept out of the output.
    const withPassword = url.replace('postgres://agentdesk@', 'postgres://agentdesk:s3cret-pw@');
    const result = await runMigrate(['--from', dataDir, '--database-url', withPassword]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(url.replace('postgres://agentdesk@', 'postgres://agentdesk:***@'));
    expect(result.stdout).not.toContain('s3cret-pw');
    expect(result.stdout).toContain(path.join(dataDir, 'attachments'));
    expect(result.stdout).toMatch(/every count equal/);
    expect(fileHash(source)).toBe(sourceHash);

    const src = new Database(source, { readonly: true });
    try {
      const tables = sqliteTables(src);
      const counts = await desksRows(db);
      const expected = Object.fromEntries(tables.map((t) => [t.name, src.prepare(`SELECT count(*) FROM "${t.name}"`).pluck().get() as number]));
      expected.meta = (expected.meta as number) + 2; // migrated_from_sqlite_at, migrated_from_epoch
      expect(counts).toEqual(expected);
      expect(counts.messages).toBeGreaterThan(12);
      expect(counts.change_feed).toBeGreaterThan(0);
      expect(counts.sessions).toBeGreaterThan(0);
      for (const t of tables.filter((t) => t.name !== 'meta')) expect(result.stdout).toMatch(new RegExp(`\\n +${t.name} +[\\d,]+ +${expected[t.name]!.toLocaleString('en-US')}\\n`));

      // A random sample of every table, row by row, as JSON with numbers as numbers.
      for (const t of tables) {
        const sample = src.prepare(`SELECT * FROM "${t.name}" ORDER BY random() LIMIT 25`).all() as Record<string, unknown>[];
        for (const row of sample) {
          if (t.name === 'meta' && row.key === 'epoch') continue;
          const where = t.key.map((k, i) => `"${k}" = $${i + 1}`).join(' AND ');
          const copied = (await db.query(`SELECT * FROM "${t.name}" WHERE ${where}`, t.key.map((k) => row[k]))).rows;
          expect(copied).toHaveLength(1);
          // PostgreSQL-only feed columns: the copying transaction's xid, and the position the sequencer gives later.
          const { xid: _xid, pos: _pos, ...fields } = copied[0] as Record<string, unknown>;
          expect(JSON.parse(JSON.stringify(fields)), `${t.name} ${JSON.stringify(t.key.map((k) => row[k]))}`).toEqual(JSON.parse(JSON.stringify(row)));
        }
      }
      const linked = (await db.query(`SELECT count(*)::int AS n FROM tickets WHERE linked_ticket_id IS NOT NULL`)).rows[0].n;
      expect(linked).toBe(src.prepare('SELECT count(*) FROM tickets WHERE linked_ticket_id IS NOT NULL').pluck().get());

      // A new epoch, the old one kept beside it; printed as the output says.
      const oldEpoch = src.prepare(`SELECT value FROM meta WHERE key = 'epoch'`).pluck().get() as string;
      const meta = Object.fromEntries((await db.query<{ key: string; value: string }>('SELECT key, value FROM meta')).rows.map((r) => [r.key, r.value]));
      expect(meta.epoch).toMatch(/^[0-9a-f-]{36}$/);
      expect(meta.epoch).not.toBe(oldEpoch);
      expect(meta.migrated_from_epoch).toBe(oldEpoch);
      expect(result.stdout).toContain(`${meta.epoch} (new; was ${oldEpoch})`);

      // The identity sequences continue after the copied rows.
      const feedMax = src.prepare('SELECT max(seq) FROM change_feed').pluck().get() as number;
      const auditMax = src.prepare('SELECT max(id) FROM audit_log').pluck().get() as number;
      const seq = (await db.query(`INSERT INTO change_feed (entity, entity_id, op, at) VALUES ('ticket', 't-after', 'upsert', '2026-11-29T00:00:00Z') RETURNING seq`)).rows[0].seq;
      const id = (await db.query(`INSERT INTO audit_log (at, actor_kind, action, outcome) VALUES ('2026-11-29T00:00:00Z', 'system', 'after-copy', 'ok') RETURNING id`)).rows[0].id;
      expect(seq).toBe(feedMax + 1);
      expect(id).toBe(auditMax + 1);
    } finally {
      src.close();
    }

    // A second run into the same database is refused and writes nothing.
    const before = await desksRows(db);
    const again = await runMigrate(['--from', dataDir], { AGENT_DESK_DATABASE_URL: url });
    expect(again.code).toBe(2);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toMatch(/^Migration refused: the PostgreSQL database already holds desk data \(.*tickets: \d+ rows/);
    expect(await desksRows(db)).toEqual(before);
  }, 120_000);

  it('copies the same in many small batches (every table split across statements)', async () => {
    const { db } = await freshDatabase();
    const src = new Database(source, { readonly: true });
    try {
      const report = await copySqliteToPostgres(src, db, { batchRows: 7 });
      expect(report.tables.find((t) => t.table === 'messages')!.postgres).toBeGreaterThan(7 * 10);
      for (const t of report.tables) expect(t.postgres, t.table).toBe(t.sqlite);
      const inPostgres = (await db.query('SELECT id, linked_ticket_id FROM tickets WHERE linked_ticket_id IS NOT NULL ORDER BY id')).rows;
      expect(inPostgres).toEqual(src.prepare('SELECT id, linked_ticket_id FROM tickets WHERE linked_ticket_id IS NOT NULL ORDER BY id').all());
    } finally {
      src.close();
    }
  }, 60_000);

  it('refuses a source at an older schema version, before touching the target', async () => {
    const older = path.join(root, 'older');
    mkdirSync(older);
    const db = new Database(path.join(older, 'desk.sqlite'));
    applyPragmas(db);
    const version = MIGRATIONS[MIGRATIONS.length - 2]!.version;
    migrate(db, version);
    db.close();
    const target = await freshDatabase();
    const result = await runMigrate(['--from', older, '--database-url', target.url]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`is at schema ${version}`);
    expect(result.stderr).toMatch(/start the server on it once/);
    expect(await desksRows(target.db)).toEqual({});
  }, 60_000);

  it('refuses a desk that is still running', async () => {
    const running = new Database(source);
    try {
      applyPragmas(running);
      running.prepare('SELECT count(*) FROM tickets').get();
      const target = await freshDatabase();
      const result = await runMigrate(['--from', dataDir, '--database-url', target.url]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/open in another process \(is the desk server running\?\)/);
      expect(await desksRows(target.db)).toEqual({});
    } finally {
      running.close();
    }
  }, 60_000);

  it('leaves the target without desk data when the copy fails midway', async () => {
    const { url, db } = await freshDatabase();
    await migratePostgres(db);
    // The database fails once the parents are in: messages come after tickets, customers, agents.
    await db.query(`CREATE FUNCTION fail_midway() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full (test)'; END $$`);
    await db.query(`CREATE TRIGGER fail_midway BEFORE INSERT ON messages FOR EACH STATEMENT EXECUTE FUNCTION fail_midway()`);
    const result = await runMigrate(['--from', dataDir, '--database-url', url]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Migration failed: disk full \(test\)/);
    const counts = await desksRows(db);
    expect(Object.keys(counts).length).toBeGreaterThan(20);
    expect(Object.values(counts).every((c) => c === 0)).toBe(true);
  }, 60_000);

  it('refuses a missing --from and a URL that is not PostgreSQL’s, with usage', async () => {
    const noFrom = await runMigrate(['--database-url', 'postgres://x@/y']);
    expect(noFrom.code).toBe(2);
    expect(noFrom.stderr).toMatch(/--from DIR is required/);
    const notPostgres = await runMigrate(['--from', dataDir, '--database-url', 'mysql://x@y/z']);
    expect(notPostgres.code).toBe(2);
    expect(notPostgres.stderr).toMatch(/must start with postgres:\/\//);
  }, 60_000);
});
