/** The reply clock: from the customer's oldest unanswered message to the region's reply target. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketRow } from '../../src/shared/domain';
import { fixedClock } from '../../src/server/util/clock';
import { api, clientMsgId } from '../helpers/api';
import { startTestServer, type LoginResult, type TestServer } from '../helpers/server';
import { agentsIn, customerIn, demoIdentityToken, setPresence, startChat } from '../helpers/world';

let srv: TestServer;
let agent: LoginResult;
const clock = fixedClock(new Date('2026-11-24T10:00:00Z'));

const row = async (id: string) => await srv.sqlOne('SELECT waiting_since, reply_due_at FROM tickets WHERE id = ?', id) as { waiting_since: string | null; reply_due_at: string | null };
const push = (mutations: unknown[]) =>
  api<{ acks: { status: string }[] }>(srv.url, 'POST', '/api/sync/push', { token: agent.token, body: { clientId: 'reply-clock-test', protocol: 1, mutations } });
const say = (token: string, body: string) => api(srv.url, 'POST', '/api/chat/messages', { token, body: { clientMsgId: clientMsgId(), body } });

beforeAll(async () => {
  srv = await startTestServer({ clock, seedNow: new Date('2026-11-24T10:00:00Z') });
  agent = await srv.loginAgent((await agentsIn(srv, 'eu-north'))[0]!.email);
  await setPresence(srv.url, agent.token, 'available');
});
afterAll(async () => srv?.close());

describe('reply clock', () => {
  it('starts with the first message, ignores later ones and system messages, stops on a reply, restarts on the next message', async () => {
    const target = (await srv.sqlOne(`SELECT first_response_target_sec AS s FROM regions WHERE id = 'eu-north'`) as { s: number }).s;
    const chat = await startChat(srv.url, await customerIn(srv, 'eu-north', 1));
    const id = chat.body.chat.ticketId;
    const t0 = clock.now().toISOString();
    expect(await row(id)).toEqual({ waiting_since: t0, reply_due_at: new Date(Date.parse(t0) + target * 1000).toISOString() });

    clock.advance(60_000);
    await say(chat.body.token, 'Hello? Anyone there?');
    expect((await row(id)).waiting_since).toBe(t0); // the oldest unanswered message counts
    expect((await push([{ kind: 'ticket.accept', clientMsgId: clientMsgId(), ticketId: id }])).body.acks[0]?.status).toBe('applied'); // a system message
    expect((await row(id)).waiting_since).toBe(t0);
    expect((await push([{ kind: 'message.note', clientMsgId: clientMsgId(), ticketId: id, body: 'Checking the ledger' }])).body.acks[0]?.status).toBe('applied');
    expect((await row(id)).waiting_since).toBe(t0);

    clock.advance(30_000);
    expect((await push([{ kind: 'message.reply', clientMsgId: clientMsgId(), ticketId: id, body: 'Hi! Looking into it.' }])).body.acks[0]?.status).toBe('applied');
    expect(await row(id)).toEqual({ waiting_since: null, reply_due_at: null });

    clock.advance(120_000);
    await say(chat.body.token, 'Thanks, any news?');
    const t1 = clock.now().toISOString();
    expect((await row(id)).waiting_since).toBe(t1);

    // The wire row carries it for the desktop's list.
    const pulled = await api<{ changes: { entity: string; id: string; row?: TicketRow }[] }>(srv.url, 'GET', '/api/sync/pull?cursor=&limit=1000', { token: agent.token });
    const wire = pulled.body.changes.find((c) => c.entity === 'ticket' && c.id === id)?.row;
    expect(wire).toMatchObject({ waitingSince: t1, replyDueAt: new Date(Date.parse(t1) + target * 1000).toISOString() });

    expect((await push([{ kind: 'ticket.setStatus', clientMsgId: clientMsgId(), ticketId: id, status: 'resolved' }])).body.acks[0]?.status).toBe('applied');
    expect(await row(id)).toEqual({ waiting_since: null, reply_due_at: null });
  });

  it('gives an email two business days in the region’s calendar: US Thanksgiving is skipped', async () => {
    // Tue 2026-11-24 05:00 EST; Wed 25 is one business day, Thu 26 is Thanksgiving, Fri 27 the second.
    const identityToken = await demoIdentityToken(srv.url, await customerIn(srv, 'na', 2));
    const email = await api<{ reference: string }>(srv.url, 'POST', '/api/chat/email', { body: { identityToken, category: 'refund_return', description: 'Where is my refund?' } });
    expect(email.status).toBe(201);
    const ticket = (await srv.sqlOne('SELECT waiting_since, reply_due_at FROM tickets WHERE reference = ?', email.body.reference)) as { waiting_since: string; reply_due_at: string };
    const now = clock.now().getTime(); // 2026-11-24 a few minutes after 10:00Z (the test above moved the clock)
    expect(ticket).toEqual({ waiting_since: new Date(now).toISOString(), reply_due_at: new Date(now + 3 * 86_400_000).toISOString() });
  });
});
