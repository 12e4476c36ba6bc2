/** The agents repository's contract: the same `Agent`s from every engine (numbers as numbers). */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { agentRow, type Engine, type EngineHandle } from './engine';

export function agentsContract(engine: Engine): void {
  let h: EngineHandle;
  beforeEach(async () => {
    h = await engine.open();
  });
  afterEach(async () => h.close());

  it('round-trips an agent: numbers as numbers, regions parsed, nulls as nulls', async () => {
    const { storage } = h;
    await storage.write((tx) => tx.agents.insert(agentRow('a1', { email: 'Ava@Desk.example', name: 'Ava' })));
    const agent = await storage.read((tx) => tx.agents.get('a1'));
    expect(agent).toStrictEqual({
      id: 'a1',
      email: 'Ava@Desk.example',
      name: 'Ava',
      role: 'agent',
      tier: 2,
      regions: ['se', 'de'],
      capacity: 6,
      presence: 'offline',
      presenceReason: null,
      lastAssignedAt: null,
      version: 1,
    });
    expect(await storage.read((tx) => tx.agents.get('nobody'))).toBeNull();
  });

  it('finds an agent and its credentials by e-mail whatever its case, and keeps e-mail unique across case', async () => {
    const { storage } = h;
    await storage.write((tx) => tx.agents.insert(agentRow('a1', { email: 'Ava@Desk.example' })));
    const [byEmail, creds, none] = await storage.read(async (tx) => [
      await tx.agents.getByEmail('ava@desk.EXAMPLE'),
      await tx.agents.credentials('AVA@desk.example'),
      await tx.agents.credentials('bo@desk.example'),
    ]);
    expect(byEmail?.id).toBe('a1');
    expect(creds).toStrictEqual({ id: 'a1', password_hash: 'hash-a1' });
    expect(none).toBeNull();
    await expect(storage.write((tx) => tx.agents.insert(agentRow('a2', { email: 'ava@desk.example' })))).rejects.toThrow(/UNIQUE|unique/);
  });

  it('lists all agents by name in byte order (as SQLite’s BINARY collation)', async () => {
    const { storage } = h;
    await storage.write(async (tx) => {
      for (const [id, name] of [['a1', 'ava'], ['a2', 'Åsa'], ['a3', 'Bo'], ['a4', 'Zed'], ['a5', 'bea']] as const) await tx.agents.insert(agentRow(id, { name }));
    });
    expect((await storage.read((tx) => tx.agents.all())).map((a) => a.name)).toEqual(['Bo', 'Zed', 'ava', 'bea', 'Åsa']);
  });

  it('sets presence (bumping the version) and the last assignment time', async () => {
    const { storage } = h;
    await storage.write((tx) => tx.agents.insert(agentRow('a1')));
    await storage.write(async (tx) => {
      await tx.agents.setPresence('a1', 'away', 'lunch', 4);
      await tx.agents.setPresence('a1', 'available', null, 5);
      await tx.agents.touchAssigned('a1', tx.now);
    });
    expect(await storage.read((tx) => tx.agents.get('a1'))).toMatchObject({
      presence: 'available',
      presenceReason: null,
      capacity: 5,
      version: 3,
      lastAssignedAt: '2026-03-02T10:00:00.000Z',
    });
  });

  it('refuses a capacity out of range and keeps the row as it was', async () => {
    const { storage } = h;
    await storage.write((tx) => tx.agents.insert(agentRow('a1')));
    await expect(storage.write((tx) => tx.agents.setPresence('a1', 'available', null, 21))).rejects.toThrow(/CHECK|check/);
    expect(await storage.read((tx) => tx.agents.get('a1'))).toMatchObject({ capacity: 6, version: 1, presence: 'offline' });
  });
}
