/**
 * Closes resolved cases whose "one more thing" window has passed (lifecycle.ts). Safe with several
 * nodes on PostgreSQL: the candidates are read without locks, then each case is closed in its own
 * transaction that reads it for update and checks again, so two nodes closing at once close it
 * once (the second finds it closed, or reopened by the customer meanwhile, and does nothing).
 */
import type { Deps } from '../deps';
import { chatStateOf } from './chat-state';
import { feedTicket } from './feed';
import { systemMessage } from './messages';

/** Cases closed per pass at most; the next pass takes the rest. */
const BATCH = 200;

export function createCaseCloser(deps: Deps) {
  const { storage, hub, log, clock } = deps;

  /** Closes one case if it is still resolved and its window has passed; true when this call closed it. */
  async function closeOne(ticketId: string): Promise<boolean> {
    return storage.write(async (tx) => {
      const t = await tx.tickets.getForUpdate(ticketId);
      if (!t || t.status !== 'resolved' || !t.closes_at || t.closes_at > tx.now) return false;
      const u = await tx.tickets.update(t.id, { status: 'closed', closes_at: null }, t);
      await systemMessage(deps, tx, u, 'This chat is now closed. Thank you for contacting us.');
      await feedTicket(tx, u);
      await tx.audit({ actorKind: 'system', actorId: null, action: 'ticket.close', outcome: 'ok', ticketId: t.id, customerId: t.customer_id, details: { closesAt: t.closes_at } });
      const chat = await chatStateOf(deps, tx, u);
      tx.afterCommit(() => hub.toCustomer(t.id, { type: 'chat', chat }));
      return true;
    });
  }

  /** One pass: closes every case due now (up to a batch); returns how many this pass closed. */
  async function closeDue(): Promise<number> {
    const due = await storage.read((tx) => tx.tickets.dueToClose(clock.now().toISOString(), BATCH));
    let closed = 0;
    for (const id of due) {
      try {
        if (await closeOne(id)) closed++;
      } catch (err) {
        log.error({ err, ticketId: id }, 'closer: could not close a case; the next pass tries again');
      }
    }
    return closed;
  }

  return { closeDue, closeOne };
}
export type CaseCloser = ReturnType<typeof createCaseCloser>;
