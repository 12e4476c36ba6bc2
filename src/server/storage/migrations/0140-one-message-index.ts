import type { Database } from 'better-sqlite3';

/**
 * One per-ticket index on messages instead of two (issue "Company scale", a faster node).
 *
 * `messages_ticket (ticket_id, created_at)` and the partial unique `messages_client_id
 * (ticket_id, author_kind, client_msg_id)` both sort by ticket, so every new message dirtied a
 * page of each at its ticket's place in the index: at saturation, with hundreds of chats in one
 * group commit, those two pages were most of the megabytes each commit wrote to the WAL. The
 * unique index, made total (NULL client ids never collide in a unique index, so messages without
 * one stay free), serves both: a ticket's thread is its range of the index, sorted by time after
 * the read (a chat's few hundred rows at most); the duplicate check is unchanged. Measured in
 * docs/storage.md "One index per ticket on messages".
 */
export function up(db: Database): void {
  db.exec(`
    DROP INDEX messages_ticket;
    DROP INDEX messages_client_id;
    CREATE UNIQUE INDEX messages_ticket ON messages(ticket_id, author_kind, client_msg_id);
  `);
}
