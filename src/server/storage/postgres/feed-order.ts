/**
 * The change feed in commit order on PostgreSQL (issue 10; docs/storage.md "The feed in commit
 * order"). A sequence hands out `seq` when a row is inserted, not when its transaction commits,
 * so a transaction that took seq 41 and commits after the one that took 42 would be skipped by a
 * desktop whose cursor already passed 42. Each row therefore carries its transaction's id
 * (`xid`, pg_current_xact_id()), and the reader serves only rows of transactions older than the
 * oldest one still running anywhere (`pg_snapshot_xmin(pg_current_snapshot())`), in `(xid, seq)`
 * order: a late committer is held back until it commits, then served in its place, never lost.
 * The cost: a long transaction holds the feed back for everyone; the node reports that lag.
 *
 * The desktop's cursor is one number, so the feed is served by `pos` (sequencer.ts), which the
 * sequencer assigns by this same rule and order; this reader stays as the rule's plain statement
 * (and its test, tests/integration/postgres-schema.test.ts).
 */

/** A position in the feed: the last row served. `{ xid: '0', seq: 0 }` is the start. */
export interface FeedCursor {
  xid: string;
  seq: number;
}

export const FEED_START: FeedCursor = { xid: '0', seq: 0 };

/**
 * Rows after `$1::xid8, $2::bigint` that can no longer be overtaken, oldest first, at most `$3`.
 * `xid` comes back as text (xid8 has no JS type; it fits in a bigint's text form).
 */
export const FEED_AFTER_SQL = `
  SELECT seq, xid::text AS xid, entity, entity_id, op, ticket_id, customer_id, gained_by, lost_by, lost_region, gained_region, at
  FROM change_feed
  WHERE xid < pg_snapshot_xmin(pg_current_snapshot())
    AND (xid, seq) > ($1::xid8, $2::bigint)
  ORDER BY xid, seq
  LIMIT $3`;
