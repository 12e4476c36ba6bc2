import type { AttachmentRow } from '../../../shared/domain';
import type { CacheDb } from '../db';

/**
 * Attachment metadata (the files themselves are content-addressed on disk, see files.ts), and the
 * search index of screenshots' text (migration 0110): every write keeps attachment_texts and its
 * FTS5 index in step, in the caller's transaction.
 */
export function createAttachmentsTable(db: CacheDb) {
  const upsert = db.prepare<[string, string, string | null, string, number, string]>(
    `INSERT INTO attachments (id, ticket_id, message_id, sha256, version, row_json) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET ticket_id = excluded.ticket_id, message_id = excluded.message_id, sha256 = excluded.sha256,
       version = excluded.version, row_json = excluded.row_json
     WHERE excluded.version > attachments.version`,
  );
  const remove = db.prepare<[string], { ticket_id: string }>('DELETE FROM attachments WHERE id = ? RETURNING ticket_id');
  const removeOfTicket = db.prepare<[string], { sha256: string }>('DELETE FROM attachments WHERE ticket_id = ? RETURNING sha256');
  const clear = db.prepare('DELETE FROM attachments');
  const byId = db.prepare<[string], string>('SELECT row_json FROM attachments WHERE id = ?').pluck();
  const ofTicket = db.prepare<[string], string>('SELECT row_json FROM attachments WHERE ticket_id = ? ORDER BY id').pluck();
  const shaInUse = db.prepare<[string], number>('SELECT 1 FROM attachments WHERE sha256 = ? LIMIT 1').pluck();

  const textOf = db.prepare<[string], { pk: number; ocr_text: string }>('SELECT pk, ocr_text FROM attachment_texts WHERE attachment_id = ?');
  const textsOfTicket = db.prepare<[string], { pk: number; ocr_text: string }>(
    'SELECT x.pk, x.ocr_text FROM attachment_texts x JOIN attachments a ON a.id = x.attachment_id WHERE a.ticket_id = ?',
  );
  const textInsert = db.prepare<[string, string]>('INSERT INTO attachment_texts (attachment_id, ocr_text) VALUES (?, ?)');
  const textDelete = db.prepare<[number]>('DELETE FROM attachment_texts WHERE pk = ?');
  const textClear = db.prepare('DELETE FROM attachment_texts');
  const ftsInsert = db.prepare<[number | bigint, string]>('INSERT INTO attachment_texts_fts (rowid, ocr_text) VALUES (?, ?)');
  const ftsDelete = db.prepare<[number, string]>(`INSERT INTO attachment_texts_fts (attachment_texts_fts, rowid, ocr_text) VALUES ('delete', ?, ?)`);
  const ftsClear = db.prepare(`INSERT INTO attachment_texts_fts (attachment_texts_fts) VALUES ('delete-all')`);

  function dropTexts(rows: readonly { pk: number; ocr_text: string }[]): void {
    for (const r of rows) {
      ftsDelete.run(r.pk, r.ocr_text);
      textDelete.run(r.pk);
    }
  }
  function dropText(attachmentId: string): void {
    const old = textOf.get(attachmentId);
    if (old) dropTexts([old]);
  }
  function putText(r: AttachmentRow): void {
    const old = textOf.get(r.id);
    if (old?.ocr_text === r.ocrText) return;
    if (old) dropTexts([old]);
    if (!r.ocrText) return;
    ftsInsert.run(textInsert.run(r.id, r.ocrText).lastInsertRowid, r.ocrText);
  }

  return {
    upsert: (r: AttachmentRow): boolean => {
      if (upsert.run(r.id, r.ticketId, r.messageId, r.sha256, r.version, JSON.stringify(r)).changes === 0) return false;
      putText(r);
      return true;
    },
    /** Returns the ticket of the removed row, or null when there was none. */
    remove: (id: string): string | null => {
      dropText(id);
      return remove.get(id)?.ticket_id ?? null;
    },
    /** Removes a ticket's rows; returns the hashes they pointed at. */
    removeOfTicket: (ticketId: string): string[] => {
      dropTexts(textsOfTicket.all(ticketId));
      return removeOfTicket.all(ticketId).map((r) => r.sha256);
    },
    clear: (): void => {
      ftsClear.run();
      textClear.run();
      clear.run();
    },
    get: (id: string): AttachmentRow | null => {
      const json = byId.get(id);
      return json === undefined ? null : (JSON.parse(json) as AttachmentRow);
    },
    ofTicket: (ticketId: string): AttachmentRow[] => ofTicket.all(ticketId).map((json) => JSON.parse(json) as AttachmentRow),
    shaInUse: (sha256: string): boolean => shaInUse.get(sha256) !== undefined,
  };
}
export type AttachmentsTable = ReturnType<typeof createAttachmentsTable>;
