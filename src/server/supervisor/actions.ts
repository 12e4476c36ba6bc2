/**
 * What a supervisor does on the floor (issue 8): change an agent's presence or capacity,
 * reassign a chat, whisper to its agent, take it over, open any conversation silently. Each is
 * one write transaction that re-reads the rows it decides on (for update), audits, appends to the
 * change feed and, for a case, leaves a desk note in its history. Authorisation (the supervisor
 * role) is checked before, in the routes, where a refusal is audited.
 */
import { firstNameOf, transferVerdict } from '../../shared/transfer';
import type { SetAgentBody, SilentView } from '../../shared/protocol/supervisor';
import type { Deps } from '../deps';
import { DeskError } from '../errors';
import type { Router } from '../routing/router';
import type { AsyncWriteTx } from '../storage/async-store';
import { toWireAgent, type Agent } from '../storage/tables/agents';
import { toWireMessage } from '../storage/tables/messages';
import { toWireTicket, type TicketDbRow } from '../storage/tables/tickets';
import { chatStateOf } from '../tickets/chat-state';
import { feedTicket } from '../tickets/feed';
import { addMessage, systemMessage } from '../tickets/messages';

const LIVE: readonly TicketDbRow['status'][] = ['queued', 'open', 'pending'];

export interface ReassignInput {
  toAgentId: string;
  force: boolean;
  note?: string;
}

export function createSupervisorActions(deps: Deps, router: Router) {
  const { storage, hub } = deps;

  /** The live case, locked; a missing one is 404, an ended one 409. */
  async function liveCase(tx: AsyncWriteTx, ticketId: string): Promise<TicketDbRow> {
    const t = await tx.tickets.getForUpdate(ticketId);
    if (!t) throw new DeskError('not_found', 'This case does not exist.');
    if (!LIVE.includes(t.status)) throw new DeskError('conflict', 'This case has ended; reopen it first.');
    return t;
  }

  /** A desk note in the case's history: internal, written by the supervisor, fed to whoever may read the case. */
  const deskNote = (tx: AsyncWriteTx, t: TicketDbRow, sup: Agent, body: string) =>
    addMessage(deps, tx, t, { authorKind: 'note', authorId: sup.id, authorName: sup.name, body });

  async function notifyCustomer(tx: AsyncWriteTx, t: TicketDbRow): Promise<void> {
    const chat = await chatStateOf(deps, tx, t);
    tx.afterCommit(() => hub.toCustomer(t.id, { type: 'chat', chat }));
  }

  /** Sets another agent's presence and/or capacity, as the agent could; offline hands back its unanswered chats. */
  async function setAgent(sup: Agent, agentId: string, change: SetAgentBody) {
    const updated = await storage.write(async (tx) => {
      const before = await tx.agents.getForUpdate(agentId);
      if (!before) throw new DeskError('not_found', 'That agent does not exist.');
      const presence = change.presence ?? before.presence;
      const capacity = change.capacity ?? before.capacity;
      const reason = presence === 'away' ? (change.reason ?? (change.presence ? null : before.presenceReason)) : null;
      await tx.agents.setPresence(agentId, presence, reason, capacity);
      await tx.feed({ entity: 'agent', entity_id: agentId, op: 'upsert' });
      await tx.audit({
        actorKind: 'agent',
        actorId: sup.id,
        action: 'supervisor.agent',
        outcome: 'ok',
        details: { agentId, presence, capacity, before: { presence: before.presence, capacity: before.capacity } },
      });
      if (presence === 'offline') await router.returnUnanswered(tx, agentId);
      for (const r of before.regions) await router.drain(tx, r);
      return (await tx.agents.get(agentId))!;
    });
    hub.toAllAgents({ type: 'presence', agentId, presence: updated.presence });
    return toWireAgent(updated);
  }

  /** Gives a live chat to another agent (offered, as a transfer is), within capacity and presence unless forced. */
  async function reassign(sup: Agent, ticketId: string, input: ReassignInput) {
    return storage.write(async (tx) => {
      const t = await liveCase(tx, ticketId);
      const target = await tx.agents.getForUpdate(input.toAgentId);
      if (!target) throw new DeskError('not_found', 'That agent does not exist.');
      const load = await tx.tickets.chatLoad(target.id);
      const verdict = transferVerdict(sup.id, target, { regionId: t.region_id, tier: t.tier, assigneeId: t.assignee_id }, load);
      const overridable = !verdict.ok && (verdict.block === 'capacity' || verdict.block === 'presence');
      if (!verdict.ok && !(overridable && input.force)) throw new DeskError('conflict', overridable ? `${verdict.reason} Force it to assign anyway.` : verdict.reason);
      const forced = !verdict.ok;
      const from = t.assignee_id ? await tx.agents.get(t.assignee_id) : null;
      const u = await tx.tickets.update(t.id, { assignee_id: target.id, status: t.status === 'queued' ? 'open' : t.status, offered_at: tx.now, accepted_at: null });
      await systemMessage(deps, tx, u, `${firstNameOf(target.name)} will take over your chat.`);
      await deskNote(tx, u, sup, `Reassigned by ${sup.name} from ${from?.name ?? 'the queue'} to ${target.name}${forced ? ` (forced: ${verdict.ok ? '' : verdict.reason})` : ''}.${input.note ? ` ${input.note}` : ''}`);
      await feedTicket(tx, u, { gainedBy: target.id, lostBy: t.assignee_id, lostRegion: t.status === 'queued' ? t.region_id : null });
      await tx.audit({
        actorKind: 'agent',
        actorId: sup.id,
        action: 'supervisor.reassign',
        outcome: 'ok',
        ticketId: t.id,
        customerId: t.customer_id,
        details: { fromAgentId: t.assignee_id, toAgentId: target.id, forced, load, capacity: target.capacity },
      });
      tx.afterCommit(() => hub.toAgent(target.id, { type: 'chat.offered', ticketId: t.id, reference: t.reference }));
      await notifyCustomer(tx, u);
      return toWireTicket(u);
    });
  }

  /** A note only the assigned agent (and supervisors) see: flagged as a whisper, never sent to the customer. */
  async function whisper(sup: Agent, ticketId: string, body: string) {
    return storage.write(async (tx) => {
      const t = await liveCase(tx, ticketId);
      if (!t.assignee_id || t.assignee_id === sup.id) throw new DeskError('conflict', 'Nobody else is on this chat to whisper to.');
      const { message } = await addMessage(deps, tx, t, { authorKind: 'note', authorId: sup.id, authorName: sup.name, body, whisper: true });
      await tx.audit({
        actorKind: 'agent',
        actorId: sup.id,
        action: 'supervisor.whisper',
        outcome: 'ok',
        ticketId: t.id,
        customerId: t.customer_id,
        details: { toAgentId: t.assignee_id, messageId: message.id, body: `[${body.length} chars]` },
      });
      return toWireMessage(message);
    });
  }

  /** The supervisor becomes the assignee (accepted at once); the customer hears that they joined. */
  async function takeOver(sup: Agent, ticketId: string, note?: string) {
    return storage.write(async (tx) => {
      const t = await liveCase(tx, ticketId);
      if (t.assignee_id === sup.id) throw new DeskError('conflict', 'You already have this chat.');
      const from = t.assignee_id ? await tx.agents.get(t.assignee_id) : null;
      const u = await tx.tickets.update(t.id, { assignee_id: sup.id, status: t.status === 'queued' ? 'open' : t.status, offered_at: tx.now, accepted_at: tx.now });
      await router.announceJoin(tx, u, sup);
      await deskNote(tx, u, sup, `${sup.name} took over this chat from ${from?.name ?? 'the queue'}.${note ? ` ${note}` : ''}`);
      await feedTicket(tx, u, { gainedBy: sup.id, lostBy: t.assignee_id, lostRegion: t.status === 'queued' ? t.region_id : null });
      await tx.audit({ actorKind: 'agent', actorId: sup.id, action: 'supervisor.take_over', outcome: 'ok', ticketId: t.id, customerId: t.customer_id, details: { fromAgentId: t.assignee_id } });
      await notifyCustomer(tx, u);
      // The agent who lost it may take from the queue now.
      if (t.assignee_id) await router.drain(tx, t.region_id);
      return toWireTicket(u);
    });
  }

  /**
   * Any conversation, read-only: the case and its whole thread (notes and whispers too). Nothing
   * is marked read, no "viewing" marker reaches colleagues (that is the gateway's `viewing`
   * frame, which this does not send); the look itself is audited.
   */
  async function openSilently(sup: Agent, ticketId: string): Promise<SilentView> {
    const seen = await storage.read(async (tx) => {
      const t = await tx.tickets.get(ticketId);
      return t ? { t, messages: await tx.messages.forTicket(t.id) } : null;
    });
    await storage.write((tx) =>
      tx.audit({ actorKind: 'agent', actorId: sup.id, action: 'supervisor.open', outcome: 'ok', ticketId: seen?.t.id ?? null, customerId: seen?.t.customer_id ?? null, details: { found: seen !== null } }),
    );
    if (!seen) throw new DeskError('not_found', 'This case does not exist.');
    return { ticket: toWireTicket(seen.t), messages: seen.messages.map(toWireMessage) };
  }

  return { setAgent, reassign, whisper, takeOver, openSilently };
}
export type SupervisorActions = ReturnType<typeof createSupervisorActions>;
