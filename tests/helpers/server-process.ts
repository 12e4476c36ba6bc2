/** A desk server in its own process, so a test can kill -9 it. argv: <dataDir> <port>. Prints {"url"} when listening. */
import { createDeskServer } from '../../src/server/app';
import { seedDemoWorld } from '../../src/server/demo/seed';
import { createLogger } from '../../src/server/logger';

const [dataDir, port] = process.argv.slice(2) as [string, string];
const server = await createDeskServer({
  dataDir,
  port: Number(port),
  logger: createLogger('silent'),
  limits: { requestsPerMinute: 1_000_000, loginPerMinute: 100_000, framesPerSecond: 10_000 },
  prepare: async (db) => {
    if (!db.prepare(`SELECT value FROM meta WHERE key = 'demo'`).get()) await seedDemoWorld(db, { customers: 120, historicTickets: 60 });
  },
});
console.log(JSON.stringify({ url: server.url }));
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
