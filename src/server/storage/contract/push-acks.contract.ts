/** The push ledger's contract: one ack per (client id, client message id), the same `Ack` back. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Ack } from '../../../shared/protocol/mutations';
import type { Engine, EngineHandle } from './engine';

export function pushAcksContract(engine: Engine): void {
  let h: EngineHandle;
  beforeEach(async () => {
    h = await engine.open();
  });
  afterEach(async () => h.close());

  it('records an ack and returns it parsed, per client; a second ack for the same message fails', async () => {
    const applied: Ack = { clientMsgId: 'm1', status: 'applied', seq: 42, entityId: null };
    await h.storage.write(async (tx) => {
      await tx.pushAcks.record('d1', applied, tx.now);
      await tx.pushAcks.record('d2', { ...applied, seq: 43, entityId: 'x' }, tx.now);
    });
    const acks = await h.storage.read(async (tx) => [await tx.pushAcks.get('d1', 'm1'), await tx.pushAcks.get('d2', 'm1'), await tx.pushAcks.get('d1', 'm2')]);
    expect(acks).toStrictEqual([applied, { ...applied, seq: 43, entityId: 'x' }, null]);
    await expect(h.storage.write((tx) => tx.pushAcks.record('d1', { ...applied, seq: 99 }, tx.now))).rejects.toThrow(/UNIQUE|unique|duplicate/);
    expect(await h.storage.read((tx) => tx.pushAcks.get('d1', 'm1'))).toStrictEqual(applied);
    expect(await h.rows(`SELECT at FROM push_acks WHERE client_id = 'd1'`)).toEqual([{ at: '2026-03-02T10:00:00.000Z' }]);
  });
}
