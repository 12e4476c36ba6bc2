/**
 * Routing: a queue per region, open by the region's business calendar (src/server/calendar). A new chat goes to the
 * least-loaded available agent of its region (closest tier first) with spare capacity, else it
 * waits with a position and an expected wait. An agent going offline returns its unanswered
 * chats to the queue.
 *
 * Every decision is made inside the caller's write transaction on rows it re-reads there, not on
 * what this process remembers: the ticket is read for update (it must still be queued and
 * unassigned), the chosen agent is read for update and its load counted after that (it must
 * still be available with a free slot). On PostgreSQL those reads lock the rows (`FOR UPDATE`,
 * and `SKIP LOCKED` for the next queued ticket), so when two nodes route at once no chat is
 * offered to two agents and no agent goes over capacity; on SQLite the single writer already
 * serialises them.
 */
import type { QueueFigures } from '../../shared/protocol/agent-ws';
import type { ChatState } from '../../shared/protocol/customer';
import { regionAvailability, type RegionAvailability } from '../calendar/availability';
import type { Deps } from '../deps';
import type { AsyncReadTx, AsyncWriteTx } from '../storage/async-store';
import type { Agent } from '../storage/tables/agents';
import type { Region } from '../storage/tables/regions';
import type { TicketDbRow } from '../storage/tables/tickets';
import { feedTicket } from '../tickets/feed';
import { systemMessage } from '../tickets/messages';
import { chatStateOf } from '../tickets/chat-state';
import { queueInfo } from './queue-info';

/** Whether an agent may be offered a ticket, before its load is counted. */
const mayTake = (a: Agent, t: TicketDbRow): boolean =>
  a.presence === 'available' && a.role !== 'supervisor' && a.regions.includes(t.region_id) && a.tier >= t.tier;

export function createRouter(deps: Deps) {
  const { storage, hub, clock } = deps;

  /** Open now by the region's business calendar (src/server/calendar), and its next opening or closing. */
  function statusOf(region: Region | null): RegionAvailability {
    return regionAvailability(region, clock.now());
  }

  async function regionStatus(tx: AsyncReadTx, regionId: string): Promise<RegionAvailability> {
    return statusOf(await tx.regions.get(regionId));
  }

  /** The agents who could take the ticket, best first (closest tier, least loaded, longest since an offer). */
  async function candidates(tx: AsyncWriteTx, t: TicketDbRow): Promise<Agent[]> {
    const ranked: { agent: Agent; load: number }[] = [];
    for (const agent of await tx.agents.all()) {
      if (!mayTake(agent, t) || (await tx.tickets.declinedBy(t.id, agent.id))) continue;
      const load = await tx.tickets.chatLoad(agent.id);
      if (load < agent.capacity) ranked.push({ agent, load });
    }
    return ranked
      .sort(
        (a, b) =>
          a.agent.tier - t.tier - (b.agent.tier - t.tier) ||
          a.load - b.load ||
          (a.agent.lastAssignedAt ?? '').localeCompare(b.agent.lastAssignedAt ?? ''),
      )
      .map((c) => c.agent);
  }

  /**
   * Offers a ticket this transaction holds (read for update) to the best agent who still has room
   * once locked; returns the agent, or null if it keeps waiting.
   */
  async function offer(tx: AsyncWriteTx, t: TicketDbRow): Promise<Agent | null> {
    if (t.status !== 'queued' || t.assignee_id !== null) return null;
    for (const candidate of await candidates(tx, t)) {
      // The ranking read unlocked rows: decide on the agent row locked, its load counted after.
      const agent = await tx.agents.getForUpdate(candidate.id);
      if (!agent || !mayTake(agent, t) || (await tx.tickets.chatLoad(agent.id)) >= agent.capacity) continue;
      await assign(tx, t, agent);
      return agent;
    }
    return null;
  }

  /** Offers a queued ticket to the best agent, on the ticket as it is now; returns the agent or null if it keeps waiting. */
  async function route(tx: AsyncWriteTx, ticketId: string): Promise<Agent | null> {
    const t = await tx.tickets.getForUpdate(ticketId);
    return t ? offer(tx, t) : null;
  }

  /**
   * Gives the ticket (read for update by the caller) to the agent. Routing only offers it
   * (`accepted` false): the customer is told an agent joined when the agent accepts or replies
   * (see `announceJoin`), not before.
   */
  async function assign(tx: AsyncWriteTx, t: TicketDbRow, agent: Agent, accepted = false): Promise<TicketDbRow> {
    const updated = await tx.tickets.update(t.id, {
      assignee_id: agent.id,
      status: 'open',
      offered_at: tx.now,
      accepted_at: accepted ? tx.now : null,
    });
    await tx.agents.touchAssigned(agent.id, tx.now);
    if (accepted) await announceJoin(tx, updated, agent);
    await feedTicket(tx, updated, { gainedBy: agent.id, lostRegion: t.status === 'queued' ? t.region_id : null });
    await tx.audit({ actorKind: 'system', actorId: null, action: 'ticket.route', outcome: 'ok', ticketId: t.id, details: { agentId: agent.id } });
    const chat = await chatStateOf(deps, tx, updated);
    tx.afterCommit(() => {
      hub.toAgent(agent.id, { type: 'chat.offered', ticketId: t.id, reference: t.reference });
      hub.toCustomer(t.id, { type: 'chat', chat });
    });
    return updated;
  }

  /** Tells the customer the agent joined (on accept, or on the first reply to an offered chat). */
  async function announceJoin(tx: AsyncWriteTx, t: TicketDbRow, agent: Pick<Agent, 'name'>): Promise<void> {
    await systemMessage(deps, tx, t, `${agent.name.split(' ')[0]} joined the chat.`);
  }

  /**
   * Offers the region's waiting tickets (oldest first) while agents have room; tells the rest
   * their new position (computed here, sent after the commit).
   */
  async function drain(tx: AsyncWriteTx, regionId: string): Promise<void> {
    let stillWaiting = false;
    let after: TicketDbRow | null = null;
    for (let t = await tx.tickets.nextQueuedForUpdate(regionId); t; t = await tx.tickets.nextQueuedForUpdate(regionId, after)) {
      after = t;
      if (!(await offer(tx, t))) stillWaiting = true;
    }
    if (!stillWaiting) return;
    const states: ChatState[] = [];
    for (const t of await tx.tickets.queuedInRegion(regionId)) states.push(await chatStateOf(deps, tx, t));
    tx.afterCommit(() => {
      for (const chat of states) hub.toCustomer(chat.ticketId, { type: 'chat', chat });
    });
  }

  /** Chats the agent never answered go back to the front of the queue (they keep their queued_at). */
  async function returnUnanswered(tx: AsyncWriteTx, agentId: string): Promise<number> {
    let returned = 0;
    for (const { id } of await tx.tickets.unansweredFor(agentId)) {
      // Locked and checked again: the agent may have answered or another node moved it meanwhile.
      const t = await tx.tickets.getForUpdate(id);
      // Answered and accepted: the agent's own chat, it stays. An escalated or transferred chat
      // offered and not accepted yet goes back, though a colleague answered it before.
      if (!t || t.assignee_id !== agentId || t.status !== 'open' || (t.first_response_at && t.accepted_at)) continue;
      const back = await tx.tickets.update(t.id, { assignee_id: null, status: 'queued', offered_at: null, accepted_at: null });
      await systemMessage(deps, tx, back, 'Your agent had to leave; you are back in the queue and keep your place.');
      await feedTicket(tx, back, { lostBy: agentId, enteredQueue: true });
      await tx.audit({ actorKind: 'system', actorId: null, action: 'ticket.requeue', outcome: 'ok', ticketId: t.id, details: { from: agentId } });
      returned++;
    }
    return returned;
  }

  /** The supervisors' queue figures, read in one go. */
  function figures(): Promise<QueueFigures[]> {
    const now = clock.now().getTime();
    return storage.read(async (tx) => {
      const agents = await tx.agents.all();
      const out: QueueFigures[] = [];
      for (const r of await tx.regions.all()) {
        const queued = await tx.tickets.queuedInRegion(r.id);
        const available = agents.filter((a) => a.regions.includes(r.id) && a.role !== 'supervisor' && a.presence === 'available');
        let atCapacity = 0;
        for (const a of available) if ((await tx.tickets.chatLoad(a.id)) >= a.capacity) atCapacity++;
        const oldest = queued[0]?.queued_at;
        out.push({
          regionId: r.id,
          waiting: queued.length,
          longestWaitSec: oldest ? Math.max(0, Math.round((now - Date.parse(oldest)) / 1000)) : 0,
          agentsAvailable: available.length,
          agentsAtCapacity: atCapacity,
        });
      }
      return out;
    });
  }

  return {
    statusOf,
    regionStatus,
    route,
    offer,
    assign,
    announceJoin,
    drain,
    returnUnanswered,
    queueInfo: (tx: AsyncReadTx, t: TicketDbRow) => queueInfo(deps, tx, t),
    figures,
  };
}
export type Router = ReturnType<typeof createRouter>;
