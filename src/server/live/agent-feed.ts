/**
 * Live delivery of the change feed to agent sockets (SYNC.md "What the live stream is for").
 * The store hands committed feed rows to a synchronous listener; building each agent's changes
 * reads storage (async), so batches go through ONE serial queue: each batch is read, sent and
 * its sockets' `lastSent` advanced before the next batch starts. Frames therefore leave in feed
 * order, and a socket's `lastSent` always names what it was actually sent. A `subscribe` takes
 * its turn in the same queue, so no batch falls between the head it reads and the first frame.
 */
import type { AgentServerFrame } from '../../shared/protocol/agent-ws';
import type { Change } from '../../shared/protocol/sync';
import type { AsyncStore } from '../storage/async-store';
import type { Agent } from '../storage/tables/agents';
import type { FeedDbRow } from '../storage/tables/change-feed';
import { forAgentRows, ticketsFromSnapshots, type ChangeTables } from '../sync/changes';
import { feedPosition, type PositionTables } from '../sync/position';
import { parseCursor } from '../sync/pull';
import { createSerialQueue } from '../util/serial-queue';
import type { AgentConnection, Hub } from './hub';

export type AgentFeedTables = ChangeTables & PositionTables;

export interface AgentFeedDeps {
  storage: AsyncStore<AgentFeedTables>;
  hub: Pick<Hub, 'agentConnections'>;
  log: { error(obj: object, msg: string): void };
}

interface Planned {
  conn: AgentConnection;
  from: number;
  changes: Change[];
}

const send = (conn: AgentConnection, frame: AgentServerFrame) => conn.socket.send(JSON.stringify(frame));

export function createAgentFeed({ storage, hub, log }: AgentFeedDeps) {
  const serial = createSerialQueue();
  let queued: Promise<unknown> = Promise.resolve();
  const enqueue = <T>(task: () => Promise<T>): Promise<T> => {
    const run = serial(task);
    queued = run.catch(() => undefined);
    return run;
  };

  /** Each subscribed socket's changes for this batch, from one read. */
  function plan(rows: readonly FeedDbRow[], targets: readonly AgentConnection[]): Promise<Planned[]> {
    return storage.read(async (tx) => {
      // The tickets as this batch left them (the last snapshot of each wins); rows without a
      // snapshot (e.g. from another node) load the current row.
      const tickets = ticketsFromSnapshots(rows);
      const agents = new Map<string, Agent | null>();
      const out: Planned[] = [];
      for (const conn of targets) {
        if (!agents.has(conn.agentId)) agents.set(conn.agentId, await tx.agents.get(conn.agentId));
        const agent = agents.get(conn.agentId);
        if (!agent) continue;
        const from = conn.lastSent!;
        const changes = await forAgentRows(tx, agent, rows.filter((r) => r.seq > from), tickets);
        out.push({ conn, from, changes });
      }
      return out;
    });
  }

  async function deliver(rows: readonly FeedDbRow[]): Promise<void> {
    const last = rows[rows.length - 1]!.seq;
    const targets = [...hub.agentConnections()].filter((c) => c.lastSent !== null && c.lastSent < last);
    if (targets.length === 0) return;
    let planned: Planned[];
    try {
      planned = await plan(rows, targets);
    } catch (err) {
      // Nothing can be built: tell each socket it is behind and move it past the batch, so the
      // next frame's `from` shows the desktop a gap and it pulls (the pull is the truth).
      log.error({ err, seq: last }, 'agent feed: a batch could not be built; the sockets are told to pull');
      for (const conn of targets) {
        send(conn, { type: 'behind', head: last });
        conn.lastSent = last;
      }
      return;
    }
    for (const { conn, from, changes } of planned) {
      // Unchanged while the batch was read (subscribe waits its turn in this queue); nothing to
      // send keeps `from` where the desktop's cursor is.
      if (conn.lastSent !== from || changes.length === 0) continue;
      send(conn, { type: 'changes', from, seq: last, changes });
      conn.lastSent = last;
    }
  }

  return {
    /** The store's feed listener: synchronous, queues the batch behind the ones before it. */
    onFeed(rows: FeedDbRow[]): void {
      if (rows.length === 0) return;
      void enqueue(() => deliver(rows));
    },

    /**
     * Starts live delivery to a socket from the desktop's cursor, in its turn among the batches:
     * `lastSent` becomes the head read here, and a desktop behind it is told to pull.
     */
    subscribe(conn: AgentConnection, cursor: string, epoch: string): Promise<void> {
      return enqueue(async () => {
        const at = await storage.read(feedPosition);
        const parsed = parseCursor(cursor);
        if (epoch !== at.epoch || !parsed || parsed.kind !== 'feed' || parsed.seq > at.head) {
          send(conn, { type: 'must_resync', epoch: at.epoch });
          return;
        }
        conn.lastSent = at.head;
        if (parsed.seq < at.head) send(conn, { type: 'behind', head: at.head });
      });
    },

    /** Resolves when every batch queued so far has been delivered (tests, shutdown). */
    idle: (): Promise<void> => queued.then(() => undefined),
  };
}
export type AgentFeed = ReturnType<typeof createAgentFeed>;
