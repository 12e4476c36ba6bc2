/**
 * Phone (issue 8, "Channels"): an agent starts a case from a call. The caller is found by email
 * among verified customers of the agent's regions (supervisors: all), an authorised and audited
 * lookup; the new case is a 'phone' ticket assigned to the agent, open, with the call logged on it.
 * (Logging a call on an existing case is the `call.log` mutation, agent-actions.ts.)
 */
import { z } from 'zod';
import { CallCaseSubject, CallFields, callSummary } from '../../shared/calls';
import { maskCardNumbers } from '../../shared/card-mask';
import { Category, CATEGORY_LABELS } from '../../shared/domain';
import type { Deps } from '../deps';
import { DeskError } from '../errors';
import type { AsyncReadTx } from '../storage/async-store';
import type { Agent } from '../storage/tables/agents';
import type { CustomerDbRow } from '../storage/tables/customers';
import { newId, newReference } from '../util/ids';
import { feedTicket } from './feed';
import { addMessage, systemMessage } from './messages';

export const CustomerLookupQuery = z.strictObject({ email: z.string().trim().email().max(200) });
export const CaseFromCallBody = z.strictObject({
  customerId: z.string().min(1).max(64),
  category: Category,
  subject: CallCaseSubject.optional(),
  ...CallFields,
});
export type CaseFromCallBody = z.infer<typeof CaseFromCallBody>;

export interface FoundCustomer {
  customerId: string;
  name: string;
  regionId: string;
}

const mayServe = (agent: Agent, c: Pick<CustomerDbRow, 'region_id'>) => agent.role === 'supervisor' || agent.regions.includes(c.region_id);

export function createPhone(deps: Deps) {
  const { storage } = deps;

  /** Verified customers with this email the agent may serve; the lookup is audited either way. */
  async function lookup(agent: Agent, email: string): Promise<FoundCustomer[]> {
    return storage.write(async (tx) => {
      const found = (await tx.customers.verifiedListByEmail(email)).filter((c) => mayServe(agent, c));
      await tx.audit({ actorKind: 'agent', actorId: agent.id, action: 'customer.lookup', outcome: 'ok', details: { by: 'email', found: found.length } });
      return found.map((c) => ({ customerId: c.id, name: c.name, regionId: c.region_id }));
    });
  }

  async function uniqueReference(tx: AsyncReadTx): Promise<string> {
    for (let i = 0; i < 10; i++) {
      const r = newReference();
      if (!(await tx.tickets.getByReference(r))) return r;
    }
    throw new DeskError('internal', 'Could not allocate a reference number; try again.');
  }

  /** A new 'phone' case for the caller, assigned to the agent and open, with the call on it. */
  async function caseFromCall(agent: Agent, req: CaseFromCallBody): Promise<{ ticketId: string; reference: string }> {
    const found = await storage.read((tx) => tx.customers.get(req.customerId));
    if (!found || found.identity !== 'verified' || !mayServe(agent, found)) {
      // The refusal is audited in a commit of its own (a failing transaction would roll it back).
      await storage.write((tx) => tx.audit({ actorKind: 'agent', actorId: agent.id, action: 'case.from_call', outcome: 'denied', customerId: found?.id ?? null }));
      throw new DeskError('forbidden', 'You cannot open a case for that customer.');
    }
    const customer = found;
    return storage.write(async (tx) => {
      const id = newId();
      const reference = await uniqueReference(tx);
      const notes = maskCardNumbers(req.notes);
      // Blank: the case is named by its category.
      const subject = req.subject ? maskCardNumbers(req.subject) : `Phone call · ${CATEGORY_LABELS[req.category]}`;
      await tx.tickets.insert({
        id,
        reference,
        customer_id: customer.id,
        channel: 'phone',
        category: req.category,
        status: 'open',
        priority: 'normal',
        tier: 1,
        region_id: customer.region_id,
        assignee_id: agent.id,
        subject,
        order_number: null,
        linked_ticket_id: null,
        created_at: tx.now,
        queued_at: null,
        last_message_at: tx.now,
        waiting_since: null,
        reply_due_at: null,
      });
      // Taken and answered on the call itself.
      let t = await tx.tickets.update(id, { accepted_at: tx.now, first_response_at: tx.now, offered_at: tx.now });
      await tx.calls.insert({ id: newId(), ticket_id: id, customer_id: customer.id, agent_id: agent.id, direction: req.direction, duration_sec: req.durationSec, outcome: req.outcome, notes, created_at: tx.now });
      await systemMessage(deps, tx, t, `Case opened from a phone call · ${CATEGORY_LABELS[req.category]}`);
      await addMessage(deps, tx, t, { authorKind: 'note', authorId: agent.id, authorName: agent.name, body: `📞 ${callSummary(req)}${notes ? `\n${notes}` : ''}` });
      t = (await tx.tickets.get(id))!;
      await feedTicket(tx, t, { gainedBy: agent.id });
      await tx.audit({ actorKind: 'agent', actorId: agent.id, action: 'case.from_call', outcome: 'ok', ticketId: id, customerId: customer.id, details: { direction: req.direction, durationSec: req.durationSec, outcome: req.outcome } });
      return { ticketId: id, reference };
    });
  }

  return { lookup, caseFromCall };
}
export type Phone = ReturnType<typeof createPhone>;
