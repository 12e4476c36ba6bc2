/** Where a waiting chat stands: its place in its region's queue and the expected wait. */
import type { QueueInfo } from '../../shared/protocol/customer';
import type { Deps } from '../deps';
import type { AsyncReadTx, AsyncStore } from '../storage/async-store';
import type { Agent } from '../storage/tables/agents';
import type { TicketDbRow } from '../storage/tables/tickets';

const DEFAULT_HANDLE_SEC = 600;
const HANDLE_CACHE_MS = 60_000;

// The average handle time moves slowly; recompute it at most once a minute per region (per
// storage: tests run several servers in one process).
const handleCache = new WeakMap<AsyncStore, Map<string, { at: number; sec: number }>>();
export async function averageHandleSec(storage: AsyncStore, tx: AsyncReadTx, regionId: string): Promise<number> {
  let cache = handleCache.get(storage);
  if (!cache) handleCache.set(storage, (cache = new Map()));
  const hit = cache.get(regionId);
  const now = Date.now();
  if (hit && now - hit.at < HANDLE_CACHE_MS) return hit.sec;
  const sec = (await tx.tickets.averageHandleSec(regionId)) ?? DEFAULT_HANDLE_SEC;
  cache.set(regionId, { at: now, sec });
  return sec;
}

/** Read through the caller's transaction; `deps.storage` only keys the cache. */
export async function queueInfo({ storage }: Pick<Deps, 'storage'>, tx: AsyncReadTx, t: TicketDbRow): Promise<QueueInfo | null> {
  if (t.status !== 'queued') return null;
  const position = await tx.tickets.queuePosition(t);
  const parallel = parallelCapacity(await tx.agents.all(), t.region_id, t.tier);
  return { position, expectedWaitSec: expectedWaitSec(position, await averageHandleSec(storage, tx, t.region_id), parallel) };
}

/** The chats a region's available agents (of the tier or above) can hold at once. */
export function parallelCapacity(agents: readonly Agent[], regionId: string, tier: number): number {
  let n = 0;
  for (const a of agents) if (a.presence === 'available' && a.regions.includes(regionId) && a.tier >= tier && a.role !== 'supervisor') n += a.capacity;
  return n;
}

/** The wait of the chat at `position`: that many average handle times shared by the parallel slots, at least 30 s. */
export function expectedWaitSec(position: number, handleSec: number, parallel: number): number {
  return Math.max(30, Math.round((position * handleSec) / Math.max(1, parallel)));
}

/**
 * What a chat started now in a region would wait: nothing while the region's available agents
 * have more free slots than chats are waiting (routing offers it at once), else its place behind
 * the waiting chats the free slots do not absorb.
 */
export function newChatWaitSec(
  agents: readonly Agent[],
  loads: ReadonlyMap<string, number>,
  regionId: string,
  waiting: number,
  handleSec: number,
): number {
  let free = 0;
  for (const a of agents)
    if (a.presence === 'available' && a.regions.includes(regionId) && a.role !== 'supervisor') free += Math.max(0, a.capacity - (loads.get(a.id) ?? 0));
  if (waiting < free) return 0;
  return expectedWaitSec(waiting - free + 1, handleSec, parallelCapacity(agents, regionId, 1));
}
