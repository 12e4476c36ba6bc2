/**
 * The auth service (sessions.ts) on both storage engines: the same logins, tokens, audit rows,
 * revocations and expiry whether the desk runs on SQLite or PostgreSQL.
 */
import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { createHub } from '../live/hub';
import { agentRow, FIXED_NOW, type EngineHandle } from '../storage/contract/engine';
import { onEachEngine } from '../storage/contract/engines';
import { fixedClock } from '../util/clock';
import { hashPassword } from './password';
import { createSessions, SESSION_TTL_MS } from './sessions';

let passwordHash: string;
beforeAll(async () => {
  passwordHash = await hashPassword('correct horse');
});

onEachEngine('agent sessions', (engine) => {
  let h: EngineHandle;
  let clock: ReturnType<typeof fixedClock>;
  let sessions: ReturnType<typeof createSessions>;
  beforeEach(async () => {
    h = await engine.open();
    clock = fixedClock(FIXED_NOW);
    sessions = createSessions({ storage: h.storage, hub: createHub(), clock });
    await h.storage.write(async (tx) => {
      await tx.agents.insert({ ...agentRow('ava', { email: 'Ava@Desk.example', name: 'Ava' }), password_hash: passwordHash });
      await tx.agents.insert({ ...agentRow('bo', { name: 'Bo' }), password_hash: passwordHash });
      await tx.agents.insert({ ...agentRow('sam', { name: 'Sam' }), role: 'supervisor', password_hash: passwordHash });
    });
  });
  afterEach(async () => h.close());

  const meta = { ip: '10.0.0.9', userAgent: 'AgentDesk/1.0' };

  it('logs in by e-mail in any case, authenticates the token, lists the session as current; refusals are audited', async () => {
    await expect(sessions.login('ava@desk.example', 'wrong', meta)).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(sessions.login('nobody@desk.example', 'correct horse', meta)).rejects.toMatchObject({ code: 'unauthorized' });
    const login = await sessions.login('AVA@desk.example', 'correct horse', meta);
    expect(login.agent).toMatchObject({ id: 'ava', name: 'Ava', tier: 2, capacity: 6, regions: ['se', 'de'] });
    expect(login.expiresAt).toBe(new Date(FIXED_NOW.getTime() + SESSION_TTL_MS).toISOString());

    const p = await sessions.authenticate(login.token);
    expect(p.agent.id).toBe('ava');
    expect(p.session).toMatchObject({ id: login.sessionId, agent_id: 'ava', revoked_at: null, user_agent: 'AgentDesk/1.0', ip: '10.0.0.9' });
    expect(await sessions.list(p)).toEqual([
      { id: login.sessionId, createdAt: FIXED_NOW.toISOString(), expiresAt: login.expiresAt, userAgent: 'AgentDesk/1.0', current: true },
    ]);
    expect((await h.auditRows()).map((r) => [r.action, r.outcome, r.actor_id])).toEqual([
      ['auth.login', 'denied', 'ava'],
      ['auth.login', 'denied', null],
      ['auth.login', 'ok', 'ava'],
    ]);
  });

  it('refuses a garbage, a logged-out and an expired token', async () => {
    await expect(sessions.authenticate('x'.repeat(43))).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(sessions.authenticate(undefined)).rejects.toMatchObject({ code: 'unauthorized' });

    const first = await sessions.login('ava@desk.example', 'correct horse', meta);
    await sessions.logout(await sessions.authenticate(first.token));
    await expect(sessions.authenticate(first.token)).rejects.toMatchObject({ code: 'unauthorized' });

    const second = await sessions.login('ava@desk.example', 'correct horse', meta);
    clock.advance(SESSION_TTL_MS - 1);
    expect((await sessions.authenticate(second.token)).session.id).toBe(second.sessionId);
    clock.advance(1);
    await expect(sessions.authenticate(second.token)).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('lets an agent end their own sessions and a supervisor anyone’s, nobody else’s', async () => {
    const ava = await sessions.login('ava@desk.example', 'correct horse', meta);
    const bo = await sessions.login('bo@desk.example', 'correct horse', meta);
    const sam = await sessions.login('sam@desk.example', 'correct horse', meta);
    const boP = await sessions.authenticate(bo.token);

    await expect(sessions.revoke(boP, ava.sessionId)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(sessions.revoke(boP, 'no-such-session')).rejects.toMatchObject({ code: 'not_found' });
    expect((await sessions.authenticate(ava.token)).agent.id).toBe('ava');

    await sessions.revoke(await sessions.authenticate(sam.token), ava.sessionId);
    await expect(sessions.authenticate(ava.token)).rejects.toMatchObject({ code: 'unauthorized' });
    await sessions.revoke(boP, bo.sessionId);
    await expect(sessions.authenticate(bo.token)).rejects.toMatchObject({ code: 'unauthorized' });

    const revokes = (await h.auditRows()).filter((r) => r.action === 'auth.revoke').map((r) => [r.actor_id, r.outcome]);
    expect(revokes).toEqual([
      ['bo', 'denied'],
      ['bo', 'denied'],
      ['sam', 'ok'],
      ['bo', 'ok'],
    ]);
  });
});
