import type { Db } from '../db';

/**
 * Replies to email cases waiting to be sent, or sent (src/server/email/sender.ts). A row is
 * written in the reply's own transaction, so a committed reply always has its mail queued.
 * `next_attempt_at` is when the sender may try it next; a sender claims a row by moving it into
 * the future (a lease), so two nodes never send the same mail at once.
 */
export interface MailOutboxDbRow {
  id: string;
  ticket_id: string;
  /** The agent's reply the mail carries. */
  message_id: string | null;
  /** The mail's own Message-ID header (`<…@…>`). */
  mail_message_id: string;
  to_address: string;
  subject: string;
  body: string;
  in_reply_to: string | null;
  /** The References header: Message-IDs separated by spaces. */
  references_header: string | null;
  created_at: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  sent_at: string | null;
}

export type NewMailOutboxRow = Omit<MailOutboxDbRow, 'attempts' | 'last_error' | 'sent_at'>;

export function createMailOutboxTable(db: Db) {
  const insert = db.prepare(
    `INSERT INTO mail_outbox (id, ticket_id, message_id, mail_message_id, to_address, subject, body, in_reply_to, references_header, created_at, next_attempt_at)
     VALUES (@id, @ticket_id, @message_id, @mail_message_id, @to_address, @subject, @body, @in_reply_to, @references_header, @created_at, @next_attempt_at)`,
  );
  const byId = db.prepare<[string], MailOutboxDbRow>('SELECT * FROM mail_outbox WHERE id = ?');
  const forTicket = db.prepare<[string], MailOutboxDbRow>('SELECT * FROM mail_outbox WHERE ticket_id = ? ORDER BY created_at, id');
  const due = db.prepare<[string, number], MailOutboxDbRow>('SELECT * FROM mail_outbox WHERE sent_at IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?');
  const nextDue = db.prepare<[], { at: string | null }>('SELECT min(next_attempt_at) AS at FROM mail_outbox WHERE sent_at IS NULL');
  const claim = db.prepare<[string, string, string]>('UPDATE mail_outbox SET next_attempt_at = ? WHERE id = ? AND sent_at IS NULL AND next_attempt_at <= ?');
  const markSent = db.prepare<[string, string]>('UPDATE mail_outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ? AND sent_at IS NULL');
  const markFailed = db.prepare<[string, string, string]>(
    'UPDATE mail_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ? AND sent_at IS NULL',
  );
  return {
    insert: (r: NewMailOutboxRow): void => void insert.run(r),
    get: (id: string): MailOutboxDbRow | null => byId.get(id) ?? null,
    forTicket: (ticketId: string): MailOutboxDbRow[] => forTicket.all(ticketId),
    /** Unsent mail whose next attempt is due at `now`, oldest due first. */
    due: (now: string, limit: number): MailOutboxDbRow[] => due.all(now, limit),
    /** When the earliest unsent mail is due (null: nothing waits). */
    nextDueAt: (): string | null => nextDue.get()?.at ?? null,
    /** Takes a due mail for sending until `leaseUntil`; false if it was sent or taken meanwhile. */
    claim: (id: string, now: string, leaseUntil: string): boolean => claim.run(leaseUntil, id, now).changes > 0,
    markSent: (id: string, at: string): boolean => markSent.run(at, id).changes > 0,
    /** A failed attempt: counted, its error kept, tried again at `nextAttemptAt`. */
    markFailed: (id: string, error: string, nextAttemptAt: string): boolean => markFailed.run(error, nextAttemptAt, id).changes > 0,
  };
}
export type MailOutboxTable = ReturnType<typeof createMailOutboxTable>;
