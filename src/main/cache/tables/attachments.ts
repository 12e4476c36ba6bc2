import type { AttachmentRow } from '../../../shared/domain';
import type { CacheDb } from '../db';

/** Attachment metadata (the files themselves are content-addressed on disk, see files.ts). */
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
  return {
    upsert: (r: AttachmentRow): boolean => upsert.run(r.id, r.ticketId, r.messageId, r.sha256, r.version, JSON.stringify(r)).changes > 0,
    /** Returns the ticket of the removed row, or null when there was none. */
    remove: (id: string): string | null => remove.get(id)?.ticket_id ?? null,
    /** Removes a ticket's rows; returns the hashes they pointed at. */
    removeOfTicket: (ticketId: string): string[] => removeOfTicket.all(ticketId).map((r) => r.sha256),
    clear: (): void => void clear.run(),
    get: (id: string): AttachmentRow | null => {
      const json = byId.get(id);
      return json === undefined ? null : (JSON.parse(json) as AttachmentRow);
    },
    ofTicket: (ticketId: string): AttachmentRow[] => ofTicket.all(ticketId).map((json) => JSON.parse(json) as AttachmentRow),
    shaInUse: (sha256: string): boolean => shaInUse.get(sha256) !== undefined,
  };
}
export type AttachmentsTable = ReturnType<typeof createAttachmentsTable>;
