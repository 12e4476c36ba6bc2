/**
 * The sessions repository on PostgreSQL: the same methods and rows as the SQLite table module
 * (../../tables/sessions.ts), each a promise, bound to the client of one transaction (or the pool
 * for reads). Text ordering uses COLLATE "C" (byte order, as SQLite's BINARY), whatever the
 * database's default collation.
 */
import { sql, type Kysely } from 'kysely';
import type { SessionRow, SessionsTable } from '../../tables/sessions';
import type { AsyncTable } from '../../async-store';
import type { Database } from '../schema';

export function createPgSessionsTable(db: Kysely<Database>): AsyncTable<SessionsTable> {
  return {
    insert: async (r: Omit<SessionRow, 'revoked_at'>): Promise<void> => {
      await db.insertInto('sessions').values(r).execute();
    },
    getByTokenHash: async (hash: string): Promise<SessionRow | null> =>
      (await db.selectFrom('sessions').selectAll().where('token_hash', '=', hash).executeTakeFirst()) ?? null,
    get: async (id: string): Promise<SessionRow | null> => (await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst()) ?? null,
    revoke: async (id: string, at: string): Promise<boolean> => {
      const r = await db.updateTable('sessions').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },
    activeForAgent: (agentId: string, now: string): Promise<SessionRow[]> =>
      db
        .selectFrom('sessions')
        .selectAll()
        .where('agent_id', '=', agentId)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now)
        .orderBy(sql`created_at COLLATE "C"`, 'desc')
        .execute(),
  };
}
