import type { AuthorKind } from '../../../shared/domain';
import type { CacheDb } from '../db';
import { LOCAL_SORT_FLOOR } from './messages';

export interface TicketActivityDbRow {
  ticket_id: string;
  last_author_kind: AuthorKind | null;
  last_preview: string | null;
  needs_reply: number;
  unread: number;
  pending_count: number;
}

export const PREVIEW_LENGTH = 200;

/**
 * What the ticket list shows about a ticket's messages, recomputed inside the transaction that
 * changed them, so listing 10k tickets never walks their messages. Each figure is a short walk
 * down the (ticket_id, sort_key) index from the newest message.
 * - last: the newest message that is not a system line ("Ava joined the chat." says nothing
 *   about the case), notes and local rows included; with only the customer's first message and
 *   system lines after it, that first question.
 * - needs_reply: the newest customer-or-agent message is the customer's (notes and system
 *   messages do not answer a customer).
 * - unread: customer messages the agent has not seen: after the agent's read marker (set when
 *   the agent views the chat) and after the newest agent reply the server has. The agent's own
 *   messages, notes and system messages never count.
 * - pending_count: local rows waiting in the outbox.
 */
export function createTicketActivityTable(db: CacheDb) {
  const recompute = db.prepare<{ t: string }>(
    `INSERT INTO ticket_activity (ticket_id, last_author_kind, last_preview, needs_reply, unread, pending_count)
     SELECT @t,
       (SELECT author_kind FROM messages WHERE ticket_id = @t AND author_kind <> 'system' ORDER BY sort_key DESC LIMIT 1),
       (SELECT substr(body, 1, ${PREVIEW_LENGTH}) FROM messages WHERE ticket_id = @t AND author_kind <> 'system' ORDER BY sort_key DESC LIMIT 1),
       coalesce((SELECT author_kind = 'customer' FROM messages WHERE ticket_id = @t AND author_kind IN ('customer', 'agent') ORDER BY sort_key DESC LIMIT 1), 0),
       (SELECT count(*) FROM messages WHERE ticket_id = @t AND author_kind = 'customer'
          AND sort_key > max(
            coalesce((SELECT up_to FROM read_markers WHERE ticket_id = @t), ''),
            coalesce((SELECT sort_key FROM messages WHERE ticket_id = @t AND author_kind = 'agent' AND sort_key < '${LOCAL_SORT_FLOOR}' ORDER BY sort_key DESC LIMIT 1), ''))),
       (SELECT count(*) FROM messages WHERE ticket_id = @t AND sort_key >= '${LOCAL_SORT_FLOOR}' AND delivery = 'pending')
     WHERE EXISTS (SELECT 1 FROM messages WHERE ticket_id = @t)
     ON CONFLICT(ticket_id) DO UPDATE SET
       last_author_kind = excluded.last_author_kind, last_preview = excluded.last_preview, needs_reply = excluded.needs_reply,
       unread = excluded.unread, pending_count = excluded.pending_count`,
  );
  const dropIfEmpty = db.prepare<{ t: string }>(
    'DELETE FROM ticket_activity WHERE ticket_id = @t AND NOT EXISTS (SELECT 1 FROM messages WHERE ticket_id = @t)',
  );
  const remove = db.prepare<[string]>('DELETE FROM ticket_activity WHERE ticket_id = ?');
  const clear = db.prepare('DELETE FROM ticket_activity');
  const unread = db.prepare<[string], number>('SELECT unread FROM ticket_activity WHERE ticket_id = ?').pluck();
  return {
    /** Call inside the transaction that changed the ticket's messages (or its read marker). */
    recompute(ticketIds: Iterable<string>): void {
      for (const t of ticketIds) {
        if (recompute.run({ t }).changes === 0) dropIfEmpty.run({ t });
      }
    },
    unread: (ticketId: string): number => unread.get(ticketId) ?? 0,
    remove: (ticketId: string): void => void remove.run(ticketId),
    clear: (): void => void clear.run(),
  };
}
export type TicketActivityTable = ReturnType<typeof createTicketActivityTable>;
