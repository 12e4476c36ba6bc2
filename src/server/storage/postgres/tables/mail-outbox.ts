/** The mail outbox on PostgreSQL (../../tables/mail-outbox.ts); times compared as text in byte order. */
import { sql, type Kysely } from 'kysely';
import type { AsyncTable } from '../../async-store';
import type { MailOutboxDbRow, MailOutboxTable, NewMailOutboxRow } from '../../tables/mail-outbox';
import type { Database } from '../schema';

export function createPgMailOutboxTable(db: Kysely<Database>): AsyncTable<MailOutboxTable> {
  return {
    insert: async (r: NewMailOutboxRow): Promise<void> => {
      const { id, ticket_id, message_id, mail_message_id, to_address, subject, body, in_reply_to, references_header, created_at, next_attempt_at } = r;
      await db
        .insertInto('mail_outbox')
        .values({ id, ticket_id, message_id, mail_message_id, to_address, subject, body, in_reply_to, references_header, created_at, next_attempt_at })
        .execute();
    },
    get: async (id: string): Promise<MailOutboxDbRow | null> => (await db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst()) ?? null,
    forTicket: (ticketId: string): Promise<MailOutboxDbRow[]> =>
      db.selectFrom('mail_outbox').selectAll().where('ticket_id', '=', ticketId).orderBy(sql`created_at COLLATE "C"`).orderBy(sql`id COLLATE "C"`).execute(),
    due: (now: string, limit: number): Promise<MailOutboxDbRow[]> =>
      db
        .selectFrom('mail_outbox')
        .selectAll()
        .where('sent_at', 'is', null)
        .where(sql<boolean>`next_attempt_at COLLATE "C" <= ${now}`)
        .orderBy(sql`next_attempt_at COLLATE "C"`)
        .orderBy(sql`id COLLATE "C"`)
        .limit(limit)
        .execute(),
    nextDueAt: async (): Promise<string | null> => {
      const r = await db
        .selectFrom('mail_outbox')
        .select(sql<string | null>`min(next_attempt_at COLLATE "C")`.as('at'))
        .where('sent_at', 'is', null)
        .executeTakeFirst();
      return r?.at ?? null;
    },
    claim: async (id: string, now: string, leaseUntil: string): Promise<boolean> => {
      const r = await db
        .updateTable('mail_outbox')
        .set({ next_attempt_at: leaseUntil })
        .where('id', '=', id)
        .where('sent_at', 'is', null)
        .where(sql<boolean>`next_attempt_at COLLATE "C" <= ${now}`)
        .executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },
    markSent: async (id: string, at: string): Promise<boolean> => {
      const r = await db
        .updateTable('mail_outbox')
        .set((eb) => ({ sent_at: at, attempts: eb('attempts', '+', 1), last_error: null }))
        .where('id', '=', id)
        .where('sent_at', 'is', null)
        .executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },
    markFailed: async (id: string, error: string, nextAttemptAt: string): Promise<boolean> => {
      const r = await db
        .updateTable('mail_outbox')
        .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error, next_attempt_at: nextAttemptAt }))
        .where('id', '=', id)
        .where('sent_at', 'is', null)
        .executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },
  };
}
