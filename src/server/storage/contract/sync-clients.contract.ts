/** The sync clients repository's contract: a desktop's client id belongs to the first agent who claims it. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { agentRow, type Engine, type EngineHandle } from './engine';

export function syncClientsContract(engine: Engine): void {
  let h: EngineHandle;
  beforeEach(async () => {
    h = await engine.open();
    await h.storage.write(async (tx) => {
      await tx.agents.insert(agentRow('a1'));
      await tx.agents.insert(agentRow('a2'));
    });
  });
  afterEach(async () => h.close());
  const stored = () => h.rows('SELECT client_id, agent_id, created_at, last_seen_at FROM sync_clients ORDER BY client_id');

  it('binds a client id on first sight, touches it for its agent, refuses it to another agent', async () => {
    const claims = [
      await h.storage.write((tx) => tx.syncClients.claim('d1', 'a1', '2026-03-02T09:00:00.000Z')),
      await h.storage.write((tx) => tx.syncClients.claim('d1', 'a2', '2026-03-02T09:01:00.000Z')),
      await h.storage.write((tx) => tx.syncClients.claim('d1', 'a1', '2026-03-02T09:02:00.000Z')),
      await h.storage.write((tx) => tx.syncClients.claim('d2', 'a2', '2026-03-02T09:03:00.000Z')),
    ];
    expect(claims).toEqual([true, false, true, true]);
    expect(await stored()).toEqual([
      { client_id: 'd1', agent_id: 'a1', created_at: '2026-03-02T09:00:00.000Z', last_seen_at: '2026-03-02T09:02:00.000Z' },
      { client_id: 'd2', agent_id: 'a2', created_at: '2026-03-02T09:03:00.000Z', last_seen_at: '2026-03-02T09:03:00.000Z' },
    ]);
  });

  it('gives a new client id claimed by two agents at once to one of them, failing neither transaction', async () => {
    const claims = await Promise.all(['a1', 'a2'].map((agent) => h.storage.write((tx) => tx.syncClients.claim('d1', agent, tx.now))));
    expect([...claims].sort()).toEqual([false, true]);
    const owner = claims[0] ? 'a1' : 'a2';
    expect(await stored()).toEqual([{ client_id: 'd1', agent_id: owner, created_at: '2026-03-02T10:00:00.000Z', last_seen_at: '2026-03-02T10:00:00.000Z' }]);
  });
}
