/** The audit log's contract: the same `AuditDbRow`s (ids as numbers), in insertion order, from every engine. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { AuditDbRow } from '../tables/audit-log';
import type { Engine, EngineHandle } from './engine';

export function auditLogContract(engine: Engine): void {
  let h: EngineHandle;
  beforeEach(async () => {
    h = await engine.open();
  });
  afterEach(async () => h.close());

  it('appends entries (also through tx.audit) and reads a ticket’s oldest first, the latest newest first', async () => {
    await h.storage.write(async (tx) => {
      await tx.auditLog.append({ at: '2026-03-02T09:00:00.000Z', actorKind: 'agent', actorId: 'a1', action: 'ticket.accept', outcome: 'ok', ticketId: 't1' });
      await tx.audit({ actorKind: 'customer', actorId: null, action: 'chat.start', outcome: 'ok', ticketId: 't2', customerId: 'c1', details: { n: 1 }, ip: '10.0.0.1' });
      await tx.auditLog.append({ at: '2026-03-02T09:30:00.000Z', actorKind: 'system', actorId: null, action: 'ticket.route', outcome: 'denied', ticketId: 't1', details: { reason: 'full' } });
    });
    const first: AuditDbRow = {
      id: 1,
      at: '2026-03-02T09:00:00.000Z',
      actor_kind: 'agent',
      actor_id: 'a1',
      action: 'ticket.accept',
      outcome: 'ok',
      ticket_id: 't1',
      customer_id: null,
      details_json: '{}',
      ip: null,
    };
    const second: AuditDbRow = { id: 2, at: '2026-03-02T10:00:00.000Z', actor_kind: 'customer', actor_id: null, action: 'chat.start', outcome: 'ok', ticket_id: 't2', customer_id: 'c1', details_json: '{"n":1}', ip: '10.0.0.1' };
    const third: AuditDbRow = { ...first, id: 3, at: '2026-03-02T09:30:00.000Z', actor_kind: 'system', actor_id: null, action: 'ticket.route', outcome: 'denied', details_json: '{"reason":"full"}' };
    const [t1, none, two, all, zero] = await h.storage.read(async (tx) => [
      await tx.auditLog.forTicket('t1'),
      await tx.auditLog.forTicket('t9'),
      await tx.auditLog.recent(2),
      await tx.auditLog.recent(-1),
      await tx.auditLog.recent(0),
    ]);
    expect(t1).toStrictEqual([first, third]);
    expect(none).toEqual([]);
    expect(two).toStrictEqual([third, second]);
    expect(all).toStrictEqual([third, second, first]);
    expect(zero).toEqual([]);
  });
}
