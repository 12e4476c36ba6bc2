/**
 * The change-feed repository on PostgreSQL: the SQLite module's methods (../../tables/change-feed.ts)
 * with the feed positions of the sequencer (../sequencer.ts). Positions are what the desktop's
 * cursor holds, so `after` and `head` speak `pos`, and the rows they return carry `seq = pos`.
 * Rows not sequenced yet are not served (they may still be overtaken by a late committer).
 *
 * `append` (what `tx.feed` runs) returns the inserted row with `seq` = its INSERT sequence
 * (`change_feed.seq`), not a feed position: the position does not exist before the commit. Nothing
 * on the desktop reads the seq of an ack; live frames take the position from the follower.
 */
import type { Kysely } from 'kysely';
import type { AsyncTable } from '../../async-store';
import type { ChangeFeedTable, FeedAppend, FeedDbRow } from '../../tables/change-feed';
import type { Database } from '../schema';

const FEED_COLUMNS = ['entity', 'entity_id', 'op', 'ticket_id', 'customer_id', 'gained_by', 'lost_by', 'lost_region', 'gained_region', 'at'] as const;

/** A sequenced row as the follower reads it: the feed row (`seq = pos`) plus where it came from. */
export interface SequencedFeedRow {
  row: FeedDbRow;
  /** `change_feed.seq`, what `tx.feed` returned to the committing node. */
  insertSeq: number;
  /** The appending transaction (xid8 as text): rows of one transaction are consecutive. */
  xid: string;
}

/** Sequenced rows after position `pos`, in position order, at most `limit`. */
export async function sequencedAfter(db: Kysely<Database>, pos: number, limit: number): Promise<SequencedFeedRow[]> {
  const rows = await db
    .selectFrom('change_feed')
    .select([...FEED_COLUMNS, 'seq as insert_seq', 'pos', (eb) => eb.cast<string>('xid', 'text').as('xid')])
    .where('pos', '>', pos)
    .orderBy('pos')
    .limit(limit)
    .execute();
  return rows.map(({ insert_seq, pos: p, xid, ...feed }) => ({ row: { ...feed, seq: p! }, insertSeq: insert_seq, xid }));
}

export function createPgChangeFeedTable(db: Kysely<Database>): AsyncTable<ChangeFeedTable> {
  return {
    append: async (row: FeedAppend, at: string): Promise<FeedDbRow> => {
      const { snapshot, ...stored } = row;
      const full = { ticket_id: null, customer_id: null, gained_by: null, lost_by: null, lost_region: null, gained_region: null, ...stored, at };
      const { seq } = await db.insertInto('change_feed').values(full).returning('seq').executeTakeFirstOrThrow();
      return { ...full, seq, snapshot };
    },
    after: async (seq: number, limit: number): Promise<FeedDbRow[]> => (await sequencedAfter(db, seq, limit)).map((r) => r.row),
    head: async (): Promise<number> => {
      const r = await db
        .selectFrom('change_feed')
        .select((eb) => eb.fn.max('pos').as('head'))
        .executeTakeFirst();
      return r?.head ?? 0;
    },
  };
}
