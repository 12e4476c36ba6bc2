/** Where a waiting chat stands: its place in its region's queue and the expected wait. */
import type { QueueInfo } from '../../shared/protocol/customer';
import type { Deps } from '../deps';
import type { TicketDbRow } from '../storage/tables/tickets';

const DEFAULT_HANDLE_SEC = 600;

export function queueInfo({ store }: Pick<Deps, 'store'>, t: TicketDbRow): QueueInfo | null {
  if (t.status !== 'queued') return null;
  const queue = store.tickets.queuedInRegion(t.region_id).filter((q) => q.tier === t.tier);
  const position = Math.max(1, queue.findIndex((q) => q.id === t.id) + 1);
  const available = store.agents
    .all()
    .filter((a) => a.presence === 'available' && a.regions.includes(t.region_id) && a.tier >= t.tier && a.role !== 'supervisor');
  const handle = store.tickets.averageHandleSec(t.region_id) ?? DEFAULT_HANDLE_SEC;
  const parallel = Math.max(1, available.reduce((n, a) => n + a.capacity, 0));
  return { position, expectedWaitSec: Math.max(30, Math.round((position * handle) / parallel)) };
}
