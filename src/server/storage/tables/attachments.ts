import type { AttachmentRow } from '../../../shared/domain';
import type { Db } from '../db';

export interface AttachmentDbRow {
  id: string;
  ticket_id: string;
  message_id: string | null;
  uploader_kind: 'customer' | 'agent';
  uploader_id: string | null;
  sha256: string;
  mime: AttachmentRow['mime'];
  bytes: number;
  width: number;
  height: number;
  filename: string;
  created_at: string;
  version: number;
  /** The text OCR read in the screenshot, card numbers masked (migration 110; '' when none). */
  ocr_text: string;
  /** How many card numbers were blurred in the stored image before it was stored. */
  cards_hidden: number;
}

export function toWireAttachment(r: AttachmentDbRow): AttachmentRow {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    messageId: r.message_id,
    sha256: r.sha256,
    mime: r.mime,
    bytes: r.bytes,
    width: r.width,
    height: r.height,
    filename: r.filename,
    createdAt: r.created_at,
    version: r.version,
    ocrText: r.ocr_text,
    cardsHidden: r.cards_hidden,
  };
}

export function createAttachmentsTable(db: Db) {
  const insert = db.prepare(
    `INSERT INTO attachments (id, ticket_id, message_id, uploader_kind, uploader_id, sha256, mime, bytes, width, height, filename, created_at, ocr_text, cards_hidden)
     VALUES (@id, @ticket_id, @message_id, @uploader_kind, @uploader_id, @sha256, @mime, @bytes, @width, @height, @filename, @created_at, @ocr_text, @cards_hidden)`,
  );
  const byId = db.prepare<[string], AttachmentDbRow>('SELECT * FROM attachments WHERE id = ?');
  const forTicket = db.prepare<[string], AttachmentDbRow>('SELECT * FROM attachments WHERE ticket_id = ? ORDER BY created_at');
  const link = db.prepare(
    'UPDATE attachments SET message_id = ?, version = version + 1 WHERE id = ? AND ticket_id = ? AND message_id IS NULL',
  );
  return {
    insert: (r: Omit<AttachmentDbRow, 'version'>): AttachmentDbRow => {
      insert.run(r);
      return { ...r, version: 1 };
    },
    get: (id: string): AttachmentDbRow | null => byId.get(id) ?? null,
    forTicket: (ticketId: string): AttachmentDbRow[] => forTicket.all(ticketId),
    /** Links an uploaded attachment to the message that carries it; false if not linkable. */
    linkToMessage: (id: string, ticketId: string, messageId: string): boolean => link.run(messageId, id, ticketId).changes > 0,
  };
}
export type AttachmentsTable = ReturnType<typeof createAttachmentsTable>;
