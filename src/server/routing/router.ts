/**
 * Routing: a queue per region with business hours in the region's zone. A new chat goes to the
 * least-loaded available agent of its region (closest tier first) with spare capacity, else it
 * waits with a position and an expected wait. An agent going offline returns its unanswered
 * chats to the queue.
 */
import type { QueueFigures } from '../../shared/protocol/agent-ws';
import type { Deps } from '../deps';
import type { WriteContext } from '../storage/store';
import type { Agent } from '../storage/tables/agents';
import type { TicketDbRow } from '../storage/tables/tickets';
import { feedTicket } from '../tickets/feed';
import { systemMessage } from '../tickets/messages';
import { chatStateOf } from '../tickets/chat-state';
import { isOpenAt, nextOpening } from './business-hours';
import { queueInfo } from './queue-info';

export function createRouter(deps: Deps) {
  const { store, hub, clock } = deps;

  function regionStatus(regionId: string): { open: boolean; nextOpenAt: string | null } {
    const region = store.regions.get(regionId);
    if (!region || !region.chatEnabled) return { open: false, nextOpenAt: null };
    const now = clock.now();
    const open = isOpenAt(region.hours, region.timeZone, now);
    return { open, nextOpenAt: open ? null : (nextOpening(region.hours, region.timeZone, now)?.toISOString() ?? null) };
  }

  function eligibleAgents(t: TicketDbRow): { agent: Agent; load: number }[] {
    return store.agents
      .all()
      .filter((a) => a.presence === 'available' && a.role !== 'supervisor' && a.regions.includes(t.region_id) && a.tier >= t.tier)
      .filter((a) => !store.tickets.declinedBy(t.id, a.id))
      .map((agent) => ({ agent, load: store.tickets.chatLoad(agent.id) }))
      .filter(({ agent, load }) => load < agent.capacity);
  }

  /** Offers a queued ticket to the best agent; returns the agent or null if it keeps waiting. */
  function route(ctx: WriteContext, t: TicketDbRow): Agent | null {
    if (t.status !== 'queued' || t.assignee_id !== null) return null;
    const candidates = eligibleAgents(t).sort(
      (a, b) =>
        a.agent.tier - t.tier - (b.agent.tier - t.tier) ||
        a.load - b.load ||
        (a.agent.lastAssignedAt ?? '').localeCompare(b.agent.lastAssignedAt ?? ''),
    );
    const best = candidates[0]?.agent;
    if (!best) return null;
    assign(ctx, t, best);
    return best;
  }

  /**
   * Gives the ticket to the agent. Routing only offers it (`accepted` false): the customer is told
   * an agent joined when the agent accepts or replies (see `announceJoin`), not before.
   */
  function assign(ctx: WriteContext, t: TicketDbRow, agent: Agent, accepted = false): TicketDbRow {
    const updated = store.tickets.update(t.id, {
      assignee_id: agent.id,
      status: 'open',
      offered_at: ctx.now,
      accepted_at: accepted ? ctx.now : null,
    });
    store.agents.touchAssigned(agent.id, ctx.now);
    if (accepted) announceJoin(ctx, updated, agent);
    feedTicket(ctx, updated, { gainedBy: agent.id, lostRegion: t.status === 'queued' ? t.region_id : null });
    ctx.audit({ actorKind: 'system', actorId: null, action: 'ticket.route', outcome: 'ok', ticketId: t.id, details: { agentId: agent.id } });
    ctx.afterCommit(() => {
      hub.toAgent(agent.id, { type: 'chat.offered', ticketId: t.id, reference: t.reference });
      hub.toCustomer(t.id, { type: 'chat', chat: chatStateOf(deps, updated) });
    });
    return updated;
  }

  /** Tells the customer the agent joined (on accept, or on the first reply to an offered chat). */
  function announceJoin(ctx: WriteContext, t: TicketDbRow, agent: Pick<Agent, 'name'>): void {
    systemMessage(deps, ctx, t, `${agent.name.split(' ')[0]} joined the chat.`);
  }

  /** Offers waiting tickets (oldest first) while agents have room; tells the rest their new position. */
  function drain(ctx: WriteContext, regionId?: string): void {
    const queued = regionId ? store.tickets.queuedInRegion(regionId) : store.tickets.allQueued();
    const stillWaiting = new Set<string>();
    for (const t of queued) {
      if (!route(ctx, t)) stillWaiting.add(t.region_id);
    }
    ctx.afterCommit(() => {
      for (const r of stillWaiting) for (const t of store.tickets.queuedInRegion(r)) hub.toCustomer(t.id, { type: 'chat', chat: chatStateOf(deps, t) });
    });
  }

  /** Chats the agent never answered go back to the front of the queue (they keep their queued_at). */
  function returnUnanswered(ctx: WriteContext, agentId: string): number {
    const tickets = store.tickets.unansweredFor(agentId);
    for (const t of tickets) {
      const back = store.tickets.update(t.id, { assignee_id: null, status: 'queued', offered_at: null, accepted_at: null });
      systemMessage(deps, ctx, back, 'Your agent had to leave; you are back in the queue and keep your place.');
      feedTicket(ctx, back, { lostBy: agentId, enteredQueue: true });
      ctx.audit({ actorKind: 'system', actorId: null, action: 'ticket.requeue', outcome: 'ok', ticketId: t.id, details: { from: agentId } });
    }
    return tickets.length;
  }

  function figures(): QueueFigures[] {
    const now = clock.now().getTime();
    const agents = store.agents.all();
    return store.regions.all().map((r) => {
      const queued = store.tickets.queuedInRegion(r.id);
      const inRegion = agents.filter((a) => a.regions.includes(r.id) && a.role !== 'supervisor');
      const oldest = queued[0]?.queued_at;
      return {
        regionId: r.id,
        waiting: queued.length,
        longestWaitSec: oldest ? Math.max(0, Math.round((now - Date.parse(oldest)) / 1000)) : 0,
        agentsAvailable: inRegion.filter((a) => a.presence === 'available').length,
        agentsAtCapacity: inRegion.filter((a) => a.presence === 'available' && store.tickets.chatLoad(a.id) >= a.capacity).length,
      };
    });
  }

  return { regionStatus, route, assign, announceJoin, drain, returnUnanswered, queueInfo: (t: TicketDbRow) => queueInfo(deps, t), figures };
}
export type Router = ReturnType<typeof createRouter>;
