/**
 * The desk server: one port for the HTTP API, the WebSocket gateways and the customer chat page,
 * over one SQLite file in the data directory.
 */
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import { mkdirSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import { UPLOAD_MIME_TYPES, MAX_UPLOAD_BYTES } from '../shared/protocol/customer';
import type { ErrorBody, ErrorCode } from '../shared/protocol/errors';
import { CLOSE_CODES } from '../shared/protocol/errors';
import type { Deps } from './deps';
import type { MailOptions } from './email/mail';
import { DeskError } from './errors';
import { registerAgentRoutes } from './http/agent-routes';
import { registerCustomerRoutes } from './http/customer-routes';
import { registerSupervisorRoutes } from './http/supervisor-routes';
import { clientAddress, compileTrust } from './http/trusted-proxies';
import { createHostCheck } from './http/host-names';
import { createAgentGateway } from './live/agent-gateway';
import { addressKey, createConnections } from './live/connections';
import { createCustomerGateway } from './live/customer-gateway';
import { MAX_FRAME_BYTES } from './live/frames';
import { createHub } from './live/hub';
import { createDemoSigner } from './identity/demo-signer';
import { createIdentityVerifier, type IdentityOptions } from './identity/verifier';
import { createLogger } from './logger';
import type { TriageOptions } from './assist/triage';
import { createServices, type Limits, type Services } from './services';
import { DEFAULT_ONE_MORE_THING_MS } from './tickets/lifecycle';
import type { Db } from './storage/db';
import { openStorage, type Engine } from './storage/open-storage';
import { onListenerError, type Store } from './storage/store';
import { hubBusOver } from './live/hub-bus';
import { deliverRemoteCommits } from './live/remote-delivery';
import { feedPosition } from './sync/position';
import { systemClock, type Clock } from './util/clock';

export interface DeskServerOptions {
  dataDir: string;
  port?: number;
  host?: string;
  /** Demo mode: the chat page offers seeded identities. */
  demo?: boolean;
  clock?: Clock;
  logger?: Logger;
  logLevel?: string;
  /** Extra Origins allowed to open WebSockets (the desktop's app:// or browser-host origin). */
  allowedOrigins?: string[];
  /** Host names clients use to reach this server besides IP literals, localhost and `host` (DNS-rebinding check). */
  publicHosts?: string[];
  /** Reverse proxies whose X-Forwarded-For names the client (http/trusted-proxies.ts); none by default. */
  trustProxy?: string[];
  limits?: Partial<Limits>;
  /** How customers prove who they are (docs/api.md, "Customer identity"). */
  identity?: IdentityOptions;
  /** Socket pings and the sweep of ended sessions, every this many ms (default 15 s; tests shorten it). */
  heartbeatMs?: number;
  /**
   * Prepares the database before the server listens (e.g. seeds the demo world); `fresh`: the
   * desk is new. On PostgreSQL it runs only for a new desk, on a temporary SQLite database that
   * is then copied in (storage/open-storage.ts).
   */
  prepare?: (db: Db, fresh: boolean) => Promise<void> | void;
  /** postgres://… : the desk's data in PostgreSQL (several nodes may share it); absent: SQLite in dataDir. */
  databaseUrl?: string;
  /** PostgreSQL connections of this node (default 10). */
  poolSize?: number;
  /** The email channel: support address, mail in port, relay (email/mail.ts); default: no mail in, replies as .eml files. */
  mail?: MailOptions;
  /** How long a resolved case waits for "one more thing" before it is closed (default 10 minutes; tickets/lifecycle.ts). */
  oneMoreThingMs?: number;
  /** How often the closer looks for cases to close (default 30 s; 0: never by itself, tests call `services.closer`). */
  closerMs?: number;
  /** Triage on arrival (assist/triage.ts): how soon after a message, how often the classifier retrains. */
  triage?: TriageOptions;
}

export interface DeskServer {
  url: string;
  port: number;
  engine: Engine;
  /** The port mail in listens on (null: no mail in). */
  smtpPort: number | null;
  /** SQLite only (tests, backups): the desk's connection. Throws on PostgreSQL. */
  readonly db: Db;
  /** SQLite only (tests): the synchronous table modules. Throws on PostgreSQL. */
  readonly store: Store;
  services: Services;
  log: Logger;
  /** Stops accepting, closes sockets, finishes in-flight requests, closes the database. */
  close(): Promise<void>;
}

export const DEFAULT_LIMITS: Limits = {
  loginPerMinute: 20,
  requestsPerMinute: 1200,
  framesPerSecond: 50,
  // Concurrent sockets (docs/api.md, "Limits"). An office NAT puts a whole team behind one address.
  maxSocketsPerAddress: 200,
  maxPendingSocketsPerAddress: 50,
  // One desktop holds one socket per session; the rest is room for reconnects the server has not noticed yet.
  maxSocketsPerSession: 5,
  // A few tabs of the same chat.
  maxSocketsPerChat: 5,
};
const JSON_BODY_LIMIT = 64 * 1024;
const MISDIRECTED: ErrorBody = { error: { code: 'forbidden', message: 'This server does not answer to that host name; use the address your administrator gave you.' } };
const REFUSAL_BEFORE_UPGRADE = 'Too many connections from your network are still signing in; try again in a few seconds.';
const HEARTBEAT_MS = 15_000;
const CLOSER_MS = 30_000;
const CHAT_PAGE_DIR = fileURLToPath(new URL('./chat-page/public/', import.meta.url));
const CHAT_PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export async function createDeskServer(opts: DeskServerOptions): Promise<DeskServer> {
  mkdirSync(opts.dataDir, { recursive: true });
  const log = opts.logger ?? createLogger(opts.logLevel ?? 'info');
  const clock = opts.clock ?? systemClock;
  onListenerError((err) => log.error({ err }, 'after-commit listener failed'));
  const opened = await openStorage({
    dataDir: opts.dataDir,
    databaseUrl: opts.databaseUrl,
    poolSize: opts.poolSize,
    now: () => clock.now(),
    log,
    prepare: opts.prepare,
  });
  const { storage } = opened;
  const hub = createHub();
  // Several nodes: hints (typing, offers, presence) travel over the database's signals, and what
  // other nodes commit reaches this node's customers through the feed.
  // (One SQLite node has no other node: neither is needed there.)
  const several = opened.engine === 'postgres';
  const detachBus = several ? hub.attachBus(hubBusOver(opened.signals, log)) : () => undefined;
  const stopRemoteDelivery = several ? deliverRemoteCommits({ storage, hub, log }) : () => undefined;
  const demoMeta = await storage.read((tx) => tx.meta.get('demo'));
  // PostgreSQL: leave pooled connections for reads, sign-ins and agents' writes beside the lanes.
  const writeLanes = opened.engine === 'postgres' ? Math.max(1, Math.min(4, (opts.poolSize ?? 10) - 4)) : 1;
  const deps: Deps = { storage, hub, clock, log, dataDir: opts.dataDir, demo: opts.demo ?? demoMeta === '1', writeLanes };
  log.info({ engine: opened.engine, database: opened.describe }, 'storage open');
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const demoSigner = deps.demo ? createDemoSigner() : null;
  if (demoSigner) log.warn('demo identity signer on: the chat page may sign in as any demo customer (it exists only with the demo world)');
  const identity = createIdentityVerifier(opts.identity ?? {}, demoSigner, log, () => clock.now());
  if (!identity.verification && !deps.demo) log.warn('no identity verification configured: every customer chats as an unverified visitor (see --identity-secret)');
  const services = createServices(deps, limits, identity, opts.mail, { oneMoreThingMs: opts.oneMoreThingMs ?? DEFAULT_ONE_MORE_THING_MS }, opts.triage);

  const trust = compileTrust(opts.trustProxy);
  const app = Fastify({
    loggerInstance: log as unknown as FastifyBaseLogger,
    bodyLimit: JSON_BODY_LIMIT,
    trustProxy: trust,
    return503OnClosing: true,
  });
  installErrorHandling(app, log);
  let closing: Promise<void> | null = null;
  // A response that finishes while the server closes ends its connection: a keep-alive socket
  // left idle by a request that was in flight at close would hold `app.close()` for the whole
  // keep-alive timeout (72 s), since idle connections are closed only once, when closing starts.
  app.addHook('onSend', async (_req, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  // DNS rebinding: only names this server answers to (http/host-names.ts); first, before any other work.
  const hostAllowed = createHostCheck({ listenHost: opts.host, publicHosts: opts.publicHosts });
  app.addHook('onRequest', async (req, reply) => {
    if (!hostAllowed(req.headers.host)) return reply.code(421).send(MISDIRECTED);
  });
  app.addContentTypeParser([...UPLOAD_MIME_TYPES, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_req, body, done) =>
    done(null, body),
  );
  app.addHook('onSend', async (_req, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
  });
  await app.register(fastifyRateLimit, {
    max: limits.requestsPerMinute,
    timeWindow: 60_000,
    // Per session when a bearer token is present, else per address.
    keyGenerator: (req) => (req.headers.authorization ? `t:${req.headers.authorization.slice(-24)}` : `ip:${req.ip}`),
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      error: { code: 'rate_limited', message: `Too many requests; try again in ${Math.ceil(ctx.ttl / 1000)} s.` },
    }),
  });

  app.get('/health', async () => {
    const [position, lag] = await Promise.all([storage.read(feedPosition), opened.feedLag()]);
    // PostgreSQL: `feed` says how far the change feed is behind (docs/deploy.md "Many nodes").
    return { status: 'ok', engine: opened.engine, ...position, ...(lag ? { feed: lag } : {}), uptimeSec: Math.round(process.uptime()) };
  });
  registerAgentRoutes(app, services);
  registerCustomerRoutes(app, services);
  registerSupervisorRoutes(app, services);
  await app.register(fastifyStatic, {
    root: CHAT_PAGE_DIR,
    prefix: '/chat/',
    index: ['index.html'],
    setHeaders: (res) => void res.header('Content-Security-Policy', CHAT_PAGE_CSP),
  });
  app.get('/chat', (_req, reply) => reply.redirect('/chat/'));
  app.get('/', (_req, reply) => reply.redirect('/chat/'));

  // WebSocket gateways on the same port.
  // Frames are small JSON: no per-message compression (ws's default on a server; said here so it stays off).
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
  const connections = createConnections(
    {
      perAddress: limits.maxSocketsPerAddress,
      pendingPerAddress: limits.maxPendingSocketsPerAddress,
      perSession: limits.maxSocketsPerSession,
      perChatToken: limits.maxSocketsPerChat,
    },
    log,
  );
  const agentGateway = createAgentGateway(services, connections);
  const customerGateway = createCustomerGateway(services, connections);
  const alive = new WeakMap<WebSocket, boolean>();
  const allowedOrigins = new Set(opts.allowedOrigins ?? []);
  app.server.on('upgrade', (req: IncomingMessage, socket, head) => {
    const refuse = (status: string, body?: ErrorBody, extra = '') => {
      const json = body ? JSON.stringify(body) : '';
      socket.on('error', () => socket.destroy());
      socket.end(
        `HTTP/1.1 ${status}\r\nConnection: close\r\n${extra}${json ? 'Content-Type: application/json; charset=utf-8\r\n' : ''}Content-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`,
        () => socket.destroy(),
      );
    };
    if (!hostAllowed(req.headers.host)) return refuse('421 Misdirected Request', MISDIRECTED);
    const pathname = (req.url ?? '').split('?')[0];
    const gateway = pathname === '/ws/agent' ? agentGateway : pathname === '/ws/chat' ? customerGateway : null;
    if (!gateway) return refuse('404 Not Found');
    if (!originAllowed(req, allowedOrigins)) return refuse('403 Forbidden');
    const address = addressKey(clientAddress(req, trust));
    // Too many sockets of this address have not signed in: refused before the handshake costs anything.
    if (!connections.mayUpgrade(address))
      return refuse('429 Too Many Requests', { error: { code: 'rate_limited', message: REFUSAL_BEFORE_UPGRADE } }, 'Retry-After: 10\r\n');
    wss.handleUpgrade(req, socket, head, (ws) => {
      alive.set(ws, true);
      ws.on('pong', () => alive.set(ws, true));
      ws.on('error', (err) => log.debug({ err: err.message }, 'websocket error'));
      const refusal = connections.opened(ws, address);
      if (refusal) return connections.refuse(ws, refusal);
      gateway.handle(ws);
    });
  });
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.get(ws)) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
    agentGateway.sweepSessions().catch((err: unknown) => log.error({ err }, 'session sweep failed'));
  }, opts.heartbeatMs ?? HEARTBEAT_MS);
  heartbeat.unref();
  // Resolved cases whose "one more thing" window passed are closed (each node may run it: closer.ts).
  const closerMs = opts.closerMs ?? CLOSER_MS;
  const closerTimer = closerMs > 0 ? setInterval(() => void services.closer.closeDue(), closerMs) : null;
  closerTimer?.unref();

  // Triage's models load (about a second of one thread) and the classifier learns from the resolved
  // cases before the first customer arrives, not while the first messages wait behind them. A
  // failure leaves the keyword rules answering.
  await services.triage.retrain().catch((err: unknown) => log.error({ err }, 'triage: training failed'));
  await app.listen({ port: opts.port ?? 0, host: opts.host ?? '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (opts.port ?? 0);
  const host = opts.host && opts.host !== '0.0.0.0' && opts.host !== '::' ? opts.host : '127.0.0.1';
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  try {
    await services.mail.start(services.chats, services.attachments, opts.host ?? '127.0.0.1');
  } catch (err) {
    clearInterval(heartbeat);
    await services.mail.close();
    await services.ocr.close();
    await app.close();
    await opened.close();
    throw err;
  }

  const sqliteOnly = (what: string) => {
    if (!opened.sqlite) throw new Error(`server.${what} exists only on SQLite (this desk runs on PostgreSQL)`);
    return opened.sqlite;
  };
  return {
    url,
    port,
    engine: opened.engine,
    smtpPort: services.mail.smtpPort,
    get db() {
      return sqliteOnly('db').db;
    },
    get store() {
      return sqliteOnly('store').store;
    },
    services,
    log,
    close() {
      closing ??= (async () => {
        clearInterval(heartbeat);
        if (closerTimer) clearInterval(closerTimer);
        await customerGateway.flush();
        deps.hub.closeAll(CLOSE_CODES.goingAway, 'server shutting down');
        for (const ws of wss.clients) ws.terminate();
        await app.close(); // waits for in-flight requests; their writes are synchronous transactions
        wss.close();
        await agentGateway.idle(); // feed batches still being read for sockets now closed
        await services.supervisor.board.stop();
        await services.triage.stop();
        await services.mail.close(); // mail in stops taking mail; a mail being sent finishes
        await services.ocr.close(); // the screenshot being read finishes; the OCR worker thread ends
        stopRemoteDelivery();
        detachBus();
        await opened.close();
      })();
      return closing;
    },
  };
}

function originAllowed(req: IncomingMessage, allowed: Set<string>): boolean {
  const origin = req.headers.origin;
  if (!origin) return true; // non-browser clients (desktop main process, tests) send none
  if (allowed.has(origin)) return true;
  const host = req.headers.host;
  return origin === `http://${host}` || origin === `https://${host}`;
}

function installErrorHandling(app: FastifyInstance, log: Logger): void {
  const body = (code: ErrorCode, message: string, details?: unknown): ErrorBody => ({ error: { code, message, ...(details ? { details } : {}) } });
  app.setErrorHandler((err: FastifyError | DeskError | Error, req, reply) => {
    if (err instanceof DeskError) {
      const details = err.code === 'bad_request' || err.code === 'must_resync' || err.code === 'region_closed' ? err.details : undefined;
      return reply.code(err.status).send(body(err.code, err.message, details));
    }
    const status = (err as FastifyError).statusCode ?? 500;
    const code = (err as FastifyError).code;
    if (status === 413 || code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return reply.code(413).send(body('payload_too_large', 'The request body is too large.'));
    if (status === 415 || code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      return reply.code(415).send(body('unsupported_media_type', 'That content type is not accepted here.'));
    if (status === 429) return reply.code(429).send(body('rate_limited', 'Too many requests; slow down and try again shortly.'));
    if (status >= 400 && status < 500)
      return reply.code(400).send(body('bad_request', code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError ? 'The body is not valid JSON.' : err.message));
    req.log.error({ err }, 'request failed');
    return reply.code(500).send(body('internal', 'Something went wrong on the server; try again.'));
  });
  app.setNotFoundHandler((_req, reply) => reply.code(404).send(body('not_found', 'No such endpoint.')));
  void log;
}
