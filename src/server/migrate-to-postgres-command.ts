/**
 * `npm run server -- migrate-to-postgres --from DIR --database-url URL`: copies a stopped desk's
 * SQLite database into an empty PostgreSQL database and verifies the copy
 * (storage/postgres/copy-from-sqlite.ts), so a team that outgrows one node keeps its history.
 *
 * Refused (exit 2, one line saying what to do): a desk that is running (anything it writes after
 * the copy would be lost at the switch, so the desk must be stopped for the cut-over), a source
 * whose schema is not this server's latest (it is never migrated here: start the server on it once),
 * and a target that already holds desk data (there is no --force: emptying a database is a
 * `DROP DATABASE` the operator types, not a flag). Any failure (exit 1) leaves the target empty.
 * Attachment files are not copied; the output says where they are.
 */
import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { databaseInUse } from './storage/backup';
import { LATEST_VERSION } from './storage/migrations';
import { copySqliteToPostgres, TargetNotEmptyError, type CopyReport } from './storage/postgres/copy-from-sqlite';
import { PostgresFromTheFutureError } from './storage/postgres/migrations';
import { redactDatabaseUrl } from './storage/open-storage';

export const MIGRATE_USAGE = `Usage: npm run server -- migrate-to-postgres --from DIR --database-url URL
  --from DIR            the desk's data folder, holding desk.sqlite (the desk must be stopped)
  --database-url URL    postgres://USER:PASSWORD@HOST:PORT/DATABASE of an empty database
                        (env AGENT_DESK_DATABASE_URL, which keeps the password out of ps)
Copies every table in one PostgreSQL transaction and checks the copy (row counts, sums, sequences)
before committing; a failure leaves the database empty. The desk gets a new epoch: desktops
rebuild their caches at their next sync (outboxes are kept). Attachment files stay in DIR/attachments.`;

export interface MigrateOptions {
  dataDir: string;
  database: string;
  databaseUrl: string;
}

export class MigrateRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrateRefusal';
  }
}

export function parseMigrateArgs(argv: string[], env = process.env): MigrateOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { from: { type: 'string' }, 'database-url': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }));
  } catch (err) {
    throw new MigrateRefusal(`${(err as Error).message}\n${MIGRATE_USAGE}`);
  }
  if (values.help) return 'help';
  if (!values.from) throw new MigrateRefusal(`--from DIR is required: the data folder of the desk to copy.\n${MIGRATE_USAGE}`);
  const databaseUrl = values['database-url'] ?? env.AGENT_DESK_DATABASE_URL;
  if (!databaseUrl) throw new MigrateRefusal(`--database-url URL (or AGENT_DESK_DATABASE_URL) is required: the PostgreSQL database to copy into.\n${MIGRATE_USAGE}`);
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) throw new MigrateRefusal(`--database-url must start with postgres:// or postgresql://, e.g. postgres://desk:PASSWORD@db.internal:5432/agentdesk.`);
  const dataDir = path.resolve(values.from);
  const database = path.join(dataDir, 'desk.sqlite');
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) throw new MigrateRefusal(`there is no data directory at ${dataDir}: pass the desk's data folder to --from.`);
  if (!existsSync(database)) throw new MigrateRefusal(`${dataDir} holds no desk.sqlite: is it the desk's data directory?`);
  return { dataDir, database, databaseUrl };
}


/** Opens the source read-only after checking it is stopped and at this server's schema. */
function openSource(opts: MigrateOptions): Database.Database {
  if (databaseInUse(opts.database)) throw new MigrateRefusal(`${opts.database} is open in another process (is the desk server running?): stop it first (e.g. systemctl stop agent-desk); what it wrote after the copy would be lost.`);
  const source = new Database(opts.database, { readonly: true, fileMustExist: true });
  source.pragma('busy_timeout = 5000');
  const version = source.pragma('user_version', { simple: true }) as number;
  if (version !== LATEST_VERSION) {
    source.close();
    if (version > LATEST_VERSION) throw new MigrateRefusal(`${opts.database} is at schema ${version}, newer than this server knows (${LATEST_VERSION}): run the command from the server version that wrote it.`);
    throw new MigrateRefusal(
      `${opts.database} is at schema ${version}, not this server's ${LATEST_VERSION}: start the server on it once (npm run server -- --data-dir ${opts.dataDir}) so it migrates, stop it, then run this again.`,
    );
  }
  return source;
}

export function describeMigration(opts: MigrateOptions, r: CopyReport): string {
  const width = Math.max(...r.tables.map((t) => t.table.length), 'table'.length);
  const num = (n: number) => n.toLocaleString('en-US').padStart(12);
  const counts = r.tables.map((t) => `    ${t.table.padEnd(width)} ${num(t.sqlite)} ${num(t.postgres)}`);
  const attachments = r.tables.find((t) => t.table === 'attachments')?.postgres ?? 0;
  const folder = path.join(opts.dataDir, 'attachments');
  return [
    `Copied ${opts.database}`,
    `  into           ${redactDatabaseUrl(opts.databaseUrl)} (schema ${r.postgresSchemaVersion}), in ${(r.ms / 1000).toFixed(1)} s`,
    `  rows           ${'table'.padEnd(width)}       SQLite   PostgreSQL`,
    ...counts,
    `  checks         every count equal; ${r.checks.map((c) => `${c.what} = ${c.postgres}`).join('; ')}`,
    `  epoch          ${r.epoch} (new; was ${r.previousEpoch ?? '(none)'}): desktops rebuild their caches at their next sync, outboxes kept`,
    `  attachments    ${attachments} records copied; their files are NOT: they stay in ${folder}`,
    `                 (write-once files named by their SHA-256). Every node of the PostgreSQL deployment`,
    `                 must see that same folder at its data folder's attachments/ (a shared volume), e.g.`,
    `                 rsync -a ${folder}/ SHARED-VOLUME/attachments/`,
    `  source         ${opts.database} is unchanged; keep it (and a backup) until the new deployment is trusted.`,
  ].join('\n');
}

/** Runs the command; returns the exit code (0 done, 1 failed, 2 refused). */
export async function runMigrateToPostgresCommand(argv: string[], out: (line: string) => void = console.log, err: (line: string) => void = console.error): Promise<number> {
  let opts: MigrateOptions | 'help';
  let source: Database.Database | null = null;
  const client = { current: null as pg.Client | null };
  try {
    opts = parseMigrateArgs(argv);
    if (opts === 'help') {
      out(MIGRATE_USAGE);
      return 0;
    }
    source = openSource(opts);
    client.current = new pg.Client({ connectionString: opts.databaseUrl });
    try {
      await client.current.connect();
    } catch (e) {
      throw new Error(`could not connect to ${redactDatabaseUrl(opts.databaseUrl)}: ${(e as Error).message}`);
    }
    const report = await copySqliteToPostgres(source, client.current);
    out(describeMigration(opts, report));
    return 0;
  } catch (e) {
    if (e instanceof MigrateRefusal) {
      err(`Migration refused: ${e.message}`);
      return 2;
    }
    if (e instanceof TargetNotEmptyError) {
      err(`Migration refused: ${e.message}: copy into a new, empty database (CREATE DATABASE …); nothing was written.`);
      return 2;
    }
    if (e instanceof PostgresFromTheFutureError) {
      err(`Migration refused: ${e.message}`);
      return 2;
    }
    err(`Migration failed: ${e instanceof Error ? e.message : String(e)} (the PostgreSQL database was left without desk data)`);
    return 1;
  } finally {
    source?.close();
    await client.current?.end().catch(() => undefined);
  }
}
