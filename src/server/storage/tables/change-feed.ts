import type { Entity } from '../../../shared/protocol/sync';
import type { Db } from '../db';
import type { MessageDbRow } from './messages';
import type { TicketDbRow } from './tickets';

export interface FeedDbRow {
  seq: number;
  entity: Entity;
  entity_id: string;
  op: 'upsert' | 'delete';
  ticket_id: string | null;
  customer_id: string | null;
  gained_by: string | null;
  lost_by: string | null;
  lost_region: string | null;
  /** The region whose queue the ticket entered with this change: its agents gain the ticket. */
  gained_region: string | null;
  at: string;
  /**
   * In memory only, never stored: the row as this change wrote it, so live delivery right after
   * the commit need not read it back. Pulls always load current rows.
   */
  snapshot?: { ticket?: TicketDbRow; message?: MessageDbRow };
  /**
   * In memory only, never stored: set on a row another desk-server node committed (PostgreSQL,
   * several nodes: the feed follower hands over every node's rows). This node ran no afterCommit
   * hook for it, so it delivers such a change to its own customers from the row (no snapshot).
   */
  remote?: true;
}

export type FeedAppend = Omit<FeedDbRow, 'seq' | 'at' | 'ticket_id' | 'customer_id' | 'gained_by' | 'lost_by' | 'lost_region' | 'gained_region' | 'snapshot' | 'remote'> &
  Partial<Pick<FeedDbRow, 'ticket_id' | 'customer_id' | 'gained_by' | 'lost_by' | 'lost_region' | 'gained_region' | 'snapshot'>>;

/**
 * The change feed. SQLite has one writer, so AUTOINCREMENT allocates seq inside the committing
 * transaction and seq order is commit order (ARCHITECTURE.md "Scaling out").
 */
export function createChangeFeedTable(db: Db) {
  const insert = db.prepare(
    `INSERT INTO change_feed (entity, entity_id, op, ticket_id, customer_id, gained_by, lost_by, lost_region, gained_region, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const after = db.prepare<[number, number], FeedDbRow>('SELECT * FROM change_feed WHERE seq > ? ORDER BY seq LIMIT ?');
  const head = db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM change_feed');
  // AUTOINCREMENT keeps its high-water mark in sqlite_sequence even after deletes.
  const seqHead = db.prepare<[], { seq: number }>(`SELECT seq FROM sqlite_sequence WHERE name = 'change_feed'`);
  return {
    // On every customer message's path (twice): positional parameters and one object, about a
    // third of the cost of named parameters over spread copies.
    append(row: FeedAppend, at: string): FeedDbRow {
      const out: FeedDbRow = {
        seq: 0,
        entity: row.entity,
        entity_id: row.entity_id,
        op: row.op,
        ticket_id: row.ticket_id ?? null,
        customer_id: row.customer_id ?? null,
        gained_by: row.gained_by ?? null,
        lost_by: row.lost_by ?? null,
        lost_region: row.lost_region ?? null,
        gained_region: row.gained_region ?? null,
        at,
        snapshot: row.snapshot,
      };
      const { entity, entity_id, op, ticket_id, customer_id, gained_by, lost_by, lost_region, gained_region } = out;
      out.seq = Number(insert.run(entity, entity_id, op, ticket_id, customer_id, gained_by, lost_by, lost_region, gained_region, at).lastInsertRowid);
      return out;
    },
    after: (seq: number, limit: number): FeedDbRow[] => after.all(seq, limit),
    head: (): number => seqHead.get()?.seq ?? head.get()?.seq ?? 0,
  };
}
export type ChangeFeedTable = ReturnType<typeof createChangeFeedTable>;
