/**
 * A desk server in its own process, so a test can kill -9 it. argv: <dataDir> <port> [databaseUrl].
 * Prints {"url"} when listening. With a PostgreSQL URL, several of these are nodes of one desk: the
 * first on a new database seeds the demo world.
 */
import { createDeskServer } from '../../src/server/app';
import { seedDemoWorld } from '../../src/server/demo/seed';
import { createLogger } from '../../src/server/logger';

const [dataDir, port, databaseUrl] = process.argv.slice(2) as [string, string, string | undefined];
const server = await createDeskServer({
  dataDir,
  ...(databaseUrl ? { databaseUrl } : {}),
  port: Number(port),
  logger: createLogger('silent'),
  limits: { requestsPerMinute: 1_000_000, loginPerMinute: 100_000, framesPerSecond: 10_000 },
  prepare: async (db, fresh) => {
    if (fresh) await seedDemoWorld(db, { customers: 120, historicTickets: 60 });
  },
});
console.log(JSON.stringify({ url: server.url }));
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
