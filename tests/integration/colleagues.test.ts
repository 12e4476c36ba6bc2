/**
 * Collision awareness over the agent gateway: an agent's `viewing` and `typing` frames reach the
 * other agents who may read the chat as ephemeral `colleague` frames (never in the change feed);
 * an agent who can't read the chat hears nothing, and can't announce itself in it either. A note
 * being typed never reaches the customer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';
import { agentsIn, customerIn, setPresence, startChat, triaged } from '../helpers/world';
import { agentSocket, customerSocket } from '../helpers/ws';

let srv: TestServer | null = null;
afterEach(async () => {
  await srv?.close();
  srv = null;
});

const isColleague = (ticketId: string) => (f: Record<string, unknown>) => f.type === 'colleague' && f.ticketId === ticketId;

describe('colleague activity (collision awareness)', () => {
  it('fans viewing and typing out to agents who can read the chat, and nothing to one who can not', async () => {
    const s = (srv = await startTestServer());
    const [a, b] = await agentsIn(s, 'eu-north');
    const [sup] = await agentsIn(s, 'eu-north', 'supervisor');
    const la = await s.loginAgent(a!.email);
    const lb = await s.loginAgent(b!.email);
    const ls = await s.loginAgent(sup!.email);
    await setPresence(s.url, la.token, 'available');
    const chat = await startChat(s.url, await customerIn(s, 'eu-north', 3));
    const ticketId = chat.body.chat.ticketId;
    // Routed to A (B is not available): B may not read A's open chat, the supervisor may.
    expect((await s.sqlOne('SELECT assignee_id FROM tickets WHERE id = ?', ticketId) as { assignee_id: string }).assignee_id).toBe(la.agent.id);

    const sa = await agentSocket(s.url, la.token);
    const sb = await agentSocket(s.url, lb.token);
    const ss = await agentSocket(s.url, ls.token);
    const cust = await customerSocket(s.url, chat.body.token);

    const head = async () => (await s.sqlOne('SELECT max(seq) AS n FROM change_feed') as { n: number }).n;
    // Triage writes its reading of the new chat a moment after it starts: counted before, not during.
    await triaged(s, ticketId);
    const headBefore = await head();

    // A opens the chat: the supervisor hears it, B does not.
    sa.send({ type: 'viewing', ticketId });
    expect(await ss.next(isColleague(ticketId))).toMatchObject({ agentId: la.agent.id, name: a!.name, state: 'viewing' });

    // The supervisor opens it too: A hears it, and the supervisor is told who is already there.
    ss.send({ type: 'viewing', ticketId });
    expect(await sa.next(isColleague(ticketId))).toMatchObject({ agentId: ls.agent.id, name: sup!.name, state: 'viewing' });
    expect(await ss.next(isColleague(ticketId))).toMatchObject({ agentId: la.agent.id, state: 'viewing' });

    // The supervisor types a note: A sees "typing", the customer hears nothing of it.
    ss.send({ type: 'typing', ticketId, typing: true, kind: 'note' });
    expect(await sa.next(isColleague(ticketId))).toMatchObject({ agentId: ls.agent.id, state: 'typing' });
    // A types a reply: the customer and the supervisor hear it.
    sa.send({ type: 'typing', ticketId, typing: true, kind: 'reply' });
    expect(await ss.next(isColleague(ticketId))).toMatchObject({ agentId: la.agent.id, state: 'typing' });
    expect(await cust.next((f) => f.type === 'typing' && f.typing === true)).toMatchObject({ agentName: a!.name.split(' ')[0] });
    sa.send({ type: 'typing', ticketId, typing: false, kind: 'reply' });
    expect(await ss.next(isColleague(ticketId))).toMatchObject({ agentId: la.agent.id, state: 'viewing' });

    // B claims to view (and type in) a chat it can't read: nobody hears of it, and B learns nothing.
    sb.send({ type: 'viewing', ticketId });
    sb.send({ type: 'typing', ticketId, typing: true, kind: 'reply' });
    expect(await sa.none((f) => f.type === 'colleague' && f.agentId === lb.agent.id, 300)).toBe(true);
    expect(await ss.none((f) => f.type === 'colleague' && f.agentId === lb.agent.id, 0)).toBe(true);
    expect(sb.frames.filter((f) => (f as { type: string }).type === 'colleague')).toEqual([]);

    // The supervisor's socket goes: A hears "left".
    ss.close();
    expect(await sa.next(isColleague(ticketId))).toMatchObject({ agentId: ls.agent.id, state: 'left' });
    // A moves on to no chat: nobody left to tell, B still hears nothing.
    sa.send({ type: 'viewing', ticketId: null });
    expect(await sb.none((f) => f.type === 'colleague', 300)).toBe(true);

    // Ephemeral: nothing of it in the change feed.
    expect(await head()).toBe(headBefore);
    for (const sock of [sa, sb, cust]) sock.close();
  });
});
