/**
 * Triage on arrival and the resolved cases assist ranks from (issue 9), against a real desk server
 * on either engine: a chat's language, mood and category are read from the customer's own words a
 * moment after they arrive, kept on the case and pulled by the agent; an angry customer stands out
 * on the supervisors' board; the classifier learns from the desk's resolved cases; the corpus an
 * agent fetches holds only its regions' cases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskCardNumbers } from '../../src/shared/card-mask';
import { CorpusResponse } from '../../src/shared/protocol/assist';
import { Board } from '../../src/shared/protocol/supervisor';
import { api, clientMsgId } from '../helpers/api';
import { startTestServer, type LoginResult, type TestServer } from '../helpers/server';
import { agentsIn, customerIn, startChat } from '../helpers/world';
import { customerSocket } from '../helpers/ws';

let srv: TestServer;
let agent: LoginResult;
let sup: LoginResult;
let offset = 0;

const triaged = async (ticketId: string) =>
  (await srv.sqlOne(`SELECT category, language, mood, mood_score, suggested_category, suggested_confidence, suggestion_source FROM tickets WHERE id = ?`, ticketId)) as {
    category: string;
    language: string | null;
    mood: string | null;
    mood_score: number | null;
    suggested_category: string | null;
    suggested_confidence: number | null;
    suggestion_source: string | null;
  };

async function chat(description: string, category = 'other') {
  const started = await startChat(srv.url, await customerIn(srv, 'eu-north', offset++), { description, category });
  expect(started.status).toBe(201);
  return started.body;
}

beforeAll(async () => {
  // A fixed world (the history moves with the clock otherwise), large enough that German refund
  // questions are among what the classifier learns from.
  srv = await startTestServer({ customers: 300, historicTickets: 600, seedNow: new Date('2026-11-20T10:00:00.000Z') });
  const [a] = await agentsIn(srv, 'eu-north');
  agent = await srv.loginAgent(a!.email);
  sup = await srv.loginAgent('supervisor@demo.agentdesk.test');
  // Nobody takes chats: they wait, and the agent's region queue is what the agent pulls.
  await srv.sql(`UPDATE agents SET presence = 'offline'`);
});
afterAll(async () => {
  await srv?.close();
});

describe('triage on arrival', () => {
  it('learns the categories from the desk’s resolved cases', async () => {
    const model = await srv.server.services.triage.retrain();
    expect(model).not.toBeNull();
    expect(model!.examples).toBeGreaterThan(100);
    expect(Object.keys(model!.perCategory).length).toBeGreaterThanOrEqual(4);
  });

  it('reads the language and the category of a German refund question filed as "other"; the case keeps the customer’s pick', async () => {
    const { chat: c } = await chat('Ich habe die Jacke vor zwei Wochen zurückgeschickt, aber die Rückerstattung ist immer noch nicht da. Wann bekomme ich mein Geld zurück?');
    // On PostgreSQL a node hears its commits a moment after they commit: wait for the pass.
    await waitFor(async () => (await triaged(c.ticketId)).suggested_category !== null);
    const t = await triaged(c.ticketId);
    expect(t).toMatchObject({ category: 'other', language: 'de', suggested_category: 'refund_return' });
    expect(t.suggested_confidence).toBeGreaterThan(0);
    expect(t.suggested_confidence).toBeLessThanOrEqual(1);
    // German: no measured mood signal, so none is claimed.
    expect(t.mood).toBeNull();
  });

  it('marks an angry English customer, shows them on the board, and calms down with them', async () => {
    const { chat: c, token } = await chat('My payment has not shown up yet.', 'payment_delay');
    await waitFor(async () => (await triaged(c.ticketId)).language === 'en');

    const ws = await customerSocket(srv.url, token);
    try {
      ws.send({ type: 'message', clientMsgId: clientMsgId(), body: 'This is ridiculous!! Third time I am asking and nobody helps me. Terrible, awful service, I am furious.' });
      await ws.next((f) => f.type === 'ack' || f.type === 'message');
      await waitFor(async () => (await triaged(c.ticketId)).mood === 'angry');
      const board = Board.parse((await api<{ board: unknown }>(srv.url, 'GET', '/api/supervisor/board', { token: sup.token })).body.board);
      expect(board.angry?.map((a) => a.ticketId)).toContain(c.ticketId);
      expect(board.queues.find((q) => q.regionId === 'eu-north' && q.channel === 'chat')?.angry).toBeGreaterThanOrEqual(1);

      ws.send({ type: 'message', clientMsgId: clientMsgId(), body: 'Oh great, it just arrived. Thank you so much, that is wonderful!' });
      await waitFor(async () => (await triaged(c.ticketId)).mood === 'happy');
      const after = Board.parse((await api<{ board: unknown }>(srv.url, 'GET', '/api/supervisor/board', { token: sup.token })).body.board);
      expect(after.angry?.map((a) => a.ticketId)).not.toContain(c.ticketId);
    } finally {
      ws.close();
    }
  });

  it('gives the agent the triage in the ticket it pulls', async () => {
    const { chat: c } = await chat('The app crashes every time I open it and shows error E-4012, I cannot log in');
    await waitFor(async () => (await triaged(c.ticketId)).suggested_category !== null);
    const rows: { entity: string; id: string; row?: Record<string, unknown> }[] = [];
    let cursor = '';
    for (;;) {
      const r = await api<{ changes: typeof rows; cursor: string; hasMore: boolean }>(srv.url, 'GET', `/api/sync/pull?cursor=${encodeURIComponent(cursor)}&limit=500`, { token: agent.token });
      rows.push(...r.body.changes);
      if (!r.body.hasMore) break;
      cursor = r.body.cursor;
    }
    const ticket = rows.filter((r) => r.entity === 'ticket' && r.id === c.ticketId).at(-1)?.row;
    expect(ticket).toMatchObject({ language: 'en', categorySuggestion: { category: 'technical_glitch', source: expect.stringMatching(/^(model|keywords)$/) } });
  });
});

describe('the resolved cases for the desktop', () => {
  it('gives an agent its regions’ resolved cases, card-masked, with how they ended; a supervisor all of them', async () => {
    const res = await api<unknown>(srv.url, 'GET', '/api/assist/corpus', { token: agent.token });
    expect(res.status).toBe(200);
    const corpus = CorpusResponse.parse(res.body);
    expect(corpus.cases.length).toBeGreaterThan(0);
    expect(new Set(corpus.cases.map((c) => c.regionId))).toEqual(new Set(['eu-north']));
    expect(corpus.cases.every((c) => c.text.length > 0 && c.resolvedAt.length > 0)).toBe(true);
    // Nothing left that the card masking would mask.
    for (const c of corpus.cases) expect(maskCardNumbers(c.text)).toBe(c.text);

    const all = CorpusResponse.parse((await api<unknown>(srv.url, 'GET', '/api/assist/corpus', { token: sup.token })).body);
    expect(new Set(all.cases.map((c) => c.regionId)).size).toBeGreaterThan(1);
    expect((await api(srv.url, 'GET', '/api/assist/corpus')).status).toBe(401);
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    await srv.server.services.triage.flush();
    if (await check()) return;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
