/**
 * The deterministic demo world: regions, agents, customers with their accounts, payment
 * methods, orders, installments, transactions and returns, canned replies, macros, incidents
 * and a support history with real-looking threads. Same seed and same `now` ⇒ the same rows
 * (apart from the password hash's salt).
 *
 * Writes into a fresh, migrated database in one transaction. Never writes the change feed,
 * sync clients, push acks, sessions or the audit log: desktops get seeded data via a snapshot.
 *
 * Regions: eu-north, eu-central, uk and na chat all day every day, public holidays included; au
 * keeps real hours (weekdays 08:00-18:00, Friday 20:00-02:00, Saturday 10:00-16:00 Sydney time,
 * closed on NSW public holidays, shorter on Christmas and New Year's Eve), so the closed-region
 * email path exists. Each region has its holiday country (docs/calendars.md). `hours_json` is
 * `{"mon":[["08:00","18:00"]],...,"sun":[]}` in the region's zone; "00:00"-"24:00" is all day.
 * Sign-ins: agent@ / senior@ / supervisor@demo.agentdesk.test, password DEMO_PASSWORD.
 */
import type { Database } from 'better-sqlite3';
import { hashPassword } from '../auth/password';
import { newId } from '../util/ids';
import { createMacrosTable } from '../storage/tables/macros';
import { CANNED_REPLIES, MACROS, type MacroSpec } from './canned-content';
import { generateCommerce } from './commerce';
import { generateHistory, type DemoAgent } from './history';
import { Rng, seededUuidV7 } from './rng';
import type { DemoIncident } from './threads';
import { AGENTS, exceptionsAround, INCIDENTS, REGIONS } from './world-catalog';
import { TABLE_COLUMNS, type AgentDbRow, type DemoWorldRows } from './world-rows';
import { DAY_MS, HOUR_MS, iso } from './zoned-time';

export interface SeedOptions {
  /** PRNG seed; default 2026. */
  seed?: number;
  /** Default 3000. */
  customers?: number;
  /** Resolved/closed tickets over the last ~60 days; default 2500. */
  historicTickets?: number;
  /** Chats waiting in the queue at `now` (regions open at `now` only); default 0. */
  liveQueued?: number;
  /** The world's present; default the current time. */
  now?: Date;
}

export interface SeedSummary {
  customers: number;
  agents: number;
  orders: number;
  installments: number;
  transactions: number;
  returns: number;
  tickets: number;
  messages: number;
  demoAgents: { email: string; password: string; role: string; name: string }[];
}

/** Every demo agent signs in with this password. */
export const DEMO_PASSWORD = 'demo-desk-2026';

export const DEFAULT_SEED = 2026;

const PASSWORD_PLACEHOLDER = '(set when written)';

/**
 * Builds the whole world as rows without touching a database. Pure apart from reading the
 * clock when `now` is not given. The agents' `password_hash` is a placeholder.
 */
export function generateDemoWorld(options: SeedOptions = {}): DemoWorldRows {
  const seed = options.seed ?? DEFAULT_SEED;
  const nowMs = (options.now ?? new Date()).getTime();
  const root = new Rng(seed);
  const ids = root.fork();
  const commerceRng = root.fork();
  const historyRng = root.fork();
  // How customers write and agents answer (case-voice.ts): its own stream, so the cases themselves stay as they were.
  const voiceRng = root.fork();
  const staticIdsAt = nowMs - 400 * DAY_MS;

  const regions = REGIONS.map((r) => ({
    id: r.id,
    name: r.name,
    time_zone: r.timeZone,
    locale: r.locale,
    currency: r.currency,
    hours_json: JSON.stringify(r.hours),
    chat_enabled: 1,
    phone: r.phone,
    first_response_target_sec: r.firstResponseTargetSec,
    holiday_country: r.holidayCountry,
    holiday_hours_json: JSON.stringify(r.holidayHours),
    exceptions_json: JSON.stringify(exceptionsAround(r, nowMs)),
    complaint_business_days: r.complaintBusinessDays,
  }));

  const agents: DemoAgent[] = AGENTS.map((spec, i) => {
    const createdMs = nowMs - (420 - i * 9) * DAY_MS;
    const row: AgentDbRow = {
      id: seededUuidV7(ids, createdMs),
      email: spec.email,
      name: spec.name,
      role: spec.role,
      tier: spec.tier,
      regions_json: JSON.stringify(spec.regions),
      capacity: spec.capacity,
      presence: 'offline',
      presence_reason: null,
      password_hash: PASSWORD_PLACEHOLDER,
      last_assigned_at: null,
      created_at: iso(createdMs),
    };
    return { row, spec, firstName: spec.name.split(' ')[0] ?? spec.name };
  });

  const incidents: DemoIncident[] = INCIDENTS.map((spec) => {
    const startedMs = nowMs - spec.startedHoursAgo * HOUR_MS;
    return { spec, id: seededUuidV7(ids, startedMs), startedMs, resolvedMs: spec.resolvedHoursAgo === null ? null : nowMs - spec.resolvedHoursAgo * HOUR_MS };
  });

  const { customers, rows } = generateCommerce(commerceRng, ids, nowMs, options.customers ?? 3000);
  const history = generateHistory({
    rng: historyRng,
    ids,
    nowMs,
    customers,
    agents,
    incidents,
    historicTickets: options.historicTickets ?? 2500,
    liveQueued: options.liveQueued ?? 0,
    voice: voiceRng,
  });

  return {
    regions,
    agents: agents.map((a) => a.row),
    ...rows,
    tickets: history.tickets,
    messages: history.messages,
    canned_replies: CANNED_REPLIES.map((r) => ({ id: seededUuidV7(ids, staticIdsAt), category: r.category, language: r.language, title: r.title, shortcut: r.shortcut, body: r.body })),
    macros: MACROS.map((m) => ({ id: seededUuidV7(ids, staticIdsAt), ...macroColumns(m) })),
    incidents: incidents.map((i) => ({
      id: i.id,
      title: i.spec.title,
      error_code: i.spec.errorCode,
      status: i.spec.status,
      started_at: iso(i.startedMs),
      resolved_at: i.resolvedMs === null ? null : iso(i.resolvedMs),
    })),
  };
}

/** Writes every row in one transaction, one prepared statement per table. */
function writeWorld(db: Database, world: DemoWorldRows, passwordHash: string, seed: number): void {
  const tables = Object.keys(TABLE_COLUMNS) as (keyof DemoWorldRows)[];
  const statements = new Map(
    tables.map((table) => {
      const cols = TABLE_COLUMNS[table] as readonly string[];
      return [table, db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`)] as const;
    }),
  );
  const meta = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
  db.transaction(() => {
    for (const table of tables) {
      const stmt = statements.get(table);
      if (!stmt) continue;
      for (const row of world[table]) {
        stmt.run(table === 'agents' ? { ...row, password_hash: passwordHash } : row);
      }
    }
    meta.run('demo', '1');
    meta.run('seed', String(seed));
  })();
}

/**
 * Fills a fresh, migrated database with the demo world. The demo password is hashed once and
 * shared by every agent. Returns counts and the demo sign-ins (agent, senior, supervisor first).
 */
export async function seedDemoWorld(db: Database, options: SeedOptions = {}): Promise<SeedSummary> {
  const seed = options.seed ?? DEFAULT_SEED;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const world = generateDemoWorld({ ...options, seed });
  writeWorld(db, world, passwordHash, seed);
  return {
    customers: world.customers.length,
    agents: world.agents.length,
    orders: world.orders.length,
    installments: world.installments.length,
    transactions: world.transactions.length,
    returns: world.returns.length,
    tickets: world.tickets.length,
    messages: world.messages.length,
    demoAgents: AGENTS.map((a) => ({ email: a.email, password: DEMO_PASSWORD, role: a.role, name: a.name })),
  };
}

/** A demo macro's columns (all but its id). */
function macroColumns(m: MacroSpec) {
  return {
    category: m.category,
    title: m.title,
    reply_body: m.replyBody,
    set_status: m.setStatus,
    set_priority: m.setPriority,
    steps_json: JSON.stringify(m.steps),
    inputs_json: JSON.stringify(m.inputs),
    position: m.position,
  };
}

/**
 * A demo database seeded before macros had steps gets today's demo macros: the old ones (no
 * steps) go, the new ones come, each on the change feed so desktops that already synced see
 * the change. Does nothing outside the demo world or when the macros are current; returns how
 * many it added and removed.
 */
export function upgradeDemoMacros(db: Database, now: Date = new Date()): { added: number; removed: number } {
  const demo = db.prepare(`SELECT value FROM meta WHERE key = 'demo'`).pluck().get();
  if (demo !== '1') return { added: 0, removed: 0 };
  const rows = db.prepare('SELECT id, title, steps_json FROM macros').all() as { id: string; title: string; steps_json: string | null }[];
  const legacy = rows.filter((r) => r.steps_json === null);
  const kept = new Set(rows.filter((r) => r.steps_json !== null).map((r) => r.title));
  const missing = MACROS.filter((m) => !kept.has(m.title));
  if (legacy.length === 0 && missing.length === 0) return { added: 0, removed: 0 };
  const macros = createMacrosTable(db);
  const feed = db.prepare(`INSERT INTO change_feed (entity, entity_id, op, at) VALUES ('macro', ?, ?, ?)`);
  const at = now.toISOString();
  db.transaction(() => {
    for (const r of legacy) {
      macros.remove(r.id);
      feed.run(r.id, 'delete', at);
    }
    for (const m of missing) {
      const id = newId();
      macros.insert({ id, ...macroColumns(m) });
      feed.run(id, 'upsert', at);
    }
  })();
  return { added: missing.length, removed: legacy.length };
}

/**
 * A demo database seeded by an older server gains the canned replies added since (the Swedish
 * and German ones), each announced on the change feed so desktops that already synced pull
 * them. Does nothing outside the demo world; returns how many replies it added.
 */
export function addMissingCannedReplies(db: Database, now: Date = new Date()): number {
  const demo = db.prepare(`SELECT value FROM meta WHERE key = 'demo'`).pluck().get();
  if (demo !== '1') return 0;
  const have = new Set(
    (db.prepare('SELECT language, shortcut FROM canned_replies').all() as { language: string; shortcut: string }[]).map((r) => `${r.language}:${r.shortcut}`),
  );
  const missing = CANNED_REPLIES.filter((r) => !have.has(`${r.language}:${r.shortcut}`));
  if (missing.length === 0) return 0;
  const insert = db.prepare('INSERT INTO canned_replies (id, category, language, title, shortcut, body) VALUES (?, ?, ?, ?, ?, ?)');
  const feed = db.prepare(`INSERT INTO change_feed (entity, entity_id, op, at) VALUES ('cannedReply', ?, 'upsert', ?)`);
  db.transaction(() => {
    for (const r of missing) {
      const id = newId();
      insert.run(id, r.category, r.language, r.title, r.shortcut, r.body);
      feed.run(id, now.toISOString());
    }
  })();
  return missing.length;
}
