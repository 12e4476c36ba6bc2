/** Where a waiting chat stands: its place in its region's queue and the expected wait. */
import type { QueueInfo } from '../../shared/protocol/customer';
import type { Deps } from '../deps';
import type { AsyncReadTx, AsyncStore } from '../storage/async-store';
import type { TicketDbRow } from '../storage/tables/tickets';

const DEFAULT_HANDLE_SEC = 600;
const HANDLE_CACHE_MS = 60_000;

// The average handle time moves slowly; recompute it at most once a minute per region (per
// storage: tests run several servers in one process).
const handleCache = new WeakMap<AsyncStore, Map<string, { at: number; sec: number }>>();
async function averageHandleSec(storage: AsyncStore, tx: AsyncReadTx, regionId: string): Promise<number> {
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
  const available = (await tx.agents.all()).filter(
    (a) => a.presence === 'available' && a.regions.includes(t.region_id) && a.tier >= t.tier && a.role !== 'supervisor',
  );
  const parallel = Math.max(1, available.reduce((n, a) => n + a.capacity, 0));
  return { position, expectedWaitSec: Math.max(30, Math.round((position * (await averageHandleSec(storage, tx, t.region_id))) / parallel)) };
}
