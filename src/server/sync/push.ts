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
  const { storage, log } = deps;

  async function push(p: AgentPrincipal, req: PushRequest): Promise<PushResponse> {
    if (req.protocol < MIN_CLIENT_PROTOCOL)
      throw new DeskError('client_too_old', 'This Agent Desk is too old for the server; update it (your unsent replies are kept).');
    const claimed = await storage.write((tx) => tx.syncClients.claim(req.clientId, p.agent.id, tx.now));
    if (!claimed) throw new DeskError('forbidden', 'This client id belongs to another agent.');

    const acks: Ack[] = [];
    for (const m of req.mutations) {
      try {
        // The ack goes back only after the commit that applied it and recorded it in the ledger.
        const ack = await storage.write(async (tx) => {
          const earlier = await tx.pushAcks.get(req.clientId, m.clientMsgId);
          if (earlier) return earlier;
          // Re-read the agent inside the transaction: role or regions may have changed.
          const agent = (await tx.agents.get(p.agent.id))!;
          const a = await actions.apply(tx, agent, m);
          await tx.pushAcks.record(req.clientId, a, tx.now);
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
