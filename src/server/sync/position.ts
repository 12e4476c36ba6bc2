/**
 * Where the change feed stands, as the pull, the agent gateway and /health report it: the epoch
 * (a new one means the server was reset: resync) and the head (the last seq).
 */
import type { AsyncReadTx, AsyncTables } from '../storage/async-store';

export type PositionTables = Pick<AsyncTables, 'meta' | 'changeFeed'>;

export interface FeedPosition {
  epoch: string;
  head: number;
}

export async function readEpoch(tx: AsyncReadTx<Pick<AsyncTables, 'meta'>>): Promise<string> {
  return (await tx.meta.get('epoch')) ?? 'unknown';
}

/** Epoch and head from one read (pass the `tx` of the read that needs them). */
export async function feedPosition(tx: AsyncReadTx<PositionTables>): Promise<FeedPosition> {
  return { epoch: await readEpoch(tx), head: await tx.changeFeed.head() };
}
