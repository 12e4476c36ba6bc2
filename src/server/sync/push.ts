/**
 * Push (SYNC.md "Writing" §3-5): mutations applied in order, each in its own transaction with
 * its ack recorded in the same commit; a duplicate gets its original ack back. A transient
 * failure stops the batch: the acks so far are returned and the rest is retried by the client.
 */
import { MIN_CLIENT_PROTOCOL } from '../../shared/protocol/errors';
import type { Ack, PushRequest, PushResponse } from '../../shared/protocol/mutations';
import type { Deps } from '../deps';
import { DeskError } from '../errors';
import type { AgentActions } from '../tickets/agent-actions';
import type { AgentPrincipal } from '../auth/sessions';

export function createPush(deps: Deps, actions: AgentActions) {
  const { store, log } = deps;

  function push(p: AgentPrincipal, req: PushRequest): PushResponse {
    if (req.protocol < MIN_CLIENT_PROTOCOL)
      throw new DeskError('client_too_old', 'This Agent Desk is too old for the server; update it (your unsent replies are kept).');
    const claimed = store.write((ctx) => store.syncClients.claim(req.clientId, p.agent.id, ctx.now));
    if (!claimed) throw new DeskError('forbidden', 'This client id belongs to another agent.');

    const acks: Ack[] = [];
    for (const m of req.mutations) {
      try {
        const ack = store.write((ctx) => {
          const earlier = store.pushAcks.get(req.clientId, m.clientMsgId);
          if (earlier) return earlier;
          // Re-read the agent inside the transaction: role or regions may have changed.
          const agent = store.agents.get(p.agent.id)!;
          const a = actions.apply(ctx, agent, m);
          store.pushAcks.record(req.clientId, a, ctx.now);
          return a;
        });
        acks.push(ack);
      } catch (err) {
        log.error({ err, kind: m.kind, clientMsgId: m.clientMsgId }, 'push: mutation failed; the client will retry');
        if (acks.length === 0) throw new DeskError('internal', 'The server could not apply your change just now; it will be retried.');
        break;
      }
    }
    return { acks };
  }

  return { push };
}
export type Push = ReturnType<typeof createPush>;
