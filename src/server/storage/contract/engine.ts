/**
 * What a contract suite runs against: one engine's `AsyncStore`, fresh and empty (migrated), and
 * a raw look at the rows the interface has no reader for yet (the audit log). Each engine's test
 * file (engines.test.ts) supplies one; the suites hold the expectations, identical for both.
 */
import type { AsyncStore, AsyncTables, AuthTables } from '../async-store';
import type { AuditDbRow } from '../tables/audit-log';

export interface EngineHandle {
  storage: AsyncStore<AuthTables & Pick<AsyncTables, 'changeFeed'>>;
  /** The audit log, oldest first, read past the interface. */
  auditRows(): Promise<Pick<AuditDbRow, 'at' | 'actor_kind' | 'actor_id' | 'action' | 'outcome' | 'details_json' | 'ip'>[]>;
  close(): Promise<void>;
}

export interface Engine {
  name: string;
  /** A fresh, migrated database whose clock says `FIXED_NOW`. */
  open(): Promise<EngineHandle>;
}

export const FIXED_NOW = new Date('2026-03-02T10:00:00.000Z');

export const agentRow = (id: string, over: Partial<{ email: string; name: string }> = {}) => ({
  id,
  email: over.email ?? `${id}@desk.example`,
  name: over.name ?? `Agent ${id}`,
  role: 'agent' as const,
  tier: 2 as const,
  regions_json: '["se","de"]',
  capacity: 6,
  presence: 'offline' as const,
  presence_reason: null,
  password_hash: `hash-${id}`,
  created_at: '2026-03-01T08:00:00.000Z',
});

export const sessionRow = (id: string, agentId: string, over: Partial<{ created_at: string; expires_at: string }> = {}) => ({
  id,
  agent_id: agentId,
  token_hash: `th-${id}`,
  created_at: over.created_at ?? '2026-03-02T09:00:00.000Z',
  expires_at: over.expires_at ?? '2026-03-02T21:00:00.000Z',
  user_agent: null,
  ip: null,
});

export const feedRow = (id: string) => ({ entity: 'ticket' as const, entity_id: id, op: 'upsert' as const, ticket_id: id });
export const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
