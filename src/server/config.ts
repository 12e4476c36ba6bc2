/** Desk server configuration from the command line and the environment. */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { IdentityOptions } from './identity/verifier';
import { DEFAULT_MAIL_MAX_BYTES, DEFAULT_SMTP_PORT, DEFAULT_SUPPORT_ADDRESS, OUTBOX_FOLDER, type MailOptions } from './email/mail';
import { isRelayUrl, redactRelayUrl } from './email/transport';
import { DEFAULT_LIMITS } from './app';
import { hostName } from './http/host-names';
import type { Limits } from './services';
import { trustedProxyProblem } from './http/trusted-proxies';
import { isPostgresUrl, redactDatabaseUrl } from './storage/open-storage';

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  demo: boolean;
  simulator: boolean;
  simulatorChatsPerMinute: number;
  logLevel: string;
  allowedOrigins: string[];
  /** How customers prove who they are: the company's signing key for identity tokens. */
  identity: IdentityOptions;
  /** Host names clients reach this server by (DNS-rebinding check), besides IP literals and localhost. */
  publicHosts: string[];
  /** Caps on concurrent WebSockets given on the command line or in the environment; the rest keep their defaults. */
  socketLimits: Partial<Limits>;
  /**
   * Reverse proxies (nginx, a load balancer) whose X-Forwarded-For is believed: addresses or CIDR
   * ranges, or `loopback` / `linklocal` / `uniquelocal`. Empty: the socket's address is the client's.
   */
  trustProxy: string[];
  /** postgres://… : the desk's data in PostgreSQL (several nodes may share it); absent: SQLite in dataDir. */
  databaseUrl?: string;
  /** PostgreSQL connections per node. */
  poolSize: number;
  /** The email channel: support address, mail in port (absent: off), relay (absent: .eml files). */
  mail: MailOptions;
  /** How long a resolved case waits for "one more thing" before the server closes it (tickets/lifecycle.ts). */
  oneMoreThingMs: number;
}

/** The socket caps: option, environment variable, the `Limits` field. */
const SOCKET_CAPS = [
  ['max-sockets-per-address', 'AGENT_DESK_MAX_SOCKETS_PER_ADDRESS', 'maxSocketsPerAddress'],
  ['max-pending-sockets-per-address', 'AGENT_DESK_MAX_PENDING_SOCKETS_PER_ADDRESS', 'maxPendingSocketsPerAddress'],
  ['max-sockets-per-session', 'AGENT_DESK_MAX_SOCKETS_PER_SESSION', 'maxSocketsPerSession'],
  ['max-sockets-per-chat', 'AGENT_DESK_MAX_SOCKETS_PER_CHAT', 'maxSocketsPerChat'],
] as const;

export const DEFAULT_PORT = 4780;

/** The OS's app-data folder for Agent Desk. */
export function defaultDataDir(platform = process.platform, env = process.env): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Agent Desk', 'server');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Agent Desk', 'server');
  return path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'agent-desk', 'server');
}

export const USAGE = `Usage: npm run server -- [options]
       npm run server -- backup --to FILE [--data-dir DIR] [--force]   (online backup; backup --help)
       npm run server -- restore --from FILE [--data-dir DIR] [--force] (desk stopped; restore --help)
  --port N              port for HTTP and WebSocket (default ${DEFAULT_PORT}; env AGENT_DESK_PORT)
  --host H              address to listen on (default 127.0.0.1; env AGENT_DESK_HOST)
  --data-dir DIR        folder holding desk.sqlite and attachments (env AGENT_DESK_DATA_DIR)
  --database-url URL    keep the desk's data in PostgreSQL instead of desk.sqlite: postgres://USER:PASSWORD@HOST/DB
                        (prefer env AGENT_DESK_DATABASE_URL: arguments show in process lists). Several nodes
                        may share one database behind a load balancer (docs/deploy.md); attachments stay
                        in --data-dir, which the nodes must share. Migrated at start.
  --pool-size N         PostgreSQL connections per node (default 10; env AGENT_DESK_POOL_SIZE)
  --one-more-thing-minutes N  after a case is resolved, how long a customer message reopens it with the
                        same agent before the case closes and CSAT is asked (default 10, 1 to 1440;
                        env AGENT_DESK_ONE_MORE_THING_MINUTES)
  --no-demo             do not seed a demo world into a new database
  --no-simulator        do not run the customer simulator
  --sim-rate N          simulated chats per minute (default 4)
  --allow-origin O      also accept WebSocket upgrades from Origin O (repeatable)
  --public-host NAME    a host name clients use for this server (repeatable; env AGENT_DESK_PUBLIC_HOSTS,
                        comma-separated); other names than IP literals, localhost and --host get 421
  --trust-proxy ADDR    a reverse proxy in front of this server whose X-Forwarded-For names the client
                        (repeatable: an address, a CIDR range, or loopback / linklocal / uniquelocal;
                        env AGENT_DESK_TRUST_PROXY, comma-separated). Rate limits and socket caps then
                        count per client instead of per proxy. Without it X-Forwarded-For is ignored.
  --max-sockets-per-address N           open WebSockets per client address, signed in or not
                                        (default ${DEFAULT_LIMITS.maxSocketsPerAddress}; 0 = no cap)
  --max-pending-sockets-per-address N   of those, not signed in yet (default ${DEFAULT_LIMITS.maxPendingSocketsPerAddress})
  --max-sockets-per-session N           per agent session (default ${DEFAULT_LIMITS.maxSocketsPerSession})
  --max-sockets-per-chat N              per customer chat link (default ${DEFAULT_LIMITS.maxSocketsPerChat})
                        (each also as env AGENT_DESK_MAX_..., e.g. AGENT_DESK_MAX_SOCKETS_PER_ADDRESS)
  --log-level L         trace|debug|info|warn|error (default info)
Email (README "Email"; docs/deploy.md "Email"):
  --support-address A   the address customers write to and replies come from
                        (default ${DEFAULT_SUPPORT_ADDRESS}; env AGENT_DESK_SUPPORT_ADDRESS)
  --smtp-port N         mail in: listen for SMTP on port N of --host (default ${DEFAULT_SMTP_PORT} with the demo world,
                        off with --no-demo; 0 = off; env AGENT_DESK_SMTP_PORT)
  --smtp-relay URL      send replies through this relay: smtp://[USER:PASSWORD@]HOST:PORT, or smtps://
                        (prefer env AGENT_DESK_SMTP_RELAY when it holds a password). Without one, each
                        reply is written as an .eml file into <data dir>/${OUTBOX_FOLDER}/
  --mail-max-mb N       largest mail accepted, in MB (default ${DEFAULT_MAIL_MAX_BYTES / 1024 / 1024}; env AGENT_DESK_MAIL_MAX_MB)
Customer identity (docs/api.md, "Customer identity"; without one, customers chat as unverified visitors):
  --identity-secret S        HS256 secret the company's site signs identity tokens with, 32+ bytes
                             (prefer env AGENT_DESK_IDENTITY_SECRET: arguments show in process lists)
  --identity-public-key F    PEM public key file (RSA, EC or Ed25519) for RS/PS/ES/EdDSA tokens (env AGENT_DESK_IDENTITY_PUBLIC_KEY_FILE)
  --identity-jwks-url URL    the company's JWKS endpoint, https (env AGENT_DESK_IDENTITY_JWKS_URL)
  --identity-audience A      the aud tokens must carry (default agent-desk; env AGENT_DESK_IDENTITY_AUDIENCE)
  --identity-issuer I        the iss tokens must carry, if set (env AGENT_DESK_IDENTITY_ISSUER)`;

export function parseConfig(argv: string[], env = process.env): ServerConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      'pool-size': { type: 'string' },
      'one-more-thing-minutes': { type: 'string' },
      'no-demo': { type: 'boolean' },
      'no-simulator': { type: 'boolean' },
      'sim-rate': { type: 'string' },
      'allow-origin': { type: 'string', multiple: true },
      'public-host': { type: 'string', multiple: true },
      'trust-proxy': { type: 'string', multiple: true },
      ...Object.fromEntries(SOCKET_CAPS.map(([option]) => [option, { type: 'string' as const }])),
      'log-level': { type: 'string' },
      'support-address': { type: 'string' },
      'smtp-port': { type: 'string' },
      'smtp-relay': { type: 'string' },
      'mail-max-mb': { type: 'string' },
      'identity-secret': { type: 'string' },
      'identity-public-key': { type: 'string' },
      'identity-jwks-url': { type: 'string' },
      'identity-audience': { type: 'string' },
      'identity-issuer': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const port = Number(values.port ?? env.AGENT_DESK_PORT ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not "${values.port}"`);
  const rate = Number(values['sim-rate'] ?? env.AGENT_DESK_SIM_RATE ?? 4);
  if (!(rate >= 0 && rate <= 600)) throw new Error('--sim-rate must be between 0 and 600 chats per minute');
  const demo = !values['no-demo'];
  const publicHosts = values['public-host'] ?? (env.AGENT_DESK_PUBLIC_HOSTS ?? '').split(',').map((h) => h.trim()).filter(Boolean);
  for (const name of publicHosts) if (!hostName(name) || name.includes(':')) throw new Error(`--public-host must be a host name without a port, like desk.example.com, not "${name}"`);
  const trustProxy = (values['trust-proxy'] ?? (env.AGENT_DESK_TRUST_PROXY ?? '').split(',')).map((a) => a.trim()).filter(Boolean);
  for (const a of trustProxy) {
    const problem = trustedProxyProblem(a);
    if (problem) throw new Error(problem);
  }
  const databaseUrl = values['database-url'] ?? (env.AGENT_DESK_DATABASE_URL || undefined);
  if (databaseUrl !== undefined && !isPostgresUrl(databaseUrl))
    throw new Error(`--database-url must start with postgres:// or postgresql://, like postgres://desk:PASSWORD@db.internal:5432/agentdesk, not "${redactDatabaseUrl(databaseUrl)}"`);
  const poolSize = Number(values['pool-size'] ?? env.AGENT_DESK_POOL_SIZE ?? 10);
  if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 500) throw new Error('--pool-size must be a whole number from 1 to 500');
  const oneMoreThing = Number(values['one-more-thing-minutes'] ?? env.AGENT_DESK_ONE_MORE_THING_MINUTES ?? 10);
  if (!Number.isInteger(oneMoreThing) || oneMoreThing < 1 || oneMoreThing > 1440) throw new Error('--one-more-thing-minutes must be a whole number from 1 to 1440');
  const socketLimits: Partial<Limits> = {};
  for (const [option, envName, field] of SOCKET_CAPS) {
    const raw = (values as Record<string, unknown>)[option] ?? env[envName];
    if (raw === undefined) continue;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > 1_000_000) throw new Error(`--${option} must be a whole number from 0 (no cap) to 1000000, not "${String(raw)}"`);
    socketLimits[field] = n;
  }
  return {
    port,
    host: values.host ?? env.AGENT_DESK_HOST ?? '127.0.0.1',
    dataDir: path.resolve(values['data-dir'] ?? env.AGENT_DESK_DATA_DIR ?? defaultDataDir()),
    demo,
    simulator: demo && !values['no-simulator'] && rate > 0,
    simulatorChatsPerMinute: rate,
    logLevel: values['log-level'] ?? env.AGENT_DESK_LOG_LEVEL ?? 'info',
    allowedOrigins: values['allow-origin'] ?? [],
    identity: identityOptions(values, env),
    publicHosts,
    trustProxy,
    socketLimits,
    ...(databaseUrl ? { databaseUrl } : {}),
    poolSize,
    mail: mailOptions(values, env, demo),
    oneMoreThingMs: oneMoreThing * 60_000,
  };
}

function mailOptions(values: Record<string, unknown>, env: NodeJS.ProcessEnv, demo: boolean): MailOptions {
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  const supportAddress = str(values['support-address']) ?? str(env.AGENT_DESK_SUPPORT_ADDRESS) ?? DEFAULT_SUPPORT_ADDRESS;
  if (!/^[^\s@<>"]+@[^\s@<>"]+$/.test(supportAddress)) throw new Error(`--support-address must be an email address like support@example.com, not "${supportAddress}"`);
  const rawPort = str(values['smtp-port']) ?? str(env.AGENT_DESK_SMTP_PORT);
  const smtpPort = Number(rawPort ?? (demo ? DEFAULT_SMTP_PORT : 0));
  if (!Number.isInteger(smtpPort) || smtpPort < 0 || smtpPort > 65535) throw new Error(`--smtp-port must be a port number (0 = no mail in), not "${rawPort}"`);
  const relay = str(values['smtp-relay']) ?? str(env.AGENT_DESK_SMTP_RELAY);
  if (relay !== undefined && !isRelayUrl(relay)) throw new Error(`--smtp-relay must look like smtp://mail.example.com:587, not "${redactRelayUrl(relay)}"`);
  const rawMb = str(values['mail-max-mb']) ?? str(env.AGENT_DESK_MAIL_MAX_MB);
  const mb = Number(rawMb ?? DEFAULT_MAIL_MAX_BYTES / 1024 / 1024);
  if (!(mb >= 1 && mb <= 100)) throw new Error(`--mail-max-mb must be between 1 and 100, not "${rawMb}"`);
  return {
    supportAddress,
    ...(smtpPort > 0 ? { smtpPort } : {}),
    ...(relay ? { relay } : {}),
    maxBytes: Math.round(mb * 1024 * 1024),
  };
}

function identityOptions(values: Record<string, unknown>, env: NodeJS.ProcessEnv): IdentityOptions {
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  const keyFile = str(values['identity-public-key']) ?? str(env.AGENT_DESK_IDENTITY_PUBLIC_KEY_FILE);
  let publicKeyPem: string | undefined;
  if (keyFile) {
    try {
      publicKeyPem = readFileSync(keyFile, 'utf8');
    } catch (err) {
      throw new Error(`--identity-public-key: cannot read ${keyFile} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
  }
  return {
    secret: str(values['identity-secret']) ?? str(env.AGENT_DESK_IDENTITY_SECRET),
    publicKeyPem,
    jwksUrl: str(values['identity-jwks-url']) ?? str(env.AGENT_DESK_IDENTITY_JWKS_URL),
    audience: str(values['identity-audience']) ?? str(env.AGENT_DESK_IDENTITY_AUDIENCE),
    issuer: str(values['identity-issuer']) ?? str(env.AGENT_DESK_IDENTITY_ISSUER),
  };
}

