/**
 * The sync clients repository on PostgreSQL (../../tables/sync-clients.ts). SQLite reads the owner
 * and then inserts or touches (one writer, no race). Here two nodes may claim a new client id at
 * once, so the claim is one statement that cannot fail on the key: insert, or on conflict touch
 * the row only when it is the same agent's; a row comes back unless another agent owns the id.
 */
import type { Kysely } from 'kysely';
import type { createSyncClientsTable } from '../../tables/sync-clients';
import type { AsyncTable } from '../../async-store';
import type { Database } from '../schema';

export function createPgSyncClientsTable(db: Kysely<Database>): AsyncTable<ReturnType<typeof createSyncClientsTable>> {
  return {
    claim: async (clientId: string, agentId: string, at: string): Promise<boolean> => {
      const row = await db
        .insertInto('sync_clients')
        .values({ client_id: clientId, agent_id: agentId, created_at: at, last_seen_at: at })
        .onConflict((oc) =>
          oc
            .column('client_id')
            .doUpdateSet({ last_seen_at: at })
            .where('sync_clients.agent_id', '=', agentId),
        )
        .returning('client_id')
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}
