/** Finds demo-world people for a test without depending on seed details. */
import type Database from 'better-sqlite3';
import { api, type ApiResult } from './api';
import type { TestServer } from './server';

export interface DemoAgent {
  id: string;
  email: string;
  name: string;
}

type Desk = Database.Database | Pick<TestServer, 'sql'>;
const isServer = (desk: Desk): desk is Pick<TestServer, 'sql'> => 'sql' in desk;

// Standard SQL both engines run: regions_json is a JSON array of region ids ("eu-north" quoted),
// so a LIKE on the quoted id matches whole ids only.
const CUSTOMER_IN = 'SELECT id FROM customers WHERE region_id = ? ORDER BY id LIMIT 1 OFFSET ?';
const AGENTS_IN = `SELECT id, email, name FROM agents WHERE role = ? AND regions_json LIKE ? ORDER BY email`;
const quotedIn = (regionId: string) => `%${JSON.stringify(regionId)}%`;

function firstId(row: { id: string } | undefined, regionId: string): string {
  if (!row) throw new Error(`no customer in ${regionId}`);
  return row.id;
}

/** The `offset`-th seeded customer of a region (by id), on a server (async, either engine) or a SQLite connection. */
export function customerIn(desk: Pick<TestServer, 'sql'>, regionId: string, offset?: number): Promise<string>;
export function customerIn(desk: Database.Database, regionId: string, offset?: number): string;
export function customerIn(desk: Desk, regionId: string, offset = 0): string | Promise<string> {
  if (isServer(desk)) return desk.sql<{ id: string }>(CUSTOMER_IN, regionId, offset).then(([row]) => firstId(row, regionId));
  return firstId(desk.prepare(CUSTOMER_IN).get(regionId, offset) as { id: string } | undefined, regionId);
}

/** The agents of a role who work a region, by e-mail. */
export function agentsIn(desk: Pick<TestServer, 'sql'>, regionId: string, role?: string): Promise<DemoAgent[]>;
export function agentsIn(desk: Database.Database, regionId: string, role?: string): DemoAgent[];
export function agentsIn(desk: Desk, regionId: string, role = 'agent'): DemoAgent[] | Promise<DemoAgent[]> {
  if (isServer(desk)) return desk.sql<DemoAgent>(AGENTS_IN, role, quotedIn(regionId));
  return desk.prepare(AGENTS_IN).all(role, quotedIn(regionId)) as DemoAgent[];
}

export interface StartedChat {
  token: string;
  chat: { ticketId: string; reference: string; status: string; agentName: string | null; queue: { position: number; expectedWaitSec: number } | null };
}

/** A short-lived identity token for a seeded customer, from the demo world's signer. */
export async function demoIdentityToken(url: string, customerId: string): Promise<string> {
  const res = await api<{ identityToken: string }>(url, 'POST', '/api/chat/demo/identity', { body: { customerId } });
  if (res.status !== 200) throw new Error(`demo identity failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.identityToken;
}

/** Starts a chat as the seeded customer, signed in through the demo signer. */
export async function startChat(url: string, customerId: string, extra: Record<string, unknown> = {}): Promise<ApiResult<StartedChat>> {
  const identityToken = await demoIdentityToken(url, customerId);
  return api<StartedChat>(url, 'POST', '/api/chat/start', {
    body: { identityToken, category: 'payment_delay', description: 'My payment has not shown up yet.', ...extra },
  });
}

/** Starts a chat as an unverified visitor (no identity token). */
export async function startVisitorChat(url: string, body: Record<string, unknown> = {}): Promise<ApiResult<StartedChat>> {
  return api<StartedChat>(url, 'POST', '/api/chat/start', { body: { category: 'payment_delay', description: 'My payment has not shown up yet.', ...body } });
}

export async function setPresence(url: string, token: string, presence: 'available' | 'away' | 'offline', capacity?: number) {
  const res = await api(url, 'PUT', '/api/agents/me/presence', { token, body: capacity === undefined ? { presence } : { presence, capacity } });
  if (res.status !== 200) throw new Error(`presence failed: ${res.status} ${JSON.stringify(res.body)}`);
}

/**
 * Waits until triage has read a new chat (assist/triage.ts writes its reading a moment after the
 * first message, as a new ticket version): tests that count feed rows or ticket versions start
 * after it. On PostgreSQL a node hears its own commits a moment late, so this polls.
 */
export async function triaged(srv: Pick<TestServer, 'sqlOne' | 'server'>, ticketId: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    await srv.server.services.triage.flush();
    const row = await srv.sqlOne<{ n: number }>('SELECT count(*) AS n FROM tickets WHERE id = ? AND suggested_category IS NOT NULL', ticketId);
    if (Number(row?.n) === 1) return;
    if (Date.now() > until) throw new Error(`triage did not read ticket ${ticketId} in time`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
