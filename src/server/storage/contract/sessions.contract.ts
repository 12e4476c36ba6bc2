/** The sessions repository's contract: the same `SessionRow`s from every engine. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { agentRow, sessionRow, type Engine, type EngineHandle } from './engine';

export function sessionsContract(engine: Engine): void {
  let h: EngineHandle;
  beforeEach(async () => {
    h = await engine.open();
    await h.storage.write(async (tx) => {
      await tx.agents.insert(agentRow('a1'));
      await tx.agents.insert(agentRow('a2'));
    });
  });
  afterEach(async () => h.close());

  it('round-trips a row: the same shape, nulls as nulls, by id and by token hash', async () => {
    const { storage } = h;
    await storage.write(async (tx) => {
      await tx.sessions.insert(sessionRow('s1', 'a1'));
      await tx.sessions.insert({ ...sessionRow('s2', 'a1'), user_agent: 'AgentDesk/1.0', ip: '10.0.0.7' });
    });
    const expected = {
      id: 's1',
      agent_id: 'a1',
      token_hash: 'th-s1',
      created_at: '2026-03-02T09:00:00.000Z',
      expires_at: '2026-03-02T21:00:00.000Z',
      revoked_at: null,
      user_agent: null,
      ip: null,
    };
    const [byId, byHash, other, missing] = await storage.read(async (tx) => [
      await tx.sessions.get('s1'),
      await tx.sessions.getByTokenHash('th-s1'),
      await tx.sessions.get('s2'),
      await tx.sessions.getByTokenHash('th-none'),
    ]);
    expect(byId).toStrictEqual(expected);
    expect(byHash).toStrictEqual(expected);
    expect(other).toMatchObject({ user_agent: 'AgentDesk/1.0', ip: '10.0.0.7' });
    expect(missing).toBeNull();
  });

  it('refuses a second session with the same token hash', async () => {
    const { storage } = h;
    await storage.write((tx) => tx.sessions.insert(sessionRow('s1', 'a1')));
    await expect(storage.write((tx) => tx.sessions.insert({ ...sessionRow('s2', 'a1'), token_hash: 'th-s1' }))).rejects.toThrow(/UNIQUE|unique/);
    expect(await storage.read((tx) => tx.sessions.get('s2'))).toBeNull();
  });

  it('revokes once: true, then false, the first time kept', async () => {
    const { storage } = h;
    await storage.write((tx) => tx.sessions.insert(sessionRow('s1', 'a1')));
    expect(await storage.write((tx) => tx.sessions.revoke('s1', '2026-03-02T10:00:00.000Z'))).toBe(true);
    expect(await storage.write((tx) => tx.sessions.revoke('s1', '2026-03-02T11:00:00.000Z'))).toBe(false);
    expect(await storage.write((tx) => tx.sessions.revoke('nope', '2026-03-02T11:00:00.000Z'))).toBe(false);
    expect(await storage.read((tx) => tx.sessions.get('s1'))).toMatchObject({ revoked_at: '2026-03-02T10:00:00.000Z' });
  });

  it('lists an agent’s active sessions, newest first, without revoked, expired or other agents’ ones', async () => {
    const { storage } = h;
    await storage.write(async (tx) => {
      await tx.sessions.insert(sessionRow('old', 'a1', { created_at: '2026-03-02T07:00:00.000Z' }));
      await tx.sessions.insert(sessionRow('new', 'a1', { created_at: '2026-03-02T09:30:00.000Z' }));
      await tx.sessions.insert(sessionRow('mid', 'a1', { created_at: '2026-03-02T08:00:00.000Z' }));
      await tx.sessions.insert(sessionRow('expired', 'a1', { expires_at: '2026-03-02T09:59:59.999Z' }));
      await tx.sessions.insert(sessionRow('revoked', 'a1'));
      await tx.sessions.insert(sessionRow('theirs', 'a2'));
      await tx.sessions.revoke('revoked', tx.now);
    });
    const active = await storage.read((tx) => tx.sessions.activeForAgent('a1', '2026-03-02T10:00:00.000Z'));
    expect(active.map((s) => s.id)).toEqual(['new', 'mid', 'old']);
    expect(active[0]).toStrictEqual({ ...sessionRow('new', 'a1', { created_at: '2026-03-02T09:30:00.000Z' }), revoked_at: null });
  });
}
