import type { Draft } from '../../../shared/api/contract';
import type { CacheDb } from '../db';

interface DraftDbRow {
  ticket_id: string;
  body: string;
  mode: 'reply' | 'note';
  updated_at: string;
}

const toDraft = (r: DraftDbRow): Draft => ({ ticketId: r.ticket_id, body: r.body, mode: r.mode, updatedAt: r.updated_at });

/** One draft per ticket; saving an empty (or blank) body deletes it. */
export function createDraftsTable(db: CacheDb) {
  const byTicket = db.prepare<[string], DraftDbRow>('SELECT ticket_id, body, mode, updated_at FROM drafts WHERE ticket_id = ?');
  const upsert = db.prepare<[string, string, string, string]>(
    `INSERT INTO drafts (ticket_id, body, mode, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(ticket_id) DO UPDATE SET body = excluded.body, mode = excluded.mode, updated_at = excluded.updated_at`,
  );
  const remove = db.prepare<[string]>('DELETE FROM drafts WHERE ticket_id = ?');
  return {
    get: (ticketId: string): Draft | null => {
      const r = byTicket.get(ticketId);
      return r ? toDraft(r) : null;
    },
    save(ticketId: string, body: string, mode: 'reply' | 'note', at: string): void {
      if (body.trim() === '') remove.run(ticketId);
      else upsert.run(ticketId, body, mode, at);
    },
  };
}
export type DraftsTable = ReturnType<typeof createDraftsTable>;
