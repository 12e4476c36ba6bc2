/**
 * The feed sequencer (docs/storage.md "The feed in commit order"). The desktop's sync cursor is
 * ONE number that must grow in commit order (frames carry `seq`/`from`, a gap means pull), but a
 * `bigserial` is handed out at insert, not at commit. So each `change_feed` row also gets a public
 * position, `pos`, assigned after the fact by this sequencer:
 *
 * - only rows of transactions older than the oldest one still running anywhere in the cluster
 *   (`xid < pg_snapshot_xmin(pg_current_snapshot())`) are numbered: every transaction that could
 *   still commit a row has an xid at or above that, or none yet (a later one), so a late committer
 *   is held back and numbered after, never skipped;
 * - they are numbered densely from `max(pos) + 1` in `(xid, seq)` order;
 * - one run is one statement in its own short transaction, behind a blocking
 *   `pg_advisory_xact_lock`: runs on several nodes take turns, a node that loses the race waits
 *   and then numbers whatever is left, and the statement's snapshot (taken after the lock, READ
 *   COMMITTED) sees the previous run's positions. Positions therefore become visible in order:
 *   a reader that sees `pos = n` sees every position below it.
 *
 * When it numbered rows, the run notifies `desk_feed_pos` (payload: the new head) at commit, so
 * every node's follower reads them. The whole run is one round trip (a simple-query string).
 */
import type pg from 'pg';

/** pg_advisory_xact_lock key of the sequencer, the same on every node ("feed" in ASCII). */
export const SEQUENCER_LOCK = 0x66656564;
/** Notified by a sequencer run that numbered rows; payload: the new head position. */
export const FEED_POS_CHANNEL = 'desk_feed_pos';

/** Built from constants only (no user input), so it can run as one simple-query string. */
const sequenceSql = (notify: boolean) => `
  BEGIN ISOLATION LEVEL READ COMMITTED;
  SELECT pg_advisory_xact_lock(${SEQUENCER_LOCK});
  WITH base AS (
    SELECT coalesce(max(pos), 0) AS head FROM change_feed
  ), next AS (
    SELECT seq, row_number() OVER (ORDER BY xid, seq) AS n
    FROM change_feed
    WHERE pos IS NULL AND xid < pg_snapshot_xmin(pg_current_snapshot())
  ), numbered AS (
    UPDATE change_feed f SET pos = base.head + next.n
    FROM next, base
    WHERE f.seq = next.seq
    RETURNING f.pos
  )
  SELECT count(*)::int AS n, max(pos) AS head${notify ? `, CASE WHEN count(*) > 0 THEN pg_notify('${FEED_POS_CHANNEL}', max(pos)::text) END AS notified` : ''}
  FROM numbered;
  COMMIT;`;

export interface SequencerRun {
  /** Rows numbered by this run. */
  numbered: number;
  /** The highest position it gave, or null when it numbered nothing. */
  head: number | null;
}

/**
 * One sequencer run on `client` (a pooled client that is not in a transaction). With `notify`
 * off nothing is announced: other nodes find the rows by their fallback poll.
 */
export async function runSequencer(client: pg.ClientBase, { notify = true }: { notify?: boolean } = {}): Promise<SequencerRun> {
  let results: pg.QueryResult[];
  try {
    results = (await client.query(sequenceSql(notify))) as unknown as pg.QueryResult[];
  } catch (err) {
    // A simple-query string stops at its first error and leaves the transaction open, aborted.
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  const row = results[2]?.rows[0] // BEGIN, lock, the numbering statement, COMMIT as { n: number; head: string | number | null } | undefined;
  return { numbered: row?.n ?? 0, head: row?.head == null ? null : Number(row.head) };
}
