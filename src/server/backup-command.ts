/**
 * `npm run server -- backup --data-dir DIR --to FILE [--force]`: an online copy of the desk's
 * SQLite database, checked before it is kept (storage/backup.ts).
 *
 * Attachments are not copied: their bytes are files under DIR/attachments, content-addressed
 * (named by their SHA-256), written once with a rename and never changed, so any file tool
 * (rsync, robocopy) copies that folder safely while the desk runs. A file is written before the
 * row that points at it commits, so a folder copy made after this backup holds every file the
 * backup refers to. The output says where they are.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from './config';
import { backupDatabase, type BackupReport } from './storage/backup';

export const BACKUP_USAGE = `Usage: npm run server -- backup --to FILE [options]
  --to FILE         the backup file to write (its folder must exist)
  --data-dir DIR    the desk's data folder, holding desk.sqlite (env AGENT_DESK_DATA_DIR;
                    default: the server's default data folder)
  --force           replace FILE if it exists
Safe while the desk server runs: the copy is a consistent snapshot, checked with
PRAGMA integrity_check before it is kept. Attachment files (DIR/attachments) are not in it:
copy that folder after the backup (docs/deploy.md, "Backups").`;

export interface BackupOptions {
  dataDir: string;
  database: string;
  to: string;
  force: boolean;
}

export class BackupRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupRefusal';
  }
}

/** Parses and checks the command line; every refusal says what to do instead. */
export function parseBackupArgs(argv: string[], env = process.env): BackupOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { 'data-dir': { type: 'string' }, to: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }));
  } catch (err) {
    throw new BackupRefusal(`${(err as Error).message}\n${BACKUP_USAGE}`);
  }
  if (values.help) return 'help';
  if (!values.to) throw new BackupRefusal(`--to FILE is required: where to write the backup.\n${BACKUP_USAGE}`);
  const dataDir = path.resolve(values['data-dir'] ?? env.AGENT_DESK_DATA_DIR ?? defaultDataDir());
  const database = path.join(dataDir, 'desk.sqlite');
  const to = path.resolve(values.to);
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) throw new BackupRefusal(`there is no data directory at ${dataDir}: pass the desk's --data-dir.`);
  if (!existsSync(database)) throw new BackupRefusal(`${dataDir} holds no desk.sqlite: is it the desk's data directory?`);
  if (to === database || to.startsWith(`${database}-`)) throw new BackupRefusal(`--to ${to} is the live database itself: choose another file.`);
  const folder = path.dirname(to);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new BackupRefusal(`the folder ${folder} does not exist: create it first (the backup does not create folders).`);
  if (existsSync(to)) {
    if (statSync(to).isDirectory()) throw new BackupRefusal(`${to} is a folder: --to names the backup file, e.g. ${path.join(to, 'desk-backup.sqlite')}.`);
    if (!values.force) throw new BackupRefusal(`${to} already exists: choose another name, or pass --force to replace it.`);
  }
  return { dataDir, database, to, force: Boolean(values.force) };
}

export function describeBackup(opts: BackupOptions, r: BackupReport): string {
  const mb = (r.bytes / 1024 / 1024).toFixed(1);
  return [
    `Backup written: ${opts.to}`,
    `  from           ${opts.database} (online, read-only; a snapshot of the last commit before the copy began)`,
    `  size           ${mb} MB, ${r.pages} pages in ${r.ms} ms`,
    `  check          integrity ok, foreign keys ok`,
    `  holds          ${r.tickets} tickets, ${r.messages} messages, ${r.attachments} attachment records; schema ${r.schemaVersion}, epoch ${r.epoch ?? '(none)'}`,
    `  attachments    NOT in this file: their bytes are in ${path.join(opts.dataDir, 'attachments')}`,
    `                 (write-once files named by their SHA-256); copy that folder now, after this backup, e.g.`,
    `                 rsync -a ${path.join(opts.dataDir, 'attachments')}/ BACKUP-HOST:attachments/`,
  ].join('\n');
}

/** Runs the command; returns the exit code. */
export async function runBackupCommand(argv: string[], out: (line: string) => void = console.log, err: (line: string) => void = console.error): Promise<number> {
  let opts: BackupOptions | 'help';
  try {
    opts = parseBackupArgs(argv);
  } catch (e) {
    err(`Backup refused: ${(e as Error).message}`);
    return 2;
  }
  if (opts === 'help') {
    out(BACKUP_USAGE);
    return 0;
  }
  try {
    const report = await backupDatabase(opts.database, opts.to);
    out(describeBackup(opts, report));
    return 0;
  } catch (e) {
    err(`Backup failed: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
