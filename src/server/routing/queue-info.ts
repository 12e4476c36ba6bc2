/** Where a waiting chat stands: its place in its region's queue and the expected wait. */
import type { QueueInfo } from '../../shared/protocol/customer';
import type { Deps } from '../deps';
import type { Store } from '../storage/store';
import type { TicketDbRow } from '../storage/tables/tickets';

const DEFAULT_HANDLE_SEC = 600;
const HANDLE_CACHE_MS = 60_000;

// The average handle time moves slowly; recompute it at most once a minute per region.
const handleCache = new WeakMap<Store, Map<string, { at: number; sec: number }>>();
function averageHandleSec(store: Store, regionId: string): number {
  let cache = handleCache.get(store);
  if (!cache) handleCache.set(store, (cache = new Map()));
  const hit = cache.get(regionId);
  const now = Date.now();
  if (hit && now - hit.at < HANDLE_CACHE_MS) return hit.sec;
  const sec = store.tickets.averageHandleSec(regionId) ?? DEFAULT_HANDLE_SEC;
  cache.set(regionId, { at: now, sec });
  return sec;
}

export function queueInfo({ store }: Pick<Deps, 'store'>, t: TicketDbRow): QueueInfo | null {
  if (t.status !== 'queued') return null;
  const position = store.tickets.queuePosition(t);
  const available = store.agents
    .all()
    .filter((a) => a.presence === 'available' && a.regions.includes(t.region_id) && a.tier >= t.tier && a.role !== 'supervisor');
  const parallel = Math.max(1, available.reduce((n, a) => n + a.capacity, 0));
  return { position, expectedWaitSec: Math.max(30, Math.round((position * averageHandleSec(store, t.region_id)) / parallel)) };
}
