/**
 * Copies a stopped desk's SQLite database into an empty PostgreSQL database (issue 10; the
 * command is `npm run server -- migrate-to-postgres`, migrate-to-postgres-command.ts).
 *
 * - The source is opened read-only and read inside one read transaction: it is never migrated
 *   or written, and what is copied is one snapshot even if something else reads it meanwhile.
 * - The target is migrated to the latest schema (`migratePostgres`, its own transactions), then
 *   everything else happens in ONE PostgreSQL transaction: the emptiness check (under an advisory
 *   lock, so two copies into one database cannot interleave), the copy, the sequences, the
 *   verification and the new epoch. Any failure, a failed check included, rolls it all back and
 *   leaves the target as empty as it was.
 * - Tables go parents first (the order comes from SQLite's foreign keys, so a table added later
 *   needs no change here), in multi-row INSERTs with parameters. A column pointing at its own
 *   table (`tickets.linked_ticket_id`) is inserted as NULL and set once every row is in.
 * - Identity columns (`audit_log.id`, `change_feed.seq`) keep their values (OVERRIDING SYSTEM
 *   VALUE) and their sequences are moved past the highest, so new rows continue after them.
 * - The desk gets a new epoch, as a restore does: every copied feed row carries the copying
 *   transaction's xid, and a desktop's SQLite-era cursor (a bare seq) means nothing in the
 *   PostgreSQL feed's (xid, seq) order, so each desktop rebuilds its cache at its next sync
 *   (outboxes are kept; the copied push acks keep their retries idempotent).
 */
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { randomUUID } from 'node:crypto';
import { migratePostgres } from './migrations';

export interface TableCount {
  table: string;
  sqlite: number;
  postgres: number;
}

export interface SpotCheck {
  what: string;
  sqlite: string;
  postgres: string;
}

export interface CopyReport {
  tables: TableCount[];
  checks: SpotCheck[];
  epoch: string;
  previousEpoch: string | null;
  postgresSchemaVersion: number;
  ms: number;
}

/** The target holds desk data already: copying into it would mix two desks. */
export class TargetNotEmptyError extends Error {
  constructor(readonly tables: { table: string; rows: number }[]) {
    super(`the PostgreSQL database already holds desk data (${tables.map((t) => `${t.table}: ${t.rows} rows`).join(', ')})`);
    this.name = 'TargetNotEmptyError';
  }
}

export class VerificationError extends Error {
  constructor(problems: string[]) {
    super(`the copy did not match the source, so it was rolled back: ${problems.join('; ')}`);
    this.name = 'VerificationError';
  }
}

interface Column {
  name: string;
  /** Points at a row of its own table: inserted as NULL, set after the table is in. */
  selfReference: boolean;
}

interface TablePlan {
  name: string;
  columns: Column[];
  primaryKey: string[];
  /** Identity columns on the PostgreSQL side (GENERATED ALWAYS): copied with OVERRIDING SYSTEM VALUE. */
  identity: string[];
}

/** PostgreSQL takes at most 65,535 parameters per statement. */
const MAX_PARAMETERS = 65_535;
const ADVISORY_LOCK = 0x6465736d; // "desm": not the migration lock, which migratePostgres takes itself
const SAMPLE_TICKETS = 50;

const q = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/** A value as a parameter: 64-bit integers (read exactly with safeIntegers) go as text. */
const param = (v: unknown) => (typeof v === 'bigint' ? v.toString() : v);

/** The SQLite tables in an order where every table comes after the tables it references. */
export function planTables(source: Database.Database): Omit<TablePlan, 'identity'>[] {
  const names = (source.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
  const plans = new Map<string, Omit<TablePlan, 'identity'> & { parents: Set<string> }>();
  for (const name of names) {
    const info = source.prepare('SELECT name, pk FROM pragma_table_info(?) ORDER BY cid').all(name) as { name: string; pk: number }[];
    const fks = source.prepare('SELECT "table" AS parent, "from" AS col FROM pragma_foreign_key_list(?)').all(name) as { parent: string; col: string }[];
    const selfColumns = new Set(fks.filter((f) => f.parent === name).map((f) => f.col));
    const primaryKey = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    if (selfColumns.size > 0 && primaryKey.length !== 1) throw new Error(`${name} references itself but has no single-column primary key to set the reference by`);
    plans.set(name, {
      name,
      columns: info.map((c) => ({ name: c.name, selfReference: selfColumns.has(c.name) })),
      primaryKey,
      parents: new Set(fks.map((f) => f.parent).filter((p) => p !== name)),
    });
  }
  const ordered: Omit<TablePlan, 'identity'>[] = [];
  const placed = new Set<string>();
  while (placed.size < plans.size) {
    const ready = [...plans.values()].filter((p) => !placed.has(p.name) && [...p.parents].every((parent) => placed.has(parent) || !plans.has(parent)));
    if (ready.length === 0) throw new Error(`the foreign keys of ${[...plans.keys()].filter((n) => !placed.has(n)).join(', ')} form a cycle`);
    for (const { parents: _parents, ...plan } of ready) {
      ordered.push(plan);
      placed.add(plan.name);
    }
  }
  return ordered;
}

async function postgresColumns(client: pg.ClientBase): Promise<Map<string, { columns: Set<string>; identity: string[] }>> {
  const rows = (
    await client.query<{ table_name: string; column_name: string; is_identity: string }>(
      `SELECT table_name, column_name, is_identity FROM information_schema.columns WHERE table_schema = current_schema()`,
    )
  ).rows;
  const tables = new Map<string, { columns: Set<string>; identity: string[] }>();
  for (const r of rows) {
    const t = tables.get(r.table_name) ?? { columns: new Set<string>(), identity: [] };
    t.columns.add(r.column_name);
    if (r.is_identity === 'YES') t.identity.push(r.column_name);
    tables.set(r.table_name, t);
  }
  return tables;
}

async function countPostgres(client: pg.ClientBase, table: string): Promise<number> {
  return Number((await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${q(table)}`)).rows[0]!.n);
}

function countSqlite(source: Database.Database, table: string): number {
  return Number((source.prepare(`SELECT count(*) AS n FROM ${q(table)}`).safeIntegers(true).get() as { n: bigint }).n);
}

async function insertBatch(client: pg.ClientBase, plan: TablePlan, rows: unknown[][]): Promise<void> {
  const width = plan.columns.length;
  const values = rows.map((_, r) => `(${plan.columns.map((_c, c) => `$${r * width + c + 1}`).join(', ')})`).join(', ');
  const overriding = plan.identity.length > 0 ? ' OVERRIDING SYSTEM VALUE' : '';
  await client.query(`INSERT INTO ${q(plan.name)} (${plan.columns.map((c) => q(c.name)).join(', ')})${overriding} VALUES ${values}`, rows.flat().map(param));
}

async function setSelfReferences(client: pg.ClientBase, plan: TablePlan, column: string, pairs: unknown[][], batchRows: number): Promise<void> {
  const key = plan.primaryKey[0]!;
  for (let i = 0; i < pairs.length; i += batchRows) {
    const batch = pairs.slice(i, i + batchRows);
    const values = batch.map((_, r) => `($${r * 2 + 1}, $${r * 2 + 2})`).join(', ');
    await client.query(`UPDATE ${q(plan.name)} AS t SET ${q(column)} = v.ref FROM (VALUES ${values}) AS v(key, ref) WHERE t.${q(key)} = v.key`, batch.flat().map(param));
  }
}

/** Copies one table in batches; returns the rows read. */
async function copyTable(source: Database.Database, client: pg.ClientBase, plan: TablePlan, batchRows: number): Promise<number> {
  const rowsPerStatement = Math.max(1, Math.min(batchRows, Math.floor(MAX_PARAMETERS / plan.columns.length)));
  const select = source.prepare(`SELECT ${plan.columns.map((c) => q(c.name)).join(', ')} FROM ${q(plan.name)}`).raw(true).safeIntegers(true);
  const selfColumns = plan.columns.map((c, i) => ({ ...c, i })).filter((c) => c.selfReference);
  const keyIndex = plan.columns.findIndex((c) => c.name === plan.primaryKey[0]);
  const later = new Map<string, unknown[][]>(selfColumns.map((c) => [c.name, []]));
  let batch: unknown[][] = [];
  let read = 0;
  // The iterator stays open across the awaits: nothing else uses the source connection meanwhile.
  for (const row of select.iterate() as Iterable<unknown[]>) {
    for (const c of selfColumns) {
      if (row[c.i] === null) continue;
      later.get(c.name)!.push([row[keyIndex], row[c.i]]);
      row[c.i] = null;
    }
    batch.push(row);
    read++;
    if (batch.length === rowsPerStatement) {
      await insertBatch(client, plan, batch);
      batch = [];
    }
  }
  if (batch.length > 0) await insertBatch(client, plan, batch);
  for (const [column, pairs] of later) await setSelfReferences(client, plan, column, pairs, Math.floor(rowsPerStatement / 2) || 1);
  for (const column of plan.identity) {
    // An empty table starts its sequence at 1 again; otherwise the next value is max + 1.
    await client.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max(${q(column)}) FROM ${q(plan.name)}), 1), (SELECT count(*) > 0 FROM ${q(plan.name)}))`,
      [plan.name, column],
    );
  }
  return read;
}

/** Spot checks beyond the counts: identity maxima, every amount column's sum, messages per ticket for a sample. */
async function spotChecks(source: Database.Database, client: pg.ClientBase, plans: TablePlan[]): Promise<SpotCheck[]> {
  const checks: SpotCheck[] = [];
  const scalar = async (what: string, sql: string) => {
    const fromSqlite = source.prepare(sql).safeIntegers(true).pluck().get() as bigint | number | string | null;
    const fromPostgres = (await client.query<{ v: string | null }>(`SELECT (${sql})::text AS v`)).rows[0]!.v;
    checks.push({ what, sqlite: fromSqlite === null ? 'null' : String(fromSqlite), postgres: fromPostgres ?? 'null' });
  };
  for (const plan of plans) {
    for (const column of plan.identity) await scalar(`max(${plan.name}.${column})`, `SELECT max(${q(column)}) FROM ${q(plan.name)}`);
    for (const c of plan.columns.filter((c) => c.name.endsWith('_minor'))) await scalar(`sum(${plan.name}.${c.name})`, `SELECT coalesce(sum(${q(c.name)}), 0) FROM ${q(plan.name)}`);
  }
  if (plans.some((p) => p.name === 'messages') && plans.some((p) => p.name === 'tickets')) {
    const sample = source.prepare(`SELECT id FROM tickets ORDER BY random() LIMIT ${SAMPLE_TICKETS}`).pluck().all() as string[];
    if (sample.length > 0) {
      const inSqlite = source
        .prepare(`SELECT t.id, (SELECT count(*) FROM messages m WHERE m.ticket_id = t.id) AS n FROM tickets t WHERE t.id IN (${sample.map(() => '?').join(', ')}) ORDER BY t.id`)
        .raw(true)
        .all(...sample) as [string, number][];
      const inPostgres = (
        await client.query<{ id: string; n: string }>(
          `SELECT t.id, (SELECT count(*) FROM messages m WHERE m.ticket_id = t.id)::text AS n FROM tickets t WHERE t.id = ANY($1::text[]) ORDER BY t.id COLLATE "C"`,
          [sample],
        )
      ).rows.map((r) => [r.id, Number(r.n)]);
      const fingerprint = (rows: (string | number)[][]) => rows.map(([id, n]) => `${id}:${n}`).join(',');
      const total = (rows: (string | number)[][]) => rows.reduce((s, r) => s + Number(r[1]), 0);
      const same = fingerprint(inSqlite) === fingerprint(inPostgres);
      checks.push({
        what: `messages per ticket, ${sample.length} tickets at random`,
        sqlite: `${total(inSqlite)} messages`,
        postgres: same ? `${total(inPostgres)} messages` : `${total(inPostgres)} messages, per ticket different`,
      });
    }
  }
  return checks;
}

/**
 * Copies `source` (open read-only, at the latest schema: the caller checks) into the database of
 * `client`. Throws TargetNotEmptyError before writing anything when the target holds desk data.
 */
export async function copySqliteToPostgres(source: Database.Database, client: pg.ClientBase, { batchRows = 1000, now = new Date() } = {}): Promise<CopyReport> {
  const started = Date.now();
  const postgresSchemaVersion = await migratePostgres(client);
  source.exec('BEGIN'); // one read snapshot for the whole copy and its checks
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCK]);
    const target = await postgresColumns(client);
    const plans: TablePlan[] = planTables(source).map((p) => {
      const t = target.get(p.name);
      if (!t) throw new Error(`the PostgreSQL schema has no table ${p.name}: is this server's PostgreSQL schema behind its SQLite one?`);
      const missing = p.columns.filter((c) => !t.columns.has(c.name)).map((c) => c.name);
      if (missing.length > 0) throw new Error(`the PostgreSQL table ${p.name} lacks ${missing.join(', ')}`);
      return { ...p, identity: t.identity.filter((c) => p.columns.some((pc) => pc.name === c)) };
    });

    const occupied: { table: string; rows: number }[] = [];
    for (const p of plans) {
      const rows = await countPostgres(client, p.name);
      if (rows > 0) occupied.push({ table: p.name, rows });
    }
    if (occupied.length > 0) throw new TargetNotEmptyError(occupied);

    for (const plan of plans) await copyTable(source, client, plan, batchRows);

    const tables: TableCount[] = [];
    for (const plan of plans) tables.push({ table: plan.name, sqlite: countSqlite(source, plan.name), postgres: await countPostgres(client, plan.name) });
    const checks = await spotChecks(source, client, plans);
    const problems = [
      ...tables.filter((t) => t.sqlite !== t.postgres).map((t) => `${t.table}: ${t.sqlite} rows in SQLite, ${t.postgres} in PostgreSQL`),
      ...checks.filter((c) => c.sqlite !== c.postgres).map((c) => `${c.what}: ${c.sqlite} in SQLite, ${c.postgres} in PostgreSQL`),
    ];
    if (problems.length > 0) throw new VerificationError(problems);

    const previousEpoch = (source.prepare(`SELECT value FROM meta WHERE key = 'epoch'`).pluck().get() as string | undefined) ?? null;
    const epoch = randomUUID();
    const setMeta = (key: string, value: string) => client.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
    await setMeta('epoch', epoch);
    await setMeta('migrated_from_sqlite_at', now.toISOString());
    if (previousEpoch) await setMeta('migrated_from_epoch', previousEpoch);

    await client.query('COMMIT');
    return { tables, checks, epoch, previousEpoch, postgresSchemaVersion, ms: Date.now() - started };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    source.exec('COMMIT');
  }
}
