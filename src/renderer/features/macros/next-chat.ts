/**
 * "Resolve and go to the next chat": the agent's next chat that needs a reply, from the chat
 * list the tickets store holds. Exported for the chat tabs too (they open the same chat).
 */
import type { TicketSummary } from '../../../shared/api/contract';
import type { Stores } from '../../app/stores';

/** A chat of the agent's where the customer waits on us (UX.md: the "Needs reply" group). */
export const needsReply = (t: Pick<TicketSummary, 'status' | 'waitingSince'>): boolean => (t.status === 'open' || t.status === 'queued') && t.waitingSince !== null;

const dueFirst = (a: TicketSummary, b: TicketSummary): number => {
  const due = (t: TicketSummary) => t.replyDueAt ?? '\uffff';
  return due(a) < due(b) ? -1 : due(a) > due(b) ? 1 : (a.waitingSince ?? '') < (b.waitingSince ?? '') ? -1 : (a.waitingSince ?? '') > (b.waitingSince ?? '') ? 1 : 0;
};

/** The chat that needs a reply soonest (least SLA time left, then longest wait), not `excludeId`. */
export function nextNeedingReply(rows: readonly TicketSummary[], excludeId: string | null): TicketSummary | null {
  return rows.filter((t) => t.id !== excludeId && needsReply(t)).sort(dueFirst)[0] ?? null;
}

/**
 * Opens the agent's next chat that needs a reply (from "Mine"), other than `fromTicketId` (by
 * default the open one). Returns its id, or null when no other chat needs a reply (the open
 * chat stays).
 */
export function goToNextNeedingReply(stores: Pick<Stores, 'tickets' | 'ui'>, fromTicketId: string | null = stores.tickets.getState().selectedId): string | null {
  const next = nextNeedingReply(stores.tickets.getState().lists.mine ?? [], fromTicketId);
  if (!next) return null;
  stores.ui.getState().showView('chats');
  stores.tickets.getState().select(next.id);
  stores.ui.getState().focus('composer');
  return next.id;
}
