/**
 * The audit log on PostgreSQL (../../tables/audit-log.ts): `id` is an identity column (int8,
 * a number through the pool's parser), so "by id" is insertion order as AUTOINCREMENT is.
 * SQLite reads a negative LIMIT as "no limit" (PostgreSQL refuses it): `recent` does the same.
 */
import type { Kysely } from 'kysely';
import type { AuditDbRow, AuditEntry, AuditLogTable } from '../../tables/audit-log';
import type { AsyncTable } from '../../async-store';
import type { Database } from '../schema';

export function createPgAuditLogTable(db: Kysely<Database>): AsyncTable<AuditLogTable> {
  return {
    append: async (e: AuditEntry): Promise<void> => {
      await db
        .insertInto('audit_log')
        .values({
          at: e.at,
          actor_kind: e.actorKind,
          actor_id: e.actorId,
          action: e.action,
          outcome: e.outcome,
          ticket_id: e.ticketId ?? null,
          customer_id: e.customerId ?? null,
          details_json: JSON.stringify(e.details ?? {}),
          ip: e.ip ?? null,
        })
        .execute();
    },
    forTicket: (ticketId: string): Promise<AuditDbRow[]> => db.selectFrom('audit_log').selectAll().where('ticket_id', '=', ticketId).orderBy('id').execute(),
    recent: (limit: number): Promise<AuditDbRow[]> => {
      const q = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc');
      return (limit < 0 ? q : q.limit(limit)).execute();
    },
  };
}
