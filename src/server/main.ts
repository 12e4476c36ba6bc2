/**
 * Starts a desk server from a config: seeds the demo world into a new database, starts the
 * customer simulator in demo mode, and shuts down gracefully on SIGINT / SIGTERM.
 */
import { createDeskServer, type DeskServer } from './app';
import type { ServerConfig } from './config';
import { DEMO_PASSWORD, addMissingCannedReplies, seedDemoWorld, upgradeDemoMacros } from './demo/seed';
import { createCustomerSimulator, type Simulator } from './demo/simulator';
import { createLogger } from './logger';

export interface RunningDesk {
  server: DeskServer;
  simulator: Simulator | null;
  seeded: boolean;
  demoAgents: { email: string; password: string; role: string; name: string }[];
  stop(): Promise<void>;
}

export async function startDesk(config: ServerConfig): Promise<RunningDesk> {
  const log = createLogger(config.logLevel);
  let seeded = false;
  const server = await createDeskServer({
    dataDir: config.dataDir,
    port: config.port,
    host: config.host,
    logger: log,
    allowedOrigins: config.allowedOrigins,
    identity: config.identity,
    publicHosts: config.publicHosts,
    trustProxy: config.trustProxy,
    limits: config.socketLimits,
    mail: config.mail,
    oneMoreThingMs: config.oneMoreThingMs,
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl, poolSize: config.poolSize } : {}),
    prepare: async (db, fresh) => {
      if (fresh && config.demo) {
        const t0 = Date.now();
        const summary = await seedDemoWorld(db);
        seeded = true;
        log.info({ ms: Date.now() - t0, customers: summary.customers, tickets: summary.tickets, messages: summary.messages }, 'demo world seeded');
      } else if (config.demo) {
        const added = addMissingCannedReplies(db);
        if (added > 0) log.info({ added }, 'demo canned replies added');
        const macros = upgradeDemoMacros(db);
        if (macros.added + macros.removed > 0) log.info(macros, 'demo macros upgraded to steps');
      }
    },
  });
  const { demo, demoAgents } = await server.services.deps.storage.read(async (tx) => {
    const demo = (await tx.meta.get('demo')) === '1';
    const agents = demo ? await tx.agents.all() : [];
    return { demo, demoAgents: agents.map((a) => ({ email: a.email, password: DEMO_PASSWORD, role: a.role, name: a.name })) };
  });
  let simulator: Simulator | null = null;
  if (demo && config.simulator) {
    simulator = createCustomerSimulator({ baseUrl: server.url, chatsPerMinute: config.simulatorChatsPerMinute, logger: log.child({ module: 'simulator' }) });
    simulator.start();
  }
  let stopping: Promise<void> | null = null;
  return {
    server,
    simulator,
    seeded,
    demoAgents,
    stop: () =>
      (stopping ??= (async () => {
        await simulator?.stop();
        await server.close();
      })()),
  };
}

/** Stops on SIGINT / SIGTERM; a second signal exits at once. */
export function stopOnSignals(stop: () => Promise<void>): void {
  let signalled = false;
  const onSignal = (sig: NodeJS.Signals) => {
    if (signalled) process.exit(1);
    signalled = true;
    console.log(`\n${sig}: shutting down (finishing in-flight writes)…`);
    stop().then(
      () => process.exit(0),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
