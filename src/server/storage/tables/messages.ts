import type { AuthorKind, MessageRow } from '../../../shared/domain';
import type { Db } from '../db';
import { parseJson } from './json';

export interface MessageDbRow {
  id: string;
  ticket_id: string;
  author_kind: AuthorKind;
  author_id: string | null;
  author_name: string;
  body: string;
  client_msg_id: string | null;
  attachment_ids_json: string;
  created_at: string;
  /** 1: an internal note a supervisor wrote for the assigned agent only (migration 70). */
  whisper: number;
  /** The canned reply an agent's reply came from, by shortcut (migration 130); null when written by hand. */
  canned_shortcut: string | null;
  version: number;
}

/** A message to insert: `whisper` defaults to 0, `canned_shortcut` to null. */
export type NewMessage = Omit<MessageDbRow, 'version' | 'whisper' | 'canned_shortcut'> & { whisper?: number; canned_shortcut?: string | null };
const withDefaults = (r: NewMessage): Omit<MessageDbRow, 'version'> => ({ ...r, whisper: r.whisper ?? 0, canned_shortcut: r.canned_shortcut ?? null });

export function toWireMessage(r: MessageDbRow): MessageRow {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    authorKind: r.author_kind,
    authorId: r.author_id,
    authorName: r.author_name,
    body: r.body,
    clientMsgId: r.client_msg_id,
    attachmentIds: parseJson<string[]>(r.attachment_ids_json, []),
    createdAt: r.created_at,
    version: r.version,
    ...(r.whisper ? { whisper: true as const } : {}),
    ...(r.canned_shortcut ? { cannedShortcut: r.canned_shortcut } : {}),
  };
}

export function createMessagesTable(db: Db) {
  const insert = db.prepare(
    `INSERT INTO messages (id, ticket_id, author_kind, author_id, author_name, body, client_msg_id, attachment_ids_json, created_at, whisper, canned_shortcut)
     VALUES (@id, @ticket_id, @author_kind, @author_id, @author_name, @body, @client_msg_id, @attachment_ids_json, @created_at, @whisper, @canned_shortcut)`,
  );
  // Every customer message takes this path: positional parameters bind faster than named ones.
  const insertIgnore = db.prepare(
    `INSERT INTO messages (id, ticket_id, author_kind, author_id, author_name, body, client_msg_id, attachment_ids_json, created_at, whisper, canned_shortcut)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT DO NOTHING`,
  );
  const byId = db.prepare<[string], MessageDbRow>('SELECT * FROM messages WHERE id = ?');
  const byClientId = db.prepare<[string, string, string], MessageDbRow>(
    'SELECT * FROM messages WHERE ticket_id = ? AND author_kind = ? AND client_msg_id = ?',
  );
  const forTicket = db.prepare<[string], MessageDbRow>('SELECT * FROM messages WHERE ticket_id = ? ORDER BY created_at, id');
  const publicForTicket = db.prepare<[string], MessageDbRow>(
    `SELECT * FROM messages WHERE ticket_id = ? AND author_kind <> 'note' ORDER BY created_at, id`,
  );
  const setAttachments = db.prepare('UPDATE messages SET attachment_ids_json = ? WHERE id = ?');
  // Newest first; rowid breaks ties between messages of one commit (they share created_at).
  const recentByAuthorKind = db.prepare<[string, AuthorKind, string, number], MessageDbRow>(
    'SELECT * FROM messages WHERE ticket_id = ? AND author_kind = ? AND created_at >= ? ORDER BY created_at DESC, rowid DESC LIMIT ?',
  );
  const updateBody = db.prepare<[string, string], MessageDbRow>('UPDATE messages SET body = ?, version = version + 1 WHERE id = ? RETURNING *');
  return {
    setAttachments: (id: string, ids: string[]): void => void setAttachments.run(JSON.stringify(ids), id),
    insert: (n: NewMessage): MessageDbRow => {
      const r = withDefaults(n);
      insert.run(r);
      return { ...r, version: 1 };
    },
    /** Inserts unless (ticket, author kind, client id) exists; then returns the original. */
    insertOnce(n: NewMessage): { created: boolean; row: MessageDbRow } {
      const r = withDefaults(n);
      if (insertIgnore.run(r.id, r.ticket_id, r.author_kind, r.author_id, r.author_name, r.body, r.client_msg_id, r.attachment_ids_json, r.created_at, r.whisper, r.canned_shortcut).changes === 1)
        return { created: true, row: { ...r, version: 1 } };
      const existing = r.client_msg_id ? byClientId.get(r.ticket_id, r.author_kind, r.client_msg_id) : undefined;
      if (!existing) throw new Error('message insert conflicted on its id');
      return { created: false, row: existing };
    },
    get: (id: string): MessageDbRow | null => byId.get(id) ?? null,
    getByClientId: (ticketId: string, kind: AuthorKind, clientMsgId: string): MessageDbRow | null =>
      byClientId.get(ticketId, kind, clientMsgId) ?? null,
    forTicket: (ticketId: string): MessageDbRow[] => forTicket.all(ticketId),
    /** A ticket's latest messages by one kind of author since a time, newest first. */
    recentByAuthorKind: (ticketId: string, kind: AuthorKind, since: string, limit: number): MessageDbRow[] =>
      recentByAuthorKind.all(ticketId, kind, since, limit),
    /** Rewrites a body (card masking across messages); the version moves so desktops replace it. */
    updateBody: (id: string, body: string): MessageDbRow | null => updateBody.get(body, id) ?? null,
    /** What the customer may see: everything but internal notes. */
    publicForTicket: (ticketId: string): MessageDbRow[] => publicForTicket.all(ticketId),
  };
}
export type MessagesTable = ReturnType<typeof createMessagesTable>;
