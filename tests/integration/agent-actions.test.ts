import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, clientMsgId } from '../helpers/api';
import { startTestServer, type LoginResult, type TestServer } from '../helpers/server';
import { agentsIn, setPresence, startChat } from '../helpers/world';
import { customerSocket } from '../helpers/ws';

let srv: TestServer;
let agent: LoginResult;
let senior: LoginResult;

const push = (who: LoginResult, mutations: Record<string, unknown>[]) =>
  api<{ acks: Record<string, unknown>[] }>(srv.url, 'POST', '/api/sync/push', {
    token: who.token,
    body: { clientId: `client-${who.agent.id.slice(-12)}`, protocol: 1, mutations: mutations.map((m) => ({ clientMsgId: clientMsgId(), ...m })) },
  });

/** A chat for a customer matching `where`, assigned to `who` (who must be the only one available). */
async function chatFor(where: string): Promise<{ ticketId: string; customerId: string; token: string }> {
  // A customer with no chat under way: a second start would join that chat (a second tab).
  const c = await srv.sqlOne(`SELECT c.id FROM customers c WHERE c.region_id = 'eu-north' AND ${where}
         AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.customer_id = c.id AND t.channel = 'chat' AND t.status IN ('queued','open','pending')) LIMIT 1`) as { id: string } | undefined;
  if (!c) throw new Error(`no eu-north customer where ${where}`);
  const started = await startChat(srv.url, c.id);
  expect(started.status).toBe(201);
  return { ticketId: started.body.chat.ticketId, customerId: c.id, token: started.body.token };
}

const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  srv = await startTestServer({ customers: 300, historicTickets: 60 });
  agent = await srv.loginAgent((await agentsIn(srv, 'eu-north'))[0]!.email);
  senior = await srv.loginAgent((await agentsIn(srv, 'eu-north', 'senior'))[0]?.email ?? 'senior@demo.agentdesk.test');
  await setPresence(srv.url, agent.token, 'available', 8);
});
afterAll(async () => srv?.close());

describe('account actions', () => {
  it('lets a tier-1 agent extend a due date by up to 14 days, refuses more, and audits both', async () => {
    const chat = await chatFor(`EXISTS (SELECT 1 FROM installments i WHERE i.customer_id = c.id AND i.status = 'scheduled')`);
    const inst = await srv.sqlOne(`SELECT id, due_date FROM installments WHERE customer_id = ? AND status = 'scheduled' ORDER BY due_date LIMIT 1`, chat.customerId) as { id: string; due_date: string };
    const res = await push(agent, [
      { kind: 'account.extendDueDate', ticketId: chat.ticketId, installmentId: inst.id, newDueDate: addDays(inst.due_date, 20) },
      { kind: 'account.extendDueDate', ticketId: chat.ticketId, installmentId: inst.id, newDueDate: addDays(inst.due_date, 10) },
    ]);
    expect(res.body.acks).toMatchObject([{ status: 'rejected', code: 'forbidden_role' }, { status: 'applied' }]);
    expect(await srv.sqlOne('SELECT due_date FROM installments WHERE id = ?', inst.id)).toEqual({ due_date: addDays(inst.due_date, 10) });
    const audit = await srv.sql(`SELECT outcome FROM audit_log WHERE action = 'account.extendDueDate' AND ticket_id = ? ORDER BY id`, chat.ticketId);
    expect(audit).toEqual([{ outcome: 'rejected' }, { outcome: 'ok' }]);
    // The customer is told in the chat.
    const sys = await srv.sqlOne(`SELECT body FROM messages WHERE ticket_id = ? AND author_kind = 'system' ORDER BY created_at DESC, id DESC LIMIT 1`, chat.ticketId) as { body: string };
    expect(sys.body).toContain(addDays(inst.due_date, 10));
  });

  it("refuses to touch another customer's installment", async () => {
    const chat = await chatFor('1 = 1');
    const foreign = await srv.sqlOne(`SELECT id, due_date FROM installments WHERE customer_id <> ? AND status = 'scheduled' LIMIT 1`, chat.customerId) as { id: string; due_date: string };
    const res = await push(agent, [{ kind: 'account.extendDueDate', ticketId: chat.ticketId, installmentId: foreign.id, newDueDate: addDays(foreign.due_date, 3) }]);
    expect(res.body.acks[0]).toMatchObject({ status: 'rejected', code: 'not_found' });
    expect(await srv.sqlOne('SELECT due_date FROM installments WHERE id = ?', foreign.id)).toEqual({ due_date: foreign.due_date });
  });

  it('pauses the open installments of an order while its return is open', async () => {
    const chat = await chatFor(
      `EXISTS (SELECT 1 FROM returns r JOIN installments i ON i.order_id = r.order_id WHERE r.customer_id = c.id AND r.status IN ('requested','in_transit','received'))`,
    );
    const ret = await srv.sqlOne(`SELECT id, order_id FROM returns WHERE customer_id = ? AND status IN ('requested','in_transit','received') LIMIT 1`, chat.customerId) as { id: string; order_id: string };
    // Make one installment payable again so there is something to pause.
    await srv.sql(`UPDATE installments SET status = 'scheduled' WHERE id = (SELECT id FROM installments WHERE order_id = ? AND status <> 'paid' LIMIT 1)`, ret.order_id);
    const res = await push(agent, [{ kind: 'account.pauseInstallments', ticketId: chat.ticketId, orderId: ret.order_id, returnId: ret.id }]);
    expect(res.body.acks[0]).toMatchObject({ status: 'applied' });
    const statuses = await srv.sql(`SELECT DISTINCT status FROM installments WHERE order_id = ? AND status <> 'paid'`, ret.order_id);
    expect(statuses).toEqual([{ status: 'paused' }]);
  });

  it('resends a verification link only for unverified accounts', async () => {
    const chat = await chatFor(`EXISTS (SELECT 1 FROM accounts a WHERE a.customer_id = c.id AND a.verification_status IN ('failed','not_started'))`);
    const res = await push(agent, [{ kind: 'account.resendVerification', ticketId: chat.ticketId }]);
    expect(res.body.acks[0]).toMatchObject({ status: 'applied' });
    expect(await srv.sqlOne('SELECT verification_status FROM accounts WHERE customer_id = ?', chat.customerId)).toEqual({ verification_status: 'pending' });
    const verified = await chatFor(`EXISTS (SELECT 1 FROM accounts a WHERE a.customer_id = c.id AND a.verification_status = 'verified')`);
    const again = await push(agent, [{ kind: 'account.resendVerification', ticketId: verified.ticketId }]);
    expect(again.body.acks[0]).toMatchObject({ status: 'rejected', code: 'invalid' });
  });
});

describe('ticket actions', () => {
  it('accept, status, category, priority and resolve reach the customer and the audit log', async () => {
    const chat = await chatFor('1 = 1');
    const cust = await customerSocket(srv.url, chat.token);
    const res = await push(agent, [
      { kind: 'ticket.accept', ticketId: chat.ticketId },
      { kind: 'ticket.setCategory', ticketId: chat.ticketId, category: 'missed_payment' },
      { kind: 'ticket.setPriority', ticketId: chat.ticketId, priority: 'urgent' },
      { kind: 'message.reply', ticketId: chat.ticketId, body: 'Sorted — anything else?' },
      { kind: 'ticket.setStatus', ticketId: chat.ticketId, status: 'resolved' },
    ]);
    expect(res.body.acks.every((a) => a.status === 'applied')).toBe(true);
    const t = await srv.sqlOne('SELECT status, category, priority, accepted_at, first_response_at, resolved_at FROM tickets WHERE id = ?', chat.ticketId) as Record<string, unknown>;
    expect(t).toMatchObject({ status: 'resolved', category: 'missed_payment', priority: 'urgent' });
    expect(t.accepted_at).toBeTruthy();
    expect(t.first_response_at).toBeTruthy();
    expect(t.resolved_at).toBeTruthy();
    await cust.next((f) => f.type === 'message' && (f.message as { body: string }).body === 'Sorted — anything else?');
    await cust.next((f) => f.type === 'chat' && (f.chat as { status: string }).status === 'resolved');
    // The customer can now rate it.
    const rate = await api(srv.url, 'POST', '/api/chat/csat', { token: chat.token, body: { rating: 5 } });
    expect(rate.status).toBe(200);
    expect(await srv.sqlOne('SELECT csat FROM tickets WHERE id = ?', chat.ticketId)).toEqual({ csat: 5 });
    const actions = (await srv.sql(`SELECT action FROM audit_log WHERE ticket_id = ? AND actor_kind = 'agent' AND outcome = 'ok'`, chat.ticketId) as { action: string }[]).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['ticket.accept', 'ticket.setCategory', 'ticket.setPriority', 'message.reply', 'ticket.setStatus']));
    // Internal notes never reach the customer.
    await push(agent, [{ kind: 'message.note', ticketId: chat.ticketId, body: 'internal: customer was lovely' }]);
    expect(await cust.none((f) => JSON.stringify(f).includes('internal: customer'), 300)).toBe(true);
    const transcript = await api<string>(srv.url, 'GET', '/api/chat/transcript', { token: chat.token });
    expect(transcript.body).toContain('Sorted — anything else?');
    expect(transcript.body).not.toContain('internal: customer');
    cust.close();
  });

  it('escalation to a senior keeps the reference, requeues at tier 2 and hands it to an available senior', async () => {
    const chat = await chatFor('1 = 1');
    const ref = (await srv.sqlOne('SELECT reference FROM tickets WHERE id = ?', chat.ticketId) as { reference: string }).reference;
    await setPresence(srv.url, senior.token, 'available');
    const res = await push(agent, [{ kind: 'ticket.escalate', ticketId: chat.ticketId, to: 'senior', reason: 'Wants a fee waived' }]);
    expect(res.body.acks[0]).toMatchObject({ status: 'applied' });
    expect(await srv.sqlOne('SELECT reference, tier, assignee_id FROM tickets WHERE id = ?', chat.ticketId)).toEqual({ reference: ref, tier: 2, assignee_id: senior.agent.id });
    // The tier-1 agent has lost write access.
    const late = await push(agent, [{ kind: 'message.reply', ticketId: chat.ticketId, body: 'me again' }]);
    expect(late.body.acks[0]).toMatchObject({ status: 'rejected', code: 'not_assigned' });
    // The senior leaves before accepting: the escalated chat (answered by tier 1 before) goes back
    // to the senior queue instead of waiting on someone who is gone.
    await setPresence(srv.url, senior.token, 'offline');
    expect(await srv.sqlOne('SELECT status, tier, assignee_id FROM tickets WHERE id = ?', chat.ticketId)).toEqual({ status: 'queued', tier: 2, assignee_id: null });
  });

  it('a formal complaint gets its own deadline and goes to tier 3', async () => {
    const chat = await chatFor('1 = 1');
    await push(agent, [{ kind: 'ticket.escalate', ticketId: chat.ticketId, to: 'complaint', reason: 'Formal complaint about fees' }]);
    const t = await srv.sqlOne('SELECT tier, is_complaint, complaint_due_at, created_at, priority FROM tickets WHERE id = ?', chat.ticketId) as Record<string, string | number>;
    expect(t).toMatchObject({ tier: 3, is_complaint: 1, priority: 'urgent' });
    // Due at the end (local midnight) of the region's N-th business day: N business days are at
    // least N calendar days and, with weekends and holidays, not more than twice as many.
    const region = (await srv.sqlOne('SELECT complaint_business_days AS n FROM regions WHERE id = (SELECT region_id FROM tickets WHERE id = ?)', chat.ticketId)) as { n: number };
    const days = (Date.parse(String(t.complaint_due_at)) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(region.n);
    expect(days).toBeLessThan(2 * region.n + 1);
    const told = (await srv.sql("SELECT body FROM messages WHERE ticket_id = ? AND author_kind = 'system' AND body LIKE '%formal complaint%'", chat.ticketId)) as { body: string }[];
    expect(told[0]?.body).toMatch(/final response by the end of \w+day, \d{1,2} \w+ \d{4} \([A-Z]{3,5}[^)]*\)/);
  });
});
