/**
 * The supervisors' complaint list (tickets.openComplaints, migration 90's complaint_opened_at):
 * open formal complaints (is_complaint = 1, any status but closed), soonest due first with the
 * customer's and the assignee's names; the same rows from every engine.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { TicketPatch } from '../tables/tickets';
import type { Engine, EngineHandle } from './engine';
import { insertTicketParents, ticketRow, type NewTicket } from './fixtures-tickets';

const at = (hhmm: string, day = '2026-03-02') => `${day}T${hhmm}:00.000Z`;
const complaint = (openedAt: string, dueAt: string | null): TicketPatch => ({ is_complaint: 1, complaint_opened_at: openedAt, complaint_due_at: dueAt, tier: 3, priority: 'urgent' });

const CASES: [NewTicket, TicketPatch][] = [
  // q1: due the 16th, with a1; q2: due the 10th, in the queue; q3: de, due the 10th too (after q2 by id).
  [ticketRow('q1'), { ...complaint(at('08:00'), at('23:00', '2026-03-16')), assignee_id: 'a1', status: 'open' }],
  [ticketRow('q2'), complaint(at('09:00'), at('23:00', '2026-03-10'))],
  [ticketRow('q3', { customer_id: 'c2', region_id: 'de' }), { ...complaint(at('09:30'), at('23:00', '2026-03-10')), status: 'resolved' }],
  // q4: a complaint without a due date (an older server's row): last.
  [ticketRow('q4'), { is_complaint: 1 }],
  // q5: a closed complaint; q6: no complaint at all. Neither is listed.
  [ticketRow('q5'), { ...complaint(at('07:00'), at('23:00', '2026-03-03')), status: 'closed' }],
  [ticketRow('q6'), { status: 'open', assignee_id: 'a2' }],
];

export function complaintsContract(engine: Engine): void {
  let h: EngineHandle;
  beforeEach(async () => {
    h = await engine.open();
    await insertTicketParents(h);
    await h.storage.write(async (tx) => {
      for (const [row, patch] of CASES) {
        await tx.tickets.insert(row);
        await tx.tickets.update(row.id, patch);
      }
    });
  });
  afterEach(async () => h.close());

  it('stores when a case became a complaint (null until it does)', async () => {
    const [q1, q6] = await h.storage.read(async (tx) => [await tx.tickets.get('q1'), await tx.tickets.get('q6')]);
    expect(q1?.complaint_opened_at).toBe(at('08:00'));
    expect(q6?.complaint_opened_at).toBeNull();
  });

  it('lists open complaints soonest due first (then id), undated last, with customer and assignee names; closed ones and non-complaints left out', async () => {
    const rows = await h.storage.read((tx) => tx.tickets.openComplaints(100));
    expect(rows).toStrictEqual([
      { id: 'q2', reference: 'REF-q2', status: 'queued', region_id: 'se', customer_id: 'c1', customer_name: 'Customer c1', assignee_id: null, assignee_name: null, complaint_opened_at: at('09:00'), complaint_due_at: at('23:00', '2026-03-10') },
      { id: 'q3', reference: 'REF-q3', status: 'resolved', region_id: 'de', customer_id: 'c2', customer_name: 'Customer c2', assignee_id: null, assignee_name: null, complaint_opened_at: at('09:30'), complaint_due_at: at('23:00', '2026-03-10') },
      { id: 'q1', reference: 'REF-q1', status: 'open', region_id: 'se', customer_id: 'c1', customer_name: 'Customer c1', assignee_id: 'a1', assignee_name: 'Agent a1', complaint_opened_at: at('08:00'), complaint_due_at: at('23:00', '2026-03-16') },
      { id: 'q4', reference: 'REF-q4', status: 'queued', region_id: 'se', customer_id: 'c1', customer_name: 'Customer c1', assignee_id: null, assignee_name: null, complaint_opened_at: null, complaint_due_at: null },
    ]);
  });

  it('stops at the limit', async () => {
    expect((await h.storage.read((tx) => tx.tickets.openComplaints(2))).map((r) => r.id)).toStrictEqual(['q2', 'q3']);
  });
}
