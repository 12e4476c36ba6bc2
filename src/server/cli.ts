/** `npm run server`: the desk server alone. */
import { parseConfig } from './config';
import { startDesk, stopOnSignals } from './main';
import { printBanner } from './banner';

try {
  const config = parseConfig(process.argv.slice(2));
  const desk = await startDesk(config);
  stopOnSignals(desk.stop);
  printBanner(desk, config);
} catch (err) {
  console.error(`Agent Desk server could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
