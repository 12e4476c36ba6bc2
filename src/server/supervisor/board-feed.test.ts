import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Board } from '../../shared/protocol/supervisor';
import type { Deps } from '../deps';
import type { FeedDbRow } from '../storage/tables/change-feed';
import { createBoardFeed } from './board-feed';

/** A storage whose feed the test drives; the board itself comes from `compute`. */
function harness(minIntervalMs = 1000) {
  let listener: ((rows: FeedDbRow[]) => void) | null = null;
  const storage = { onFeed: (l: (rows: FeedDbRow[]) => void) => ((listener = l), () => (listener = null)) } as unknown as Deps['storage'];
  let n = 0;
  const compute = vi.fn(async (): Promise<Board> => ({ computedAt: `board ${++n}`, horizonSec: 120, queues: [], regions: [], agents: [], alerts: [], breachedTotal: 0, atRiskTotal: 0 }));
  const log = { error: vi.fn() } as unknown as Deps['log'];
  const feed = createBoardFeed({ storage, clock: { now: () => new Date() }, log }, { minIntervalMs, refreshMs: 60_000, compute });
  const socket = () => ({ frames: [] as string[], send(d: string) { this.frames.push(d); }, close() {} });
  return { feed, compute, socket, change: () => listener?.([] as FeedDbRow[]) };
}

afterEach(() => vi.useRealTimers());

describe('the board feed', () => {
  it('computes nothing while no supervisor is connected', async () => {
    vi.useFakeTimers();
    const h = harness();
    for (let i = 0; i < 10; i++) h.change();
    await vi.advanceTimersByTimeAsync(5000);
    expect(h.compute).not.toHaveBeenCalled();
    await h.feed.stop();
  });

  it('coalesces a burst into one computation a second, shared by every supervisor socket', async () => {
    vi.useFakeTimers();
    const h = harness();
    const sockets = [h.socket(), h.socket(), h.socket()];
    for (const s of sockets) h.feed.add(s);
    await vi.advanceTimersByTimeAsync(0);
    expect(h.compute).toHaveBeenCalledTimes(1); // the first board, once for all three
    // 50 changes within 900 ms: one more board, one second after the first
    for (let i = 0; i < 50; i++) {
      h.change();
      await vi.advanceTimersByTimeAsync(18);
    }
    expect(h.compute).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(h.compute).toHaveBeenCalledTimes(2);
    // every socket got the same two frames, the very same strings
    for (const s of sockets) expect(s.frames.map((f) => (JSON.parse(f) as { board: Board }).board.computedAt)).toEqual(['board 1', 'board 2']);
    expect(new Set(sockets.map((s) => s.frames[1])).size).toBe(1);
    // no change, no new board (until the slow refresh)
    await vi.advanceTimersByTimeAsync(5000);
    expect(h.compute).toHaveBeenCalledTimes(2);
    await h.feed.stop();
  });

  it('gives a supervisor joining the fresh board without recomputing; a removed socket gets nothing more', async () => {
    vi.useFakeTimers();
    const h = harness();
    const a = h.socket();
    h.feed.add(a);
    await vi.advanceTimersByTimeAsync(0);
    const b = h.socket();
    h.feed.add(b);
    expect(b.frames).toEqual(a.frames);
    expect(h.compute).toHaveBeenCalledTimes(1);
    h.feed.remove(a);
    h.change();
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.compute).toHaveBeenCalledTimes(2);
    expect(a.frames).toHaveLength(1);
    expect(b.frames).toHaveLength(2);
    // the HTTP read answers from the board just pushed
    expect((await h.feed.current()).computedAt).toBe('board 2');
    expect(h.compute).toHaveBeenCalledTimes(2);
    await h.feed.stop();
  });
});
