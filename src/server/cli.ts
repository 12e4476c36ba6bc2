/**
 * `npm run server`: the desk server alone; `… -- backup` / `… -- restore`: its database's backups;
 * `… -- migrate-to-postgres`: a copy of its database into PostgreSQL.
 */
import { runBackupCommand } from './backup-command';
import { runRestoreCommand } from './restore-command';
import { runMigrateToPostgresCommand } from './migrate-to-postgres-command';
import { parseConfig } from './config';
import { startDesk, stopOnSignals } from './main';
import { printBanner } from './banner';

if (process.argv[2] === 'backup') process.exit(await runBackupCommand(process.argv.slice(3)));
if (process.argv[2] === 'restore') process.exit(await runRestoreCommand(process.argv.slice(3)));
if (process.argv[2] === 'migrate-to-postgres') process.exit(await runMigrateToPostgresCommand(process.argv.slice(3)));

try {
  const config = parseConfig(process.argv.slice(2));
  const desk = await startDesk(config);
  stopOnSignals(desk.stop);
  printBanner(desk, config);
} catch (err) {
  console.error(`Agent Desk server could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
