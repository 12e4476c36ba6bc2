/**
 * Several nodes: what another node committed reaches this node's customer sockets. The
 * committing node answers its own sockets right after its commit (afterCommit hooks); every
 * other node learns of the commit from the change feed (rows marked `remote`, PostgreSQL's
 * follower) and sends the same frames to the customer sockets it holds: a new or rewritten
 * message (never an internal note) and the chat's state when the ticket changed. Driven by the
 * feed, not by a message from the committing node, so a node killed right after its commit
 * loses nothing: the rows are in the feed, and every other node delivers them.
 *
 * Batches are handled one after another, so a customer sees messages in feed (commit) order.
 */
import type { CustomerServerFrame } from '../../shared/protocol/customer';
import type { Deps } from '../deps';
import type { FeedDbRow } from '../storage/tables/change-feed';
import { chatStateOf } from '../tickets/chat-state';
import { toCustomerMessage } from '../tickets/messages';

export function deliverRemoteCommits({ storage, hub, log }: Pick<Deps, 'storage' | 'hub' | 'log'>): () => void {
  let chain: Promise<void> = Promise.resolve();

  async function deliver(rows: FeedDbRow[]): Promise<void> {
    const frames = await storage.read(async (tx) => {
      const out: { ticketId: string; frame: CustomerServerFrame }[] = [];
      // A ticket changed several times in one batch: its state is sent once, where it last changed.
      const lastTicketRow = new Map(rows.filter((r) => r.entity === 'ticket').map((r) => [r.ticket_id, r]));
      for (const row of rows) {
        if (row.entity === 'ticket' && lastTicketRow.get(row.ticket_id) !== row) continue;
        const ticketId = row.ticket_id!;
        if (row.entity === 'message') {
          const m = await tx.messages.get(row.entity_id);
          if (m && m.author_kind !== 'note') out.push({ ticketId, frame: { type: 'message', message: toCustomerMessage(m) } });
        } else {
          const t = await tx.tickets.get(ticketId);
          if (t) out.push({ ticketId, frame: { type: 'chat', chat: await chatStateOf({ storage }, tx, t) } });
        }
      }
      return out;
    });
    for (const f of frames) hub.toCustomer(f.ticketId, f.frame);
  }

  return storage.onFeed((rows) => {
    const wanted = rows.filter(
      (r) => r.remote && r.ticket_id !== null && (r.entity === 'message' || r.entity === 'ticket') && hub.customerConnected(r.ticket_id),
    );
    if (wanted.length === 0) return;
    chain = chain.then(() => deliver(wanted)).catch((err: unknown) => log.error({ err }, 'remote commits: not delivered to customers on this node'));
  });
}
