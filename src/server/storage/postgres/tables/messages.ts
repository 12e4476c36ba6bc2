/**
 * The messages repository on PostgreSQL (../../tables/messages.ts).
 * - Order: (created_at, id) in byte order (COLLATE "C", as SQLite's BINARY).
 * - `recentByAuthorKind` breaks ties between messages of one commit (same created_at) newest
 *   first: SQLite by rowid (insertion order), here by id, which is the same order for the ids the
 *   server gives (UUIDv7: time-ordered and monotonic within a process); PostgreSQL has no rowid,
 *   and ctid moves when a row is updated (masking rewrites bodies). A negative limit means no
 *   limit, as on SQLite.
 * - `insertOnce`: `ON CONFLICT DO NOTHING` as on SQLite (any unique key: the id or the
 *   (ticket, author kind, client id) index), so a repeat never fails the transaction; a
 *   concurrent insert of the same client id waits for the other transaction, then finds its row.
 */
import { sql, type Kysely } from 'kysely';
import type { AuthorKind } from '../../../../shared/domain';
import type { MessageDbRow, MessagesTable, NewMessage } from '../../tables/messages';
import type { AsyncTable } from '../../async-store';
import type { Database } from '../schema';

const columns = ({ id, ticket_id, author_kind, author_id, author_name, body, client_msg_id, attachment_ids_json, created_at, whisper, canned_shortcut }: NewMessage) => ({
  id,
  ticket_id,
  author_kind,
  author_id,
  author_name,
  body,
  client_msg_id,
  attachment_ids_json,
  created_at,
  whisper: whisper ?? 0,
  canned_shortcut: canned_shortcut ?? null,
});

export function createPgMessagesTable(db: Kysely<Database>): AsyncTable<MessagesTable> {
  const byClientId = async (ticketId: string, kind: AuthorKind, clientMsgId: string): Promise<MessageDbRow | null> =>
    (await db
      .selectFrom('messages')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .where('author_kind', '=', kind)
      .where('client_msg_id', '=', clientMsgId)
      .executeTakeFirst()) ?? null;
  const ofTicket = (ticketId: string) =>
    db.selectFrom('messages').selectAll().where('ticket_id', '=', ticketId).orderBy(sql`created_at COLLATE "C"`).orderBy(sql`id COLLATE "C"`);

  return {
    setAttachments: async (id: string, ids: string[]): Promise<void> => {
      await db.updateTable('messages').set({ attachment_ids_json: JSON.stringify(ids) }).where('id', '=', id).execute();
    },
    insert: async (r: NewMessage): Promise<MessageDbRow> => {
      await db.insertInto('messages').values(columns(r)).execute();
      return { ...r, whisper: r.whisper ?? 0, canned_shortcut: r.canned_shortcut ?? null, version: 1 };
    },
    insertOnce: async (r: NewMessage): Promise<{ created: boolean; row: MessageDbRow }> => {
      const inserted = await db.insertInto('messages').values(columns(r)).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
      if (inserted) return { created: true, row: { ...r, whisper: r.whisper ?? 0, canned_shortcut: r.canned_shortcut ?? null, version: 1 } };
      const existing = r.client_msg_id ? await byClientId(r.ticket_id, r.author_kind, r.client_msg_id) : null;
      if (!existing) throw new Error('message insert conflicted on its id');
      return { created: false, row: existing };
    },
    get: async (id: string): Promise<MessageDbRow | null> => (await db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst()) ?? null,
    getByClientId: byClientId,
    forTicket: (ticketId: string): Promise<MessageDbRow[]> => ofTicket(ticketId).execute(),
    recentByAuthorKind: (ticketId: string, kind: AuthorKind, since: string, limit: number): Promise<MessageDbRow[]> => {
      const q = db
        .selectFrom('messages')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .where('author_kind', '=', kind)
        .where(sql<boolean>`created_at COLLATE "C" >= ${since}`)
        .orderBy(sql`created_at COLLATE "C"`, 'desc')
        .orderBy(sql`id COLLATE "C"`, 'desc');
      return (limit < 0 ? q : q.limit(limit)).execute();
    },
    updateBody: async (id: string, body: string): Promise<MessageDbRow | null> =>
      (await db
        .updateTable('messages')
        .set((eb) => ({ body, version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst()) ?? null,
    publicForTicket: (ticketId: string): Promise<MessageDbRow[]> => ofTicket(ticketId).where('author_kind', '<>', 'note').execute(),
  };
}
