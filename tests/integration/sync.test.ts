import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change, PullResponse } from '../../src/shared/protocol/sync';
import { PullResponse as PullResponseSchema } from '../../src/shared/protocol/sync';
import { api, clientMsgId } from '../helpers/api';
import { startTestServer, type LoginResult, type TestServer } from '../helpers/server';
import { agentsIn, customerIn, setPresence, startChat, triaged } from '../helpers/world';
import { agentSocket, customerSocket } from '../helpers/ws';

let srv: TestServer;
let alice: LoginResult; // tier-1 agent in eu-north
let bob: LoginResult; // another tier-1 agent in eu-north
let carol: LoginResult; // an agent of another region
let aliceTicket: string;

async function pullAll(token: string, cursor = '', limit = 200) {
  const changes: Change[] = [];
  let pages = 0;
  let res: PullResponse;
  do {
    const r = await api<PullResponse>(srv.url, 'GET', `/api/sync/pull?cursor=${encodeURIComponent(cursor)}&limit=${limit}`, { token });
    expect(r.status).toBe(200);
    res = PullResponseSchema.parse(r.body);
    changes.push(...res.changes);
    cursor = res.cursor;
    pages++;
  } while (res.hasMore && pages < 1000);
  return { changes, cursor, pages, epoch: res.epoch, last: res };
}

const push = (token: string, clientId: string, mutations: unknown[]) =>
  api<{ acks: Record<string, unknown>[] }>(srv.url, 'POST', '/api/sync/push', { token, body: { clientId, protocol: 1, mutations } });

beforeAll(async () => {
  srv = await startTestServer({ customers: 150, historicTickets: 150 });
  const [a, b] = await agentsIn(srv, 'eu-north');
  const other = await srv.sqlOne(`SELECT email FROM agents WHERE role = 'agent' AND regions_json NOT LIKE '%eu-north%' LIMIT 1`) as { email: string };
  alice = await srv.loginAgent(a!.email);
  bob = await srv.loginAgent(b!.email);
  carol = await srv.loginAgent(other.email);
  await setPresence(srv.url, alice.token, 'available');
  aliceTicket = (await startChat(srv.url, await customerIn(srv, 'eu-north'))).body.chat.ticketId;
  // Triage writes its reading of a new chat in a transaction of its own; the cursor tests compare
  // against the feed head, so they start after that write.
  await triaged(srv, aliceTicket);
});
afterAll(async () => srv?.close());

describe('pull', () => {
  it('pages a snapshot of exactly what the agent may see, then continues on the feed', async () => {
    const small = await pullAll(alice.token, '', 50);
    const big = await pullAll(alice.token, '', 1000);
    expect(small.pages).toBeGreaterThan(1);
    const ids = (cs: Change[], e: string) => new Set(cs.filter((c) => c.entity === e).map((c) => c.id));
    expect(ids(small.changes, 'ticket')).toEqual(ids(big.changes, 'ticket'));
    expect(ids(small.changes, 'message')).toEqual(ids(big.changes, 'message'));
    const visible = await srv.sql(`SELECT id FROM tickets WHERE assignee_id = ? OR (assignee_id IS NULL AND status = 'queued' AND region_id = 'eu-north' AND tier <= 1)`, alice.agent.id) as { id: string }[];
    expect(ids(big.changes, 'ticket')).toEqual(new Set(visible.map((v) => v.id)));
    expect(ids(big.changes, 'ticket').has(aliceTicket)).toBe(true);
    expect(big.last.progress!.done).toBe(visible.length);
    // Reference data comes along.
    expect(big.changes.some((c) => c.entity === 'agent')).toBe(true);
    expect(big.changes.some((c) => c.entity === 'cannedReply')).toBe(true);
    // The cursor after a snapshot is the feed head; pulling again brings nothing new.
    expect(big.cursor).toBe(String((await srv.feedHead())));
    const again = await pullAll(alice.token, big.cursor);
    expect(again.changes).toEqual([]);
  });

  it('moves the cursor past changes the agent may not see, and pages the feed', async () => {
    const start = await pullAll(alice.token);
    const head0 = Number(start.cursor);
    // Activity in a region alice does not work: feed rows she must not see.
    const naTicket = (await startChat(srv.url, await customerIn(srv, 'na'))).body.chat.ticketId;
    await triaged(srv, naTicket);
    // Activity on her own ticket.
    const cust = await srv.sqlOne('SELECT token_hash FROM chat_tokens WHERE ticket_id = ?', aliceTicket);
    expect(cust).toBeTruthy();
    const acks = await push(alice.token, 'client-alice-pull', [
      { kind: 'message.reply', clientMsgId: clientMsgId(), ticketId: aliceTicket, body: 'one' },
      { kind: 'message.reply', clientMsgId: clientMsgId(), ticketId: aliceTicket, body: 'two' },
      { kind: 'message.note', clientMsgId: clientMsgId(), ticketId: aliceTicket, body: 'a note' },
    ]);
    expect(acks.body.acks.every((a) => a.status === 'applied')).toBe(true);
    const paged = await pullAll(alice.token, start.cursor, 2);
    expect(paged.pages).toBeGreaterThan(1);
    expect(Number(paged.cursor)).toBe((await srv.feedHead()));
    expect(Number(paged.cursor)).toBeGreaterThan(head0);
    const bodies = paged.changes.filter((c) => c.entity === 'message').map((c) => (c as { row: { body: string } }).row.body);
    expect(bodies).toEqual(expect.arrayContaining(['one', 'two', 'a note']));
    expect(paged.changes.every((c) => c.entity !== 'ticket' || c.id === aliceTicket || c.op === 'delete')).toBe(true);
    const seqs = paged.changes.map((c) => c.seq);
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
  });

  it('answers must_resync for an unknown epoch, a cursor ahead of the head, or a forged cursor', async () => {
    const head = await srv.feedHead();
    const epoch = await srv.epoch();
    const wrongEpoch = await api(srv.url, 'GET', `/api/sync/pull?cursor=${head}&epoch=another-epoch`, { token: alice.token });
    expect(wrongEpoch.status).toBe(409);
    expect(wrongEpoch.body).toMatchObject({ error: { code: 'must_resync', details: { epoch } } });
    expect((await api(srv.url, 'GET', `/api/sync/pull?cursor=${head + 1000}`, { token: alice.token })).body).toMatchObject({ error: { code: 'must_resync' } });
    expect((await api(srv.url, 'GET', `/api/sync/pull?cursor=not-a-cursor`, { token: alice.token })).body).toMatchObject({ error: { code: 'must_resync' } });
    expect((await api(srv.url, 'GET', `/api/sync/pull?cursor=0&limit=999999`, { token: alice.token })).status).toBe(400);
  });
});

describe('push', () => {
  it('applies the same client message id once and answers a repeat with the original ack', async () => {
    const id = clientMsgId();
    const m = { kind: 'message.reply', clientMsgId: id, ticketId: aliceTicket, body: 'Exactly once, please.' };
    const first = await push(alice.token, 'client-alice-1', [m]);
    const second = await push(alice.token, 'client-alice-1', [m]);
    expect(first.status).toBe(200);
    expect(second.body.acks[0]).toEqual(first.body.acks[0]);
    expect(first.body.acks[0]).toMatchObject({ status: 'applied', clientMsgId: id });
    const n = await srv.sqlOne(`SELECT count(*) AS n FROM messages WHERE ticket_id = ? AND body = 'Exactly once, please.'`, aliceTicket) as { n: number };
    expect(n.n).toBe(1);
  });

  it('keeps acks in order and dedupes inside one batch', async () => {
    const a = clientMsgId();
    const b = clientMsgId();
    const res = await push(alice.token, 'client-alice-2', [
      { kind: 'message.reply', clientMsgId: a, ticketId: aliceTicket, body: 'first' },
      { kind: 'message.reply', clientMsgId: b, ticketId: aliceTicket, body: 'second' },
      { kind: 'message.reply', clientMsgId: a, ticketId: aliceTicket, body: 'first' },
    ]);
    expect(res.body.acks.map((x) => x.clientMsgId)).toEqual([a, b, a]);
    expect(res.body.acks[2]).toEqual(res.body.acks[0]);
    const rows = await srv.sql(`SELECT body FROM messages WHERE ticket_id = ? AND body IN ('first','second') ORDER BY created_at, id`, aliceTicket);
    expect(rows).toEqual([{ body: 'first' }, { body: 'second' }]);
  });

  it('acknowledges a permanent refusal with a code so the outbox never wedges', async () => {
    const res = await push(bob.token, 'client-bob-1', [
      { kind: 'message.reply', clientMsgId: clientMsgId(), ticketId: aliceTicket, body: 'not mine' },
      { kind: 'message.reply', clientMsgId: clientMsgId(), ticketId: 'no-such-ticket', body: 'nowhere' },
      { kind: 'ticket.escalate', clientMsgId: clientMsgId(), ticketId: aliceTicket, to: 'senior', reason: 'x' },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.acks).toMatchObject([
      { status: 'rejected', code: 'not_assigned' },
      { status: 'rejected', code: 'not_found' },
      { status: 'rejected', code: 'not_assigned' },
    ]);
    expect(await srv.sqlOne(`SELECT count(*) AS n FROM messages WHERE body = 'not mine'`)).toEqual({ n: 0 });
    const audit = await srv.sqlOne(`SELECT count(*) AS n FROM audit_log WHERE actor_id = ? AND outcome = 'rejected'`, bob.agent.id) as { n: number };
    expect(audit.n).toBeGreaterThanOrEqual(3);
  });

  it('refuses a client id that belongs to another agent', async () => {
    await push(alice.token, 'client-owned-by-alice', [{ kind: 'message.note', clientMsgId: clientMsgId(), ticketId: aliceTicket, body: 'mine' }]);
    const res = await push(bob.token, 'client-owned-by-alice', [{ kind: 'message.note', clientMsgId: clientMsgId(), ticketId: aliceTicket, body: 'x' }]);
    expect(res.status).toBe(403);
  });

  it('refuses unknown mutation kinds and unknown fields with 400, applying nothing', async () => {
    // No feed row appended (change_feed.seq on both engines: PostgreSQL's positions come later).
    const appended = async () => (await srv.sqlOne<{ n: number }>('SELECT max(seq) AS n FROM change_feed'))!.n;
    const before = await appended();
    expect((await push(alice.token, 'client-alice-3', [{ kind: 'ticket.delete', clientMsgId: clientMsgId(), ticketId: aliceTicket }])).status).toBe(400);
    expect((await push(alice.token, 'client-alice-3', [{ kind: 'message.reply', clientMsgId: clientMsgId(), ticketId: aliceTicket, body: 'x', admin: true }])).status).toBe(400);
    expect(await appended()).toBe(before);
  });
});

describe('authorisation', () => {
  it('gives 403 and no data for a ticket the agent may not read, by reference, download and write', async () => {
    const ref = (await srv.sqlOne('SELECT reference FROM tickets WHERE id = ?', aliceTicket) as { reference: string }).reference;
    const own = await api<{ ticket: { id: string } }>(srv.url, 'GET', `/api/tickets/by-reference/${ref}`, { token: alice.token });
    expect(own.status).toBe(200);
    const other = await api(srv.url, 'GET', `/api/tickets/by-reference/${ref}`, { token: carol.token });
    expect(other.status).toBe(403);
    expect(JSON.stringify(other.body)).not.toContain(aliceTicket);
    const typo = ref.slice(0, -1) + (ref.endsWith('A') ? 'B' : 'A');
    expect((await api(srv.url, 'GET', `/api/tickets/by-reference/${typo}`, { token: alice.token })).body).toMatchObject({ error: { code: 'bad_request' } });
    const sup = await srv.loginAgent('supervisor@demo.agentdesk.test');
    expect((await api(srv.url, 'GET', `/api/tickets/by-reference/${ref}`, { token: sup.token })).status).toBe(200);
  });

  it('never sends another agent’s ticket in a pull or a live event', async () => {
    const carolPull = await pullAll(carol.token);
    expect(carolPull.changes.some((c) => c.id === aliceTicket || (c.entity === 'message' && (c as { row: { ticketId: string } }).row.ticketId === aliceTicket))).toBe(false);
    const carolSock = await agentSocket(srv.url, carol.token);
    const aliceSock = await agentSocket(srv.url, alice.token);
    await push(alice.token, 'client-alice-live', [{ kind: 'message.reply', clientMsgId: clientMsgId(), ticketId: aliceTicket, body: 'live secret' }]);
    const got = await aliceSock.next<{ changes: Change[] }>((f) => f.type === 'changes');
    expect(got.changes.some((c) => c.entity === 'message' && (c as { row: { body: string } }).row.body === 'live secret')).toBe(true);
    expect(await carolSock.none((f) => JSON.stringify(f).includes('live secret') || JSON.stringify(f).includes(aliceTicket), 300)).toBe(true);
    carolSock.close();
    aliceSock.close();
  });

  it('gives the region’s agents a newly queued chat with its customer, live and in a feed pull', async () => {
    const region = carol.agent.regions[0]!;
    const before = await pullAll(carol.token);
    const carolSock = await agentSocket(srv.url, carol.token);
    const customerId = await customerIn(srv, region, 4);
    const chat = await startChat(srv.url, customerId);
    expect(chat.body.chat.status).toBe('queued');
    const live = await carolSock.next<{ changes: Change[] }>((f) => f.type === 'changes' && (f.changes as Change[]).some((c) => c.entity === 'customer' && c.id === customerId));
    const entities = new Set(live.changes.filter((c) => c.op === 'upsert').map((c) => c.entity));
    for (const e of ['ticket', 'message', 'customer', 'account']) expect(entities.has(e as Change['entity']), e).toBe(true);
    const fed = await pullAll(carol.token, before.cursor);
    expect(fed.changes.some((c) => c.entity === 'customer' && c.id === customerId)).toBe(true);
    carolSock.close();
  });

  it('turns losing access into a delete: a transfer away removes the ticket from the old owner', async () => {
    const t = (await startChat(srv.url, await customerIn(srv, 'eu-north', 3))).body.chat.ticketId;
    // Triage's own update of the new chat comes first, not in the middle of what this test watches.
    await triaged(srv, t);
    const owner = (await srv.sqlOne('SELECT assignee_id FROM tickets WHERE id = ?', t) as { assignee_id: string }).assignee_id;
    expect(owner).toBe(alice.agent.id);
    const before = await pullAll(bob.token);
    const aliceSock = await agentSocket(srv.url, alice.token);
    // A chat goes only to a colleague who is Available; away afterwards, so routing keeps sending Alice the rest.
    await setPresence(srv.url, bob.token, 'available');
    const res = await push(alice.token, 'client-alice-4', [{ kind: 'ticket.transfer', clientMsgId: clientMsgId(), ticketId: t, toAgentId: bob.agent.id, note: 'Bob knows this merchant' }]);
    await setPresence(srv.url, bob.token, 'away');
    expect(res.body.acks[0]).toMatchObject({ status: 'applied' });
    const live = await aliceSock.next<{ changes: Change[] }>((f) => f.type === 'changes' && (f.changes as Change[]).some((c) => c.id === t));
    expect(live.changes.find((c) => c.id === t)).toMatchObject({ entity: 'ticket', op: 'delete' });
    // Bob gains the ticket with its whole history and the customer's context.
    const after = await pullAll(bob.token, before.cursor);
    expect(after.changes.some((c) => c.entity === 'ticket' && c.id === t && c.op === 'upsert')).toBe(true);
    expect(after.changes.filter((c) => c.entity === 'message' && (c as { row: { ticketId: string } }).row.ticketId === t).length).toBeGreaterThan(2);
    expect(after.changes.some((c) => c.entity === 'customer')).toBe(true);
    // Alice can no longer write to it.
    const late = await push(alice.token, 'client-alice-4', [{ kind: 'message.reply', clientMsgId: clientMsgId(), ticketId: t, body: 'too late' }]);
    expect(late.body.acks[0]).toMatchObject({ status: 'rejected', code: 'not_assigned' });
    aliceSock.close();
  });

  it('masks a card number a customer types before it is stored, fed or sent to the agent', async () => {
    const chat = await startChat(srv.url, await customerIn(srv, 'eu-north', 5), { description: 'I paid with 4111 1111 1111 1111 yesterday' });
    const aliceSock = await agentSocket(srv.url, alice.token);
    const cust = await customerSocket(srv.url, chat.body.token);
    cust.send({ type: 'message', clientMsgId: clientMsgId(), body: 'the card is 5500-0000-0000-0004, order 123456' });
    const ev = await aliceSock.next<{ changes: Change[] }>((f) => f.type === 'changes' && JSON.stringify(f).includes('0004'));
    expect(JSON.stringify(ev)).not.toMatch(/5500.?0000.?0000.?0004/);
    expect(JSON.stringify(ev)).toContain('•••• 0004, order 123456');
    const rows = await srv.sql('SELECT body FROM messages WHERE ticket_id = ?', chat.body.chat.ticketId) as { body: string }[];
    const all = rows.map((r) => r.body).join('\n');
    expect(all).not.toMatch(/4111.?1111.?1111.?1111/);
    expect(all).toContain('I paid with •••• 1111 yesterday');
    const subject = await srv.sqlOne('SELECT subject FROM tickets WHERE id = ?', chat.body.chat.ticketId) as { subject: string };
    expect(subject.subject).not.toMatch(/4111/);
    aliceSock.close();
    cust.close();
  });
});
