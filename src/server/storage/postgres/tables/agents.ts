/**
 * The agents repository on PostgreSQL: the same methods and rows as the SQLite table module
 * (../../tables/agents.ts), converted by the same `toAgent`. E-mail is matched as SQLite's
 * `COLLATE NOCASE` column matches it, through `lower(email)` (the unique index is on it); names
 * are ordered by byte (COLLATE "C", as SQLite's BINARY).
 */
import { sql, type Kysely } from 'kysely';
import type { Presence } from '../../../../shared/domain';
import { toAgent, type Agent, type AgentDbRow, type AgentsTable } from '../../tables/agents';
import type { AsyncTable } from '../../async-store';
import type { Database } from '../schema';

export function createPgAgentsTable(db: Kysely<Database>): AsyncTable<AgentsTable> {
  const byEmail = (email: string) => sql<boolean>`lower(email) = lower(${email})`;
  return {
    get: async (id: string): Promise<Agent | null> => {
      const r = await db.selectFrom('agents').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toAgent(r) : null;
    },
    getForUpdate: async (id: string): Promise<Agent | null> => {
      const r = await db.selectFrom('agents').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      return r ? toAgent(r) : null;
    },
    getByEmail: async (email: string): Promise<Agent | null> => {
      const r = await db.selectFrom('agents').selectAll().where(byEmail(email)).executeTakeFirst();
      return r ? toAgent(r) : null;
    },
    credentials: async (email: string): Promise<{ id: string; password_hash: string } | null> =>
      (await db.selectFrom('agents').select(['id', 'password_hash']).where(byEmail(email)).executeTakeFirst()) ?? null,
    all: async (): Promise<Agent[]> => (await db.selectFrom('agents').selectAll().orderBy(sql`name COLLATE "C"`).execute()).map(toAgent),
    insert: async (r: Omit<AgentDbRow, 'version' | 'last_assigned_at'>): Promise<void> => {
      await db.insertInto('agents').values(r).execute();
    },
    setPresence: async (id: string, presence: Presence, reason: string | null, capacity: number): Promise<void> => {
      await db
        .updateTable('agents')
        .set((eb) => ({ presence, presence_reason: reason, capacity, version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .execute();
    },
    touchAssigned: async (id: string, at: string): Promise<void> => {
      await db.updateTable('agents').set({ last_assigned_at: at }).where('id', '=', id).execute();
    },
  };
}
