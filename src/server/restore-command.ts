/**
 * `npm run server -- restore --from FILE --data-dir DIR [--force]`: puts a backup made by
 * `backup` in place as DIR/desk.sqlite while the desk is stopped (storage/backup.ts,
 * restoreDatabase). The database already there, if any, is renamed aside, never deleted.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BackupRefusal } from './backup-command';
import { defaultDataDir } from './config';
import { databaseInUse, restoreDatabase } from './storage/backup';

export const RESTORE_USAGE = `Usage: npm run server -- restore --from FILE [options]
  --from FILE       a backup written by \`npm run server -- backup\`
  --data-dir DIR    the desk's data folder (env AGENT_DESK_DATA_DIR; default: the server's default)
  --force           replace the desk.sqlite already there (it is renamed aside, not deleted)
Stop the desk server first. The restored database gets a new epoch, so every desktop rebuilds
its cache at its next sync (outboxes are kept). Put the attachments folder back separately.`;

export interface RestoreOptions {
  from: string;
  dataDir: string;
  database: string;
  force: boolean;
}

export function parseRestoreArgs(argv: string[], env = process.env): RestoreOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { from: { type: 'string' }, 'data-dir': { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }));
  } catch (err) {
    throw new BackupRefusal(`${(err as Error).message}\n${RESTORE_USAGE}`);
  }
  if (values.help) return 'help';
  if (!values.from) throw new BackupRefusal(`--from FILE is required: the backup to restore.\n${RESTORE_USAGE}`);
  const from = path.resolve(values.from);
  const dataDir = path.resolve(values['data-dir'] ?? env.AGENT_DESK_DATA_DIR ?? defaultDataDir());
  const database = path.join(dataDir, 'desk.sqlite');
  if (!existsSync(from) || !statSync(from).isFile()) throw new BackupRefusal(`there is no backup file at ${from}.`);
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) throw new BackupRefusal(`there is no data directory at ${dataDir}: create it first (owned by the user the desk runs as).`);
  if (existsSync(database)) {
    if (!values.force) throw new BackupRefusal(`${database} already exists: pass --force to replace it (it is renamed aside, not deleted).`);
    if (databaseInUse(database)) throw new BackupRefusal(`${database} is open in another process (is the desk server running?): stop it first, e.g. systemctl stop agent-desk.`);
  }
  return { from, dataDir, database, force: Boolean(values.force) };
}

export async function runRestoreCommand(argv: string[], out: (line: string) => void = console.log, err: (line: string) => void = console.error): Promise<number> {
  let opts: RestoreOptions | 'help';
  try {
    opts = parseRestoreArgs(argv);
  } catch (e) {
    err(`Restore refused: ${(e as Error).message}`);
    return 2;
  }
  if (opts === 'help') {
    out(RESTORE_USAGE);
    return 0;
  }
  try {
    const r = restoreDatabase(opts.from, opts.database);
    out(
      [
        `Restored ${opts.from}`,
        `  into           ${opts.database}`,
        `  check          integrity ok, foreign keys ok`,
        `  holds          ${r.tickets} tickets, ${r.messages} messages, ${r.attachments} attachment records; schema ${r.schemaVersion}`,
        `  epoch          ${r.epoch} (new; was ${r.previousEpoch ?? '(none)'}): desktops rebuild their caches, outboxes kept`,
        ...(r.replacedBy ? [`  replaced       the database that was there is now ${r.replacedBy}`] : []),
        `  attachments    put the backed-up attachments folder back at ${path.join(opts.dataDir, 'attachments')} before starting the desk`,
      ].join('\n'),
    );
    return 0;
  } catch (e) {
    err(`Restore failed: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
