import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../helpers/api';
import { startTestServer, type TestServer } from '../helpers/server';
import { agentSocket, openSocket } from '../helpers/ws';

let srv: TestServer;
beforeAll(async () => {
  // A short heartbeat, so the sweep of ended sessions runs within the tests.
  srv = await startTestServer({ heartbeatMs: 150 });
});
afterAll(async () => srv?.close());

describe('agent auth', () => {
  it('logs in, answers who am I, and stores only a hash of the token', async () => {
    const { token, agent } = await srv.loginAgent('agent@demo.agentdesk.test');
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const me = await api<{ agent: { id: string } }>(srv.url, 'GET', '/api/auth/me', { token });
    expect(me.status).toBe(200);
    expect(me.body.agent.id).toBe(agent.id);
    const stored = await srv.sql('SELECT token_hash FROM sessions WHERE agent_id = ?', agent.id) as { token_hash: string }[];
    expect(stored.length).toBeGreaterThan(0);
    for (const s of stored) expect(s.token_hash).not.toContain(token);
  });

  it('refuses a wrong password with 401 and audits it', async () => {
    const res = await api(srv.url, 'POST', '/api/auth/login', { body: { email: 'agent@demo.agentdesk.test', password: 'nope' } });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 'unauthorized', message: 'Wrong email or password.' } });
    const denied = await srv.sqlOne(`SELECT count(*) AS n FROM audit_log WHERE action = 'auth.login' AND outcome = 'denied'`) as { n: number };
    expect(denied.n).toBeGreaterThan(0);
  });

  it('refuses requests without or with a garbage token', async () => {
    expect((await api(srv.url, 'GET', '/api/auth/me')).status).toBe(401);
    expect((await api(srv.url, 'GET', '/api/auth/me', { token: 'x'.repeat(43) })).status).toBe(401);
  });

  it('logout ends the session and closes its socket', async () => {
    const { token } = await srv.loginAgent('agent@demo.agentdesk.test');
    const sock = await agentSocket(srv.url, token);
    expect((await api(srv.url, 'POST', '/api/auth/logout', { token })).status).toBe(200);
    expect((await sock.closed).code).toBe(4004);
    expect((await api(srv.url, 'GET', '/api/auth/me', { token })).status).toBe(401);
  });

  it('revoking a session closes its WebSocket at once and its token stops working', async () => {
    const a = await srv.loginAgent('agent@demo.agentdesk.test');
    const b = await srv.loginAgent('agent@demo.agentdesk.test');
    const sockA = await agentSocket(srv.url, a.token);
    const sockB = await agentSocket(srv.url, b.token);
    const list = await api<{ sessions: { id: string; current: boolean }[] }>(srv.url, 'GET', '/api/auth/sessions', { token: b.token });
    expect(list.body.sessions.map((x) => x.id)).toContain(a.sessionId);
    const res = await api(srv.url, 'POST', `/api/auth/sessions/${a.sessionId}/revoke`, { token: b.token });
    expect(res.status).toBe(200);
    expect((await sockA.closed).code).toBe(4004);
    expect((await api(srv.url, 'GET', '/api/auth/me', { token: a.token })).status).toBe(401);
    // The other session is untouched.
    sockB.send({ type: 'ping', t: 1 });
    await sockB.next((f) => f.type === 'pong');
    expect((await api(srv.url, 'GET', '/api/auth/me', { token: b.token })).status).toBe(200);
    sockB.close();
  });

  it('an agent cannot revoke another agent’s session; a supervisor can', async () => {
    const victim = await srv.loginAgent('senior@demo.agentdesk.test');
    const sock = await agentSocket(srv.url, victim.token);
    const victimSession = { id: victim.sessionId };
    const agent = await srv.loginAgent('agent@demo.agentdesk.test');
    expect((await api(srv.url, 'POST', `/api/auth/sessions/${victimSession.id}/revoke`, { token: agent.token })).status).toBe(403);
    const sup = await srv.loginAgent('supervisor@demo.agentdesk.test');
    expect((await api(srv.url, 'POST', `/api/auth/sessions/${victimSession.id}/revoke`, { token: sup.token })).status).toBe(200);
    expect((await sock.closed).code).toBe(4004);
    expect((await api(srv.url, 'GET', '/api/auth/me', { token: victim.token })).status).toBe(401);
  });

  it('audits a refused revoke in the same transaction, and answers 404 for an unknown session', async () => {
    const victim = await srv.loginAgent('senior@demo.agentdesk.test');
    const agent = await srv.loginAgent('agent@demo.agentdesk.test');
    const count = async () =>
      (await srv.sqlOne(`SELECT count(*) AS n FROM audit_log WHERE action = 'auth.revoke' AND outcome = 'denied' AND details_json LIKE ?`, `%${victim.sessionId}%`) as { n: number }).n;
    const before = await count();
    expect((await api(srv.url, 'POST', `/api/auth/sessions/${victim.sessionId}/revoke`, { token: agent.token })).status).toBe(403);
    expect(await count()).toBe(before + 1);
    expect((await api(srv.url, 'GET', '/api/auth/me', { token: victim.token })).status).toBe(200);
    const unknown = await api(srv.url, 'POST', '/api/auth/sessions/no-such-session/revoke', { token: agent.token });
    expect(unknown.status).toBe(404);
  });

  it('frames sent right behind the auth frame are answered after ready, in order (the sign-in reads storage asynchronously)', async () => {
    const { token } = await srv.loginAgent('agent@demo.agentdesk.test');
    const s = await openSocket(srv.url, '/ws/agent');
    const arrived: string[] = [];
    s.ws.on('message', (data) => {
      const f = JSON.parse(data.toString()) as { type: string; t?: number };
      arrived.push(f.type === 'pong' ? `pong ${f.t}` : f.type);
    });
    s.send({ type: 'auth', token, protocol: 1 });
    s.send({ type: 'ping', t: 1 });
    s.send({ type: 'ping', t: 2 });
    await s.next((f) => f.type === 'pong' && f.t === 2);
    expect(arrived.filter((t) => t === 'ready' || t.startsWith('pong'))).toEqual(['ready', 'pong 1', 'pong 2']);
    s.close();
  });

  it('the heartbeat sweep closes the socket of a session that expired meanwhile, and only that one', async () => {
    const expiring = await srv.loginAgent('agent@demo.agentdesk.test');
    const lasting = await srv.loginAgent('agent@demo.agentdesk.test');
    const sockE = await agentSocket(srv.url, expiring.token);
    const sockL = await agentSocket(srv.url, lasting.token);
    await srv.sql(`UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z' WHERE id = ?`, expiring.sessionId);
    expect((await sockE.closed).code).toBe(4004);
    expect(await sockL.none(() => false, 400)).toBe(true); // two more sweeps
    sockL.send({ type: 'ping', t: 7 });
    await sockL.next((f) => f.type === 'pong' && f.t === 7);
    sockL.close();
  });

  it('a socket that never authenticates is closed; a bad token closes with 4003', async () => {
    const s = await openSocket(srv.url, '/ws/agent');
    s.send({ type: 'auth', token: 'y'.repeat(43), protocol: 1 });
    expect((await s.closed).code).toBe(4003);
  });

  it('refuses WebSocket upgrades from a foreign Origin', async () => {
    await expect(openSocket(srv.url, '/ws/agent', { origin: 'https://evil.example' })).rejects.toThrow(/403/);
    const same = await openSocket(srv.url, '/ws/agent', { origin: srv.url });
    same.close();
  });
});
