/**
 * `npm start`: the desk server on the embedded default (SQLite in the data directory, a demo
 * world created on first run, the customer simulator on), then prints where everything is.
 */
import { parseConfig } from '../src/server/config';
import { startDesk, stopOnSignals } from '../src/server/main';
import { printBanner } from '../src/server/banner';

try {
  const config = parseConfig(process.argv.slice(2));
  if (!process.argv.includes('--log-level') && !process.env.AGENT_DESK_LOG_LEVEL) config.logLevel = 'warn';
  const desk = await startDesk(config);
  stopOnSignals(desk.stop);
  printBanner(desk, config);
} catch (err) {
  console.error(`Agent Desk could not start: ${err instanceof Error ? err.message : String(err)}`);
  if (err instanceof Error && /EADDRINUSE/.test(err.message)) console.error('Another program uses that port; pass --port N or set AGENT_DESK_PORT.');
  process.exit(1);
}
