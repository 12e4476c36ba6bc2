/**
 * Pull (SYNC.md "Reading"). An empty cursor starts a snapshot of everything the agent may see,
 * paged by ticket, pinned to the feed head when it began; then the change feed from that head.
 * Changes carry current rows, so several feed rows for one entity in a page collapse to one.
 */
import { MIN_CLIENT_PROTOCOL } from '../../shared/protocol/errors';
import type { Change, PullQuery, PullResponse } from '../../shared/protocol/sync';
import type { Deps } from '../deps';
import { DeskError } from '../errors';
import type { Agent } from '../storage/tables/agents';
import type { TicketDbRow } from '../storage/tables/tickets';
import type { ChangeBuilder } from './changes';

type ParsedCursor = { kind: 'feed'; seq: number } | { kind: 'snapshot'; head: number; after: string; done: number };

export function parseCursor(cursor: string): ParsedCursor | null {
  if (cursor === '') return { kind: 'snapshot', head: -1, after: '', done: 0 };
  if (/^\d{1,15}$/.test(cursor)) return { kind: 'feed', seq: Number(cursor) };
  const m = /^s\.(\d{1,15})\.(\d{1,9})\.([A-Za-z0-9_-]{0,64})$/.exec(cursor);
  return m ? { kind: 'snapshot', head: Number(m[1]), done: Number(m[2]), after: m[3]! } : null;
}

export function createPull({ store }: Deps, changes: ChangeBuilder) {
  const visibleTicketsStmt = store.db.prepare<[string, string, string, number, number], TicketDbRow>(
    `SELECT * FROM tickets WHERE id > ? AND (assignee_id = ? OR (assignee_id IS NULL AND status = 'queued'
       AND region_id IN (SELECT value FROM json_each(?)) AND tier <= ?)) ORDER BY id LIMIT ?`,
  );
  const visibleCountStmt = store.db.prepare<[string, string, number], { n: number }>(
    `SELECT count(*) AS n FROM tickets WHERE assignee_id = ? OR (assignee_id IS NULL AND status = 'queued'
       AND region_id IN (SELECT value FROM json_each(?)) AND tier <= ?)`,
  );
  const allTicketsStmt = store.db.prepare<[string, number], TicketDbRow>('SELECT * FROM tickets WHERE id > ? ORDER BY id LIMIT ?');
  const allCountStmt = store.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM tickets');

  const visibleTickets = (agent: Agent, after: string, limit: number) =>
    agent.role === 'supervisor'
      ? allTicketsStmt.all(after, limit)
      : visibleTicketsStmt.all(after, agent.id, JSON.stringify(agent.regions), agent.tier, limit);
  const visibleCount = (agent: Agent) =>
    agent.role === 'supervisor' ? allCountStmt.get()!.n : visibleCountStmt.get(agent.id, JSON.stringify(agent.regions), agent.tier)!.n;

  function pull(agent: Agent, q: PullQuery): PullResponse {
    const epoch = store.epoch();
    if (q.protocol !== undefined && q.protocol < MIN_CLIENT_PROTOCOL)
      throw new DeskError('client_too_old', 'This Agent Desk is too old for the server; update it (your unsent replies are kept).');
    const cursor = parseCursor(q.cursor);
    const head = store.changeFeed.head();
    if (!cursor) throw new DeskError('must_resync', 'The sync cursor is not one this server issued; resync.', { epoch });
    if (q.cursor !== '' && q.epoch !== undefined && q.epoch !== epoch)
      throw new DeskError('must_resync', 'The server was reset; resync (your outbox is kept).', { epoch });

    if (cursor.kind === 'snapshot') {
      // Read in one transaction so the page is consistent with the head it is pinned to.
      return store.db.transaction(() => snapshotPage(agent, cursor, q.limit, epoch))();
    }
    if (cursor.seq > head) throw new DeskError('must_resync', 'The sync cursor is ahead of the server; resync.', { epoch });
    return store.db.transaction(() => {
      const rows = store.changeFeed.after(cursor.seq, q.limit);
      const ticketCache = new Map<string, TicketDbRow | null>();
      const byKey = new Map<string, Change>();
      for (const row of rows) {
        for (const c of changes.forAgent(agent, row, ticketCache)) {
          const key = `${c.entity}:${c.id}`;
          byKey.delete(key); // keep the latest position
          byKey.set(key, c);
        }
      }
      const last = rows[rows.length - 1];
      return {
        epoch,
        changes: [...byKey.values()],
        cursor: String(last ? last.seq : cursor.seq),
        hasMore: rows.length === q.limit,
        head,
        progress: null,
      };
    })();
  }

  function snapshotPage(agent: Agent, cursor: Extract<ParsedCursor, { kind: 'snapshot' }>, limit: number, epoch: string): PullResponse {
    const head = cursor.head >= 0 ? cursor.head : store.changeFeed.head();
    // Reference data leads the first page only (head not pinned yet): it may fill that page on its
    // own, and the next page, still before any ticket, must not start it over.
    const out: Change[] = cursor.head < 0 ? changes.referenceData(head) : [];
    const seenCustomers = new Set<string>();
    let after = cursor.after;
    let done = cursor.done;
    let more = true;
    while (out.length < limit) {
      const batch = visibleTickets(agent, after, 50);
      if (batch.length === 0) {
        more = false;
        break;
      }
      for (const t of batch) {
        out.push(...changes.ticketBundle(t, head));
        if (!seenCustomers.has(t.customer_id)) {
          seenCustomers.add(t.customer_id);
          out.push(...changes.customerBundle(t.customer_id, head));
        }
        after = t.id;
        done++;
        if (out.length >= limit) break;
      }
    }
    if (more && visibleTickets(agent, after, 1).length === 0) more = false;
    const total = visibleCount(agent);
    return {
      epoch,
      changes: out,
      cursor: more ? `s.${head}.${done}.${after}` : String(head),
      hasMore: more || head < store.changeFeed.head(),
      head,
      progress: { done, total: Math.max(total, done) },
    };
  }

  return { pull };
}
export type Pull = ReturnType<typeof createPull>;
