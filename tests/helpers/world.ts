/** Finds demo-world people for a test without depending on seed details. */
import type Database from 'better-sqlite3';
import { api, type ApiResult } from './api';

export function customerIn(db: Database.Database, regionId: string, offset = 0): string {
  const row = db.prepare('SELECT id FROM customers WHERE region_id = ? ORDER BY id LIMIT 1 OFFSET ?').get(regionId, offset) as { id: string } | undefined;
  if (!row) throw new Error(`no customer in ${regionId}`);
  return row.id;
}

export function agentsIn(db: Database.Database, regionId: string, role = 'agent'): { id: string; email: string; name: string }[] {
  return db
    .prepare(`SELECT id, email, name FROM agents WHERE role = ? AND EXISTS (SELECT 1 FROM json_each(regions_json) WHERE value = ?) ORDER BY email`)
    .all(role, regionId) as { id: string; email: string; name: string }[];
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
