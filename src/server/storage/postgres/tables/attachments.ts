/**
 * The attachments repository on PostgreSQL (../../tables/attachments.ts). A ticket's attachments
 * come in upload order (created_at, byte order); ties, which SQLite leaves in its scan order, are
 * broken by id (ids are UUIDv7: time-ordered, monotonic within a process).
 */
import { sql, type Kysely } from 'kysely';
import type { AttachmentDbRow, AttachmentsTable } from '../../tables/attachments';
import type { AsyncTable } from '../../async-store';
import type { Database } from '../schema';

export function createPgAttachmentsTable(db: Kysely<Database>): AsyncTable<AttachmentsTable> {
  return {
    insert: async (r: Omit<AttachmentDbRow, 'version'>): Promise<AttachmentDbRow> => {
      const { id, ticket_id, message_id, uploader_kind, uploader_id, sha256, mime, bytes, width, height, filename, created_at, ocr_text, cards_hidden } = r;
      await db
        .insertInto('attachments')
        .values({ id, ticket_id, message_id, uploader_kind, uploader_id, sha256, mime, bytes, width, height, filename, created_at, ocr_text, cards_hidden })
        .execute();
      return { ...r, version: 1 };
    },
    get: async (id: string): Promise<AttachmentDbRow | null> =>
      (await db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst()) ?? null,
    forTicket: (ticketId: string): Promise<AttachmentDbRow[]> =>
      db
        .selectFrom('attachments')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .orderBy(sql`created_at COLLATE "C"`)
        .orderBy(sql`id COLLATE "C"`)
        .execute(),
    linkToMessage: async (id: string, ticketId: string, messageId: string): Promise<boolean> => {
      const r = await db
        .updateTable('attachments')
        .set((eb) => ({ message_id: messageId, version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .where('ticket_id', '=', ticketId)
        .where('message_id', 'is', null)
        .executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },
  };
}
