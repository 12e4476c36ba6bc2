/**
 * The storage contract suites run against both engines with the same expectations: the SQLite
 * async store (in memory) and the PostgreSQL one (a throwaway cluster, one database per test).
 * The PostgreSQL half is skipped, with the reason, where PostgreSQL is not installed, and fails
 * instead under AGENT_DESK_REQUIRE_SERVICES=1 (CI).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { postgresMissing, startPostgres, type TestPostgres } from '../../../../tests/helpers/postgres';
import { createSqliteAsyncStore } from '../async-store';
import { openDatabase } from '../db';
import { migratePostgres } from '../postgres/migrations';
import { createPostgresAsyncStore } from '../postgres/store';
import { createStore } from '../store';
import { agentsContract } from './agents.contract';
import { FIXED_NOW, type Engine } from './engine';
import { sessionsContract } from './sessions.contract';
import { storeContract } from './store.contract';

const required = process.env.AGENT_DESK_REQUIRE_SERVICES === '1';
const missing = postgresMissing();
if (missing && required) throw new Error(`AGENT_DESK_REQUIRE_SERVICES=1 but ${missing}`);
if (missing) console.warn(`PostgreSQL contract skipped: ${missing}`);

const AUDIT_COLUMNS = 'at, actor_kind, actor_id, action, outcome, details_json, ip';

const sqlite: Engine = {
  name: 'SQLite',
  async open() {
    const db = openDatabase(':memory:');
    const store = createStore(db, () => FIXED_NOW);
    return {
      storage: createSqliteAsyncStore(store, () => FIXED_NOW, { checkNesting: true }),
      auditRows: async () => db.prepare(`SELECT ${AUDIT_COLUMNS} FROM audit_log ORDER BY id`).all() as never,
      close: async () => void db.close(),
    };
  },
};

let cluster: TestPostgres | null = null;
let databases = 0;
const postgres: Engine = {
  name: 'PostgreSQL',
  async open() {
    const url = await cluster!.createDatabase(`contract_${process.pid}_${++databases}`);
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
      close: async () => {
        await raw.end();
        await storage.close();
      },
    };
  },
};

const suites = (engine: Engine) => {
  describe('transactions', () => storeContract(engine));
  describe('sessions', () => sessionsContract(engine));
  describe('agents', () => agentsContract(engine));
};

describe('storage contract on SQLite', () => suites(sqlite));

describe.skipIf(missing !== null)('storage contract on PostgreSQL', () => {
  beforeAll(async () => {
    cluster = await startPostgres({ database: 'contract' });
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });
  suites(postgres);
});
