/**
 * The live board for the supervisors connected to this node (docs/figures.md, "Live"): the feed
 * says something changed, the board is recomputed at most once per `minIntervalMs` (changes in
 * between coalesce into one recomputation), once for all of this node's supervisors, and the same
 * serialised `board` frame goes to each of their sockets. Waits grow without any change, so the
 * board is also refreshed every `refreshMs` while a supervisor is connected. No supervisor
 * connected: nothing is computed. Each node of a PostgreSQL desk does this for its own sockets;
 * its feed listener sees every node's commits.
 */
import type { Board } from '../../shared/protocol/supervisor';
import type { Deps } from '../deps';
import type { LiveSocket } from '../live/hub';
import { readBoard } from './board';

export interface BoardFeedOptions {
  minIntervalMs?: number;
  refreshMs?: number;
  /** How the board is computed (default: `readBoard` in one read transaction); tests count calls. */
  compute?: () => Promise<Board>;
}

export function createBoardFeed(deps: Pick<Deps, 'storage' | 'clock' | 'log'>, opts: BoardFeedOptions = {}) {
  const minIntervalMs = opts.minIntervalMs ?? 1000;
  const refreshMs = opts.refreshMs ?? 10_000;
  const sockets = new Set<LiveSocket>();
  let latest: { board: Board; frame: string; at: number } | null = null;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let dirty = false;
  let stopped = false;
  let computations = 0;
  const compute = opts.compute ?? (() => deps.storage.read((tx) => readBoard(deps, tx)));

  function schedule(): void {
    dirty = true;
    if (stopped || timer || running || sockets.size === 0) return;
    const wait = latest ? Math.max(0, latest.at + minIntervalMs - Date.now()) : 0;
    timer = setTimeout(() => {
      timer = null;
      running = recompute().finally(() => {
        running = null;
        if (dirty) schedule();
      });
    }, wait);
  }

  async function recompute(): Promise<void> {
    dirty = false;
    if (stopped || sockets.size === 0) return;
    try {
      const board = await compute();
      computations++;
      const frame = JSON.stringify({ type: 'board', board });
      latest = { board, frame, at: Date.now() };
      for (const s of sockets) s.send(frame);
    } catch (err) {
      if (!stopped) deps.log.error({ err }, 'supervisor board: recomputation failed');
    }
  }

  // Any change makes the latest board stale (for `add` and `current` too); a recomputation is scheduled only for listeners.
  const offFeed = deps.storage.onFeed(() => {
    if (sockets.size) schedule();
    else dirty = true;
  });
  const refresh = setInterval(() => {
    if (sockets.size) schedule();
  }, refreshMs);
  refresh.unref();

  return {
    /** A supervisor's socket: it gets the board now (the latest if still fresh) and every update. */
    add(socket: LiveSocket): void {
      sockets.add(socket);
      if (latest && Date.now() - latest.at < minIntervalMs && !dirty) socket.send(latest.frame);
      else schedule();
    },
    remove(socket: LiveSocket): void {
      sockets.delete(socket);
    },
    /** The board as of at most `minIntervalMs` ago (for GET /api/supervisor/board), computed if older. */
    async current(): Promise<Board> {
      if (latest && Date.now() - latest.at < minIntervalMs && !dirty) return latest.board;
      if (sockets.size === 0) dirty = false;
      const board = await compute();
      computations++;
      latest = { board, frame: JSON.stringify({ type: 'board', board }), at: Date.now() };
      return board;
    },
    /** How many times the board was computed (tests, the benchmark). */
    computations: () => computations,
    async stop(): Promise<void> {
      stopped = true;
      offFeed();
      clearInterval(refresh);
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
export type BoardFeed = ReturnType<typeof createBoardFeed>;
