/**
 * The formal-complaint list against a real desk server (issue 8): an agent escalates a chat to a
 * formal complaint; a supervisor's GET /api/supervisor/complaints lists it (when it became one,
 * its deadline, the business time left in its region's calendar), soonest due first; an agent is
 * refused with 403, audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComplaintList } from '../../src/shared/protocol/supervisor';
import { api, clientMsgId } from '../helpers/api';
import { startTestServer, type LoginResult, type TestServer } from '../helpers/server';
import { agentsIn, customerIn, setPresence, startChat } from '../helpers/world';

let srv: TestServer;
let agent: LoginResult;
let sup: LoginResult;

const push = (who: LoginResult, mutations: Record<string, unknown>[]) =>
  api<{ acks: Record<string, unknown>[] }>(srv.url, 'POST', '/api/sync/push', {
    token: who.token,
    body: { clientId: `client-${who.agent.id.slice(-12)}`, protocol: 1, mutations: mutations.map((m) => ({ clientMsgId: clientMsgId(), ...m })) },
  });
const complaints = async (token: string) => api<unknown>(srv.url, 'GET', '/api/supervisor/complaints', { token });

beforeAll(async () => {
  srv = await startTestServer({ customers: 100, historicTickets: 40 });
  agent = await srv.loginAgent((await agentsIn(srv, 'eu-north'))[0]!.email);
  sup = await srv.loginAgent('supervisor@demo.agentdesk.test');
  await setPresence(srv.url, agent.token, 'available', 8);
});
afterAll(async () => srv?.close());

describe('GET /api/supervisor/complaints', () => {
  it('lists a chat escalated to a formal complaint, with when it opened, its deadline and the business time left', async () => {
    const started = await startChat(srv.url, await customerIn(srv, 'eu-north', 0));
    expect(started.status).toBe(201);
    const ticketId = started.body.chat.ticketId as string;
    const before = Date.now();
    const res = await push(agent, [{ kind: 'ticket.escalate', ticketId, to: 'complaint', reason: 'Formal complaint about fees' }]);
    expect(res.body.acks[0]).toMatchObject({ status: 'applied' });

    const got = await complaints(sup.token);
    expect(got.status).toBe(200);
    const list = ComplaintList.parse(got.body);
    const row = list.complaints.find((c) => c.ticketId === ticketId);
    const t = (await srv.sqlOne('SELECT reference, complaint_due_at, complaint_opened_at, c.name AS customer FROM tickets JOIN customers c ON c.id = tickets.customer_id WHERE tickets.id = ?', ticketId)) as Record<string, string>;
    expect(row).toMatchObject({ reference: t.reference, customerName: t.customer, regionId: 'eu-north', dueAt: t.complaint_due_at, openedAt: t.complaint_opened_at, overdue: false });
    expect(Date.parse(row!.openedAt!)).toBeGreaterThanOrEqual(before - 1000);
    // Ten business days ahead: at least nine whole business days after today, and some open hours
    // (not more than the wall-clock time to the deadline).
    expect(row!.businessDaysLeft).toBeGreaterThanOrEqual(9);
    expect(row!.businessMsLeft).toBeGreaterThan(9 * 3_600_000);
    expect(row!.businessMsLeft).toBeLessThan(Date.parse(row!.dueAt!) - before);
    const spanMs = row!.openSpans.reduce((n, s) => n + Date.parse(s.end) - Date.parse(s.start), 0);
    expect(spanMs).toBe(row!.businessMsLeft);
    // Soonest due first, undated last.
    const due = list.complaints.map((c) => c.dueAt ?? '\uffff');
    expect(due).toEqual([...due].sort());
    // Every listed case is an open complaint.
    for (const c of list.complaints) expect(c.status).not.toBe('closed');
  });

  it('refuses an agent with 403, audited; validates the query', async () => {
    const res = await complaints(agent.token);
    expect(res.status).toBe(403);
    expect((res.body as { error: { code: string } }).error.code).toBe('forbidden');
    const denied = await srv.sql(`SELECT outcome FROM audit_log WHERE actor_id = ? AND action = 'supervisor.complaints'`, agent.agent.id);
    expect(denied).toEqual([{ outcome: 'denied' }]);
    expect((await api(srv.url, 'GET', '/api/supervisor/complaints?limit=5', { token: sup.token })).status).toBe(400);
  });
});
