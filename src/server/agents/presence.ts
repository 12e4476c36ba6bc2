/** Agent presence and capacity, set by the agent and seen by routing. */
import type { Presence } from '../../shared/domain';
import type { Deps } from '../deps';
import type { Router } from '../routing/router';
import type { Agent } from '../storage/tables/agents';

export function createPresence(deps: Deps, router: Router) {
  const { storage, hub } = deps;

  async function set(agent: Agent, presence: Presence, reason: string | null, capacity?: number): Promise<Agent> {
    const updated = await storage.write(async (tx) => {
      // The update takes the agent's row (on PostgreSQL its lock), so routing's count waits for it.
      await tx.agents.setPresence(agent.id, presence, presence === 'away' ? reason : null, capacity ?? agent.capacity);
      await tx.feed({ entity: 'agent', entity_id: agent.id, op: 'upsert' });
      await tx.audit({ actorKind: 'agent', actorId: agent.id, action: 'agent.presence', outcome: 'ok', details: { presence, capacity: capacity ?? agent.capacity } });
      // Going offline hands unanswered chats back; going available (or more capacity) takes from the queue.
      if (presence === 'offline') await router.returnUnanswered(tx, agent.id);
      for (const r of agent.regions) await router.drain(tx, r);
      return (await tx.agents.get(agent.id))!;
    });
    hub.toAllAgents({ type: 'presence', agentId: agent.id, presence });
    return updated;
  }

  return { set };
}
export type PresenceService = ReturnType<typeof createPresence>;
