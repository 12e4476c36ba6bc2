import type { Db } from '../db';

/** Every mail received, by its Message-ID: a redelivery is stored once; replies thread to it. */
export interface MailInboxDbRow {
  mail_message_id: string;
  ticket_id: string;
  message_id: string | null;
  from_address: string;
  received_at: string;
}

export function createMailInboxTable(db: Db) {
  const insert = db.prepare(
    `INSERT INTO mail_inbox (mail_message_id, ticket_id, message_id, from_address, received_at)
     VALUES (@mail_message_id, @ticket_id, @message_id, @from_address, @received_at) ON CONFLICT (mail_message_id) DO NOTHING`,
  );
  const byId = db.prepare<[string], MailInboxDbRow>('SELECT * FROM mail_inbox WHERE mail_message_id = ?');
  const latest = db.prepare<[string], MailInboxDbRow>('SELECT * FROM mail_inbox WHERE ticket_id = ? ORDER BY received_at DESC, mail_message_id DESC LIMIT 1');
  return {
    /** False when a mail with that Message-ID was received before. */
    insertOnce: (r: MailInboxDbRow): boolean => insert.run(r).changes > 0,
    get: (mailMessageId: string): MailInboxDbRow | null => byId.get(mailMessageId) ?? null,
    /** The customer's latest mail on a case: what a reply answers. */
    latestForTicket: (ticketId: string): MailInboxDbRow | null => latest.get(ticketId) ?? null,
  };
}
export type MailInboxTable = ReturnType<typeof createMailInboxTable>;
