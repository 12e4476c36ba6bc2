/**
 * Pull (SYNC.md "Reading"). An empty cursor starts a snapshot of everything the agent may see,
 * paged by ticket, pinned to the feed head when it began; then the change feed from that head.
 * Changes carry current rows, so several feed rows for one entity in a page collapse to one.
 *
 * Each page is built inside ONE `storage.read`, so it is consistent with the head it reports: on
 * SQLite a read is queued behind writes, on PostgreSQL it is one REPEATABLE READ snapshot.
 */
import { MIN_CLIENT_PROTOCOL } from '../../shared/protocol/errors';
import type { Change, PullQuery, PullResponse } from '../../shared/protocol/sync';
import type { AsyncReadTx, AsyncStore } from '../storage/async-store';
import { DeskError } from '../errors';
import type { Agent } from '../storage/tables/agents';
import { customerBundle, forAgent, readerOf, referenceData, ticketBundle, type ChangeTables, type TicketCache } from './changes';
import { feedPosition, type PositionTables } from './position';

type ParsedCursor = { kind: 'feed'; seq: number } | { kind: 'snapshot'; head: number; after: string; done: number };
type SnapshotCursor = Extract<ParsedCursor, { kind: 'snapshot' }>;

/** The tables a pull reads. */
export type PullTables = ChangeTables & PositionTables;
type PullTx = AsyncReadTx<PullTables>;

export function parseCursor(cursor: string): ParsedCursor | null {
  if (cursor === '') return { kind: 'snapshot', head: -1, after: '', done: 0 };
  if (/^\d{1,15}$/.test(cursor)) return { kind: 'feed', seq: Number(cursor) };
  const m = /^s\.(\d{1,15})\.(\d{1,9})\.([A-Za-z0-9_-]{0,64})$/.exec(cursor);
  return m ? { kind: 'snapshot', head: Number(m[1]), done: Number(m[2]), after: m[3]! } : null;
}

export function createPull({ storage }: { storage: AsyncStore<PullTables> }) {
  async function pull(agent: Agent, q: PullQuery): Promise<PullResponse> {
    return storage.read(async (tx) => {
      const { epoch, head } = await feedPosition(tx);
      if (q.protocol !== undefined && q.protocol < MIN_CLIENT_PROTOCOL)
        throw new DeskError('client_too_old', 'This Agent Desk is too old for the server; update it (your unsent replies are kept).');
      const cursor = parseCursor(q.cursor);
      if (!cursor) throw new DeskError('must_resync', 'The sync cursor is not one this server issued; resync.', { epoch });
      if (q.cursor !== '' && q.epoch !== undefined && q.epoch !== epoch)
        throw new DeskError('must_resync', 'The server was reset; resync (your outbox is kept).', { epoch });
      if (cursor.kind === 'snapshot') return snapshotPage(tx, agent, cursor, q.limit, epoch, head);
      if (cursor.seq > head) throw new DeskError('must_resync', 'The sync cursor is ahead of the server; resync.', { epoch });
      return feedPage(tx, agent, cursor.seq, q.limit, epoch, head);
    });
  }

  async function feedPage(tx: PullTx, agent: Agent, from: number, limit: number, epoch: string, head: number): Promise<PullResponse> {
    const rows = await tx.changeFeed.after(from, limit);
    const tickets: TicketCache = new Map();
    const byKey = new Map<string, Change>();
    for (const row of rows) {
      for (const c of await forAgent(tx, agent, row, tickets)) {
        const key = `${c.entity}:${c.id}`;
        byKey.delete(key); // keep the latest position
        byKey.set(key, c);
      }
    }
    const last = rows[rows.length - 1];
    return {
      epoch,
      changes: [...byKey.values()],
      cursor: String(last ? last.seq : from),
      hasMore: rows.length === limit,
      head,
      progress: null,
    };
  }

  async function snapshotPage(tx: PullTx, agent: Agent, cursor: SnapshotCursor, limit: number, epoch: string, feedHead: number): Promise<PullResponse> {
    const head = cursor.head >= 0 ? cursor.head : feedHead;
    const reader = readerOf(agent);
    // Reference data leads the first page only (head not pinned yet): it may fill that page on its
    // own, and the next page, still before any ticket, must not start it over.
    const out: Change[] = cursor.head < 0 ? await referenceData(tx, head) : [];
    const seenCustomers = new Set<string>();
    let after = cursor.after;
    let done = cursor.done;
    let more = true;
    while (out.length < limit) {
      const batch = await tx.tickets.visibleAfter(reader, after, 50);
      if (batch.length === 0) {
        more = false;
        break;
      }
      for (const t of batch) {
        out.push(...(await ticketBundle(tx, t, head, agent)));
        if (!seenCustomers.has(t.customer_id)) {
          seenCustomers.add(t.customer_id);
          out.push(...(await customerBundle(tx, t.customer_id, head)));
        }
        after = t.id;
        done++;
        if (out.length >= limit) break;
      }
    }
    if (more && (await tx.tickets.visibleAfter(reader, after, 1)).length === 0) more = false;
    const total = await tx.tickets.visibleCount(reader);
    return {
      epoch,
      changes: out,
      cursor: more ? `s.${head}.${done}.${after}` : String(head),
      hasMore: more || head < feedHead,
      head,
      progress: { done, total: Math.max(total, done) },
    };
  }

  return { pull };
}
export type Pull = ReturnType<typeof createPull>;
