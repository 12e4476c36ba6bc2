/** The mail inbox on PostgreSQL (../../tables/mail-inbox.ts). */
import { sql, type Kysely } from 'kysely';
import type { AsyncTable } from '../../async-store';
import type { MailInboxDbRow, MailInboxTable } from '../../tables/mail-inbox';
import type { Database } from '../schema';

export function createPgMailInboxTable(db: Kysely<Database>): AsyncTable<MailInboxTable> {
  return {
    insertOnce: async (r: MailInboxDbRow): Promise<boolean> => {
      const { mail_message_id, ticket_id, message_id, from_address, received_at } = r;
      const out = await db
        .insertInto('mail_inbox')
        .values({ mail_message_id, ticket_id, message_id, from_address, received_at })
        .onConflict((oc) => oc.column('mail_message_id').doNothing())
        .executeTakeFirst();
      return (out.numInsertedOrUpdatedRows ?? 0n) > 0n;
    },
    get: async (mailMessageId: string): Promise<MailInboxDbRow | null> =>
      (await db.selectFrom('mail_inbox').selectAll().where('mail_message_id', '=', mailMessageId).executeTakeFirst()) ?? null,
    latestForTicket: async (ticketId: string): Promise<MailInboxDbRow | null> =>
      (await db
        .selectFrom('mail_inbox')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .orderBy(sql`received_at COLLATE "C"`, 'desc')
        .orderBy(sql`mail_message_id COLLATE "C"`, 'desc')
        .limit(1)
        .executeTakeFirst()) ?? null,
  };
}
