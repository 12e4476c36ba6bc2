/**
 * The two engines for tests: the SQLite async store (in memory) and the PostgreSQL one (a
 * throwaway cluster, one fresh migrated database per `open`). `onEachEngine` declares a block of
 * tests once per engine; the PostgreSQL block is skipped, with the reason, where PostgreSQL is not
 * installed, and fails instead under AGENT_DESK_REQUIRE_SERVICES=1 (CI). Test code only.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { postgresMissing, startPostgres, type TestPostgres } from '../../../../tests/helpers/postgres';
import { createSqliteAsyncStore } from '../async-store';
import { openDatabase } from '../db';
import { migratePostgres } from '../postgres/migrations';
import { createPostgresAsyncStore } from '../postgres/store';
import { createStore } from '../store';
import { FIXED_NOW, type Engine } from './engine';

const AUDIT_COLUMNS = 'at, actor_kind, actor_id, action, outcome, details_json, ip';

export const sqliteEngine: Engine = {
  name: 'SQLite',
  async open() {
    const db = openDatabase(':memory:');
    const store = createStore(db, () => FIXED_NOW);
    return {
      storage: createSqliteAsyncStore(store, () => FIXED_NOW, { checkNesting: true }),
      auditRows: async () => db.prepare(`SELECT ${AUDIT_COLUMNS} FROM audit_log ORDER BY id`).all() as never,
      exec: async (sql) => void db.exec(sql),
      rows: async (sql) => db.prepare(sql).all() as Record<string, unknown>[],
      insertRow: async (table, row) => {
        const columns = Object.keys(row);
        db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...Object.values(row));
      },
      close: async () => void db.close(),
    };
  },
};

/**
 * A database like the one at `url` but whose default collation is English (ICU en-US, as a
 * managed database's often is), where 'a' < 'B' and 'é' < 'Z': a repository that orders or
 * compares text without COLLATE "C" then gives another order than SQLite's BINARY, and its
 * contract fails (the test cluster's own C.UTF-8 locale would hide that).
 */
async function inEnglishOrder(url: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}_en TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'`);
  } finally {
    await client.end();
  }
  // postgres://user@/<name>?host=<socket dir> (no host part: not a WHATWG URL)
  const english = url.replace(`/${name}?`, `/${name}_en?`);
  if (english === url) throw new Error(`no database name ${name} in ${url}`);
  return english;
}

function postgresEngine(cluster: () => TestPostgres, prefix: string): Engine {
  let databases = 0;
  return {
    name: 'PostgreSQL',
    async open() {
      const name = `${prefix}_${++databases}`;
      const url = await inEnglishOrder(await cluster().createDatabase(name), name);
      const setup = new pg.Client({ connectionString: url });
      await setup.connect();
      await migratePostgres(setup);
      await setup.end();
      const storage = createPostgresAsyncStore({ connectionString: url, now: () => FIXED_NOW, checkNesting: true });
      const raw = new pg.Client({ connectionString: url });
      await raw.connect();
      return {
        storage,
        auditRows: async () => (await raw.query(`SELECT ${AUDIT_COLUMNS} FROM audit_log ORDER BY id`)).rows,
        exec: async (sql) => void (await raw.query(sql)),
        rows: async (sql) => (await raw.query(sql)).rows as Record<string, unknown>[],
        insertRow: async (table, row) => {
          const columns = Object.keys(row);
          await raw.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(row));
        },
        close: async () => {
          await raw.end();
          await storage.close();
        },
      };
    },
  };
}

const missing = postgresMissing();
if (missing && process.env.AGENT_DESK_REQUIRE_SERVICES === '1') throw new Error(`AGENT_DESK_REQUIRE_SERVICES=1 but ${missing}`);

/** Declares `tests` once per engine, under "<title> on SQLite" and "<title> on PostgreSQL". */
export function onEachEngine(title: string, tests: (engine: Engine) => void): void {
  describe(`${title} on SQLite`, () => tests(sqliteEngine));
  if (missing) console.warn(`${title} on PostgreSQL skipped: ${missing}`);
  describe.skipIf(missing !== null)(`${title} on PostgreSQL`, () => {
    let cluster: TestPostgres | null = null;
    beforeAll(async () => {
      cluster = await startPostgres({ database: 'engines' });
    }, 60_000);
    afterAll(async () => {
      await cluster?.stop();
    });
    tests(postgresEngine(() => cluster!, title.toLowerCase().replace(/[^a-z0-9]+/g, '_')));
  });
}
