/** Agent presence and capacity, set by the agent and seen by routing. */
import type { Presence } from '../../shared/domain';
import type { Deps } from '../deps';
import type { Router } from '../routing/router';
import type { Agent } from '../storage/tables/agents';

export function createPresence(deps: Deps, router: Router) {
  const { store, hub } = deps;

  function set(agent: Agent, presence: Presence, reason: string | null, capacity?: number): Agent {
    const updated = store.write((ctx) => {
      store.agents.setPresence(agent.id, presence, presence === 'away' ? reason : null, capacity ?? agent.capacity);
      ctx.feed({ entity: 'agent', entity_id: agent.id, op: 'upsert' });
      ctx.audit({ actorKind: 'agent', actorId: agent.id, action: 'agent.presence', outcome: 'ok', details: { presence, capacity: capacity ?? agent.capacity } });
      // Going offline hands unanswered chats back; going available (or more capacity) takes from the queue.
      if (presence === 'offline') router.returnUnanswered(ctx, agent.id);
      for (const r of agent.regions) router.drain(ctx, r);
      return store.agents.get(agent.id)!;
    });
    hub.toAllAgents({ type: 'presence', agentId: agent.id, presence });
    return updated;
  }

  return { set };
}
export type PresenceService = ReturnType<typeof createPresence>;
