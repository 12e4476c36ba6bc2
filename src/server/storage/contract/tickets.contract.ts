/** The tickets repository's contract: the same `TicketDbRow`s, orders and numbers from every engine. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { TicketDbRow } from '../tables/tickets';
import type { Engine, EngineHandle } from './engine';
import { insertTicketParents, storedTicket, ticketRow, type NewTicket } from './fixtures-tickets';

/** SQLite's julianday(): integer milliseconds from the Julian epoch over a day, as a double. */
const julianday = (iso: string) => (Date.parse(iso) + 210866760000000) / 86400000;
const handleSec = (accepted: string, resolved: string) => (julianday(resolved) - julianday(accepted)) * 86400;

export function ticketsContract(engine: Engine): void {
  let h: EngineHandle;
  beforeEach(async () => {
    h = await engine.open();
    await insertTicketParents(h);
  });
  afterEach(async () => h.close());

  const insert = (...rows: NewTicket[]) =>
    h.storage.write(async (tx) => {
      for (const r of rows) await tx.tickets.insert(r);
    });
  const resolve = (id: string, accepted: string, resolved: string) =>
    h.storage.write((tx) => tx.tickets.update(id, { status: 'resolved', accepted_at: accepted, resolved_at: resolved }));

  it('round-trips a ticket by id and by reference: defaults filled, numbers as numbers, nulls as nulls', async () => {
    const row = ticketRow('t1', { order_number: 'ORD-1', tier: 2, waiting_since: '2026-03-02T09:00:01.000Z' });
    await insert(row);
    const [byId, byRef, none, noRef] = await h.storage.read(async (tx) => [
      await tx.tickets.get('t1'),
      await tx.tickets.getByReference('REF-t1'),
      await tx.tickets.get('t9'),
      await tx.tickets.getByReference('REF-t9'),
    ]);
    expect(byId).toStrictEqual(storedTicket(row));
    expect(byRef).toStrictEqual(storedTicket(row));
    expect(none).toBeNull();
    expect(noRef).toBeNull();
    await expect(insert(ticketRow('t2', { reference: 'REF-t1' }))).rejects.toThrow(/UNIQUE|unique/);
  });

  it('finds the customer’s newest chat still under way (queued, open or pending), not an e-mail or a resolved chat', async () => {
    await insert(
      ticketRow('t1', { status: 'open', created_at: '2026-03-02T08:00:00.000Z' }),
      ticketRow('t2', { status: 'pending', created_at: '2026-03-02T09:00:00.000Z' }),
      ticketRow('t3', { status: 'resolved', created_at: '2026-03-02T10:00:00.000Z' }),
      ticketRow('t4', { channel: 'email', status: 'open', created_at: '2026-03-02T11:00:00.000Z' }),
      ticketRow('t5', { customer_id: 'c2', region_id: 'de', status: 'queued', created_at: '2026-03-02T12:00:00.000Z' }),
    );
    const [c1, c2] = await h.storage.read(async (tx) => [await tx.tickets.activeChatOf('c1'), await tx.tickets.activeChatOf('c2')]);
    expect(c1?.id).toBe('t2');
    expect(c2?.id).toBe('t5');
    await h.storage.write((tx) => tx.tickets.update('t2', { status: 'closed' }));
    expect((await h.storage.read((tx) => tx.tickets.activeChatOf('c1')))?.id).toBe('t1');
    await h.storage.write((tx) => tx.tickets.update('t1', { status: 'resolved' }));
    expect(await h.storage.read((tx) => tx.tickets.activeChatOf('c1'))).toBeNull();
  });

  it('updates the patchable columns, bumps the version, returns the new row; ignores the others as SQLite does', async () => {
    const row = ticketRow('t1');
    await insert(row, ticketRow('t0'));
    const updated = await h.storage.write(async (tx) => {
      await tx.tickets.update('t1', { status: 'open', assignee_id: 'a1', accepted_at: '2026-03-02T09:01:00.000Z', queued_at: null });
      return tx.tickets.update('t1', { csat: 4, csat_comment: 'ok', is_complaint: 1, linked_ticket_id: 't0' });
    });
    const expected: TicketDbRow = {
      ...storedTicket(row),
      status: 'open',
      assignee_id: 'a1',
      accepted_at: '2026-03-02T09:01:00.000Z',
      queued_at: null,
      csat: 4,
      csat_comment: 'ok',
      is_complaint: 1,
      version: 3,
    };
    expect(updated).toStrictEqual(expected);
    expect(await h.storage.read((tx) => tx.tickets.get('t1'))).toStrictEqual(expected);
    expect(await h.storage.write((tx) => tx.tickets.update('t1', {}))).toMatchObject({ version: 4, linked_ticket_id: null });
    // A key present with an undefined value sets NULL (better-sqlite3 binds undefined as NULL).
    expect(await h.storage.write((tx) => tx.tickets.update('t1', { csat_comment: undefined, csat: 4 }))).toMatchObject({ version: 5, csat_comment: null, csat: 4 });
    await expect(h.storage.write((tx) => tx.tickets.update('t9', { status: 'open' }))).rejects.toThrow('ticket t9 vanished');
    await expect(h.storage.write((tx) => tx.tickets.update('t1', { csat: 6 }))).rejects.toThrow(/CHECK|check/);
    expect(await h.storage.read((tx) => tx.tickets.get('t1'))).toMatchObject({ csat: 4, version: 5 });
  });

  it('updates from the row the transaction read (SQLite skips reading it back): the same row as read back; a stale row still gives the truth', async () => {
    const row = ticketRow('t1');
    await insert(row);
    const { fromCurrent, stored } = await h.storage.write(async (tx) => {
      const current = (await tx.tickets.getForUpdate('t1'))!;
      const fromCurrent = await tx.tickets.update('t1', { last_message_at: '2026-03-02T09:05:00.000Z', waiting_since: '2026-03-02T09:05:00.000Z', csat_comment: undefined, linked_ticket_id: 't0' }, current);
      return { fromCurrent, stored: await tx.tickets.get('t1') };
    });
    expect(fromCurrent).toStrictEqual(stored);
    expect(fromCurrent).toMatchObject({ version: 2, last_message_at: '2026-03-02T09:05:00.000Z', csat_comment: null, linked_ticket_id: null });
    const stale = storedTicket(row);
    const truth = await h.storage.write((tx) => tx.tickets.update('t1', { csat: 5 }, stale));
    expect(truth).toStrictEqual({ ...stale, last_message_at: '2026-03-02T09:05:00.000Z', waiting_since: '2026-03-02T09:05:00.000Z', csat: 5, version: 3 });
    expect(await h.storage.read((tx) => tx.tickets.get('t1'))).toStrictEqual(truth);
  });

  it('lists the queue by queue time, then id in byte order; a queued ticket without a queue time first, as SQLite sorts NULL', async () => {
    const at = '2026-03-02T09:00:00.000Z';
    await insert(
      ticketRow('b', { queued_at: at }),
      ticketRow('a', { queued_at: '2026-03-02T09:00:01.000Z' }),
      ticketRow('Z', { queued_at: at }),
      ticketRow('é', { queued_at: at }),
      ticketRow('n', { queued_at: null }),
      ticketRow('d', { queued_at: '2026-03-02T08:59:59.999Z', region_id: 'de', customer_id: 'c2' }),
      ticketRow('o', { queued_at: '2026-03-02T08:00:00.000Z', status: 'open' }),
    );
    const [se, de, all] = await h.storage.read(async (tx) => [await tx.tickets.queuedInRegion('se'), await tx.tickets.queuedInRegion('de'), await tx.tickets.allQueued()]);
    expect(se.map((t) => t.id)).toEqual(['n', 'Z', 'b', 'é', 'a']);
    expect(de.map((t) => t.id)).toEqual(['d']);
    expect(all.map((t) => t.id)).toEqual(['n', 'd', 'Z', 'b', 'é', 'a']);
    // The same byte order in a queue position; a ticket without a queue time counts none.
    const positions = await h.storage.read(async (tx) => Promise.all(se.map((t) => tx.tickets.queuePosition(t))));
    expect(positions).toEqual([0, 1, 2, 3, 4]);
  });

  it('counts a queued ticket’s position among its region’s and tier’s queue, ties broken by id', async () => {
    const at = '2026-03-02T09:00:00.000Z';
    await insert(
      ticketRow('t1', { queued_at: '2026-03-02T08:00:00.000Z' }),
      ticketRow('t2', { queued_at: at }),
      ticketRow('t3', { queued_at: at }),
      ticketRow('t4', { queued_at: '2026-03-02T09:30:00.000Z' }),
      ticketRow('t5', { queued_at: '2026-03-02T07:00:00.000Z', tier: 2 }),
      ticketRow('t6', { queued_at: '2026-03-02T07:00:00.000Z', region_id: 'de', customer_id: 'c2' }),
      ticketRow('t7', { queued_at: '2026-03-02T07:00:00.000Z', status: 'open' }),
    );
    const positions = await h.storage.read(async (tx) => {
      const out: Record<string, number> = {};
      for (const id of ['t1', 't2', 't3', 't4', 't5', 't6']) out[id] = await tx.tickets.queuePosition((await tx.tickets.get(id))!);
      // A ticket not yet queued counts what is queued before '' (nothing) or ties on '' by id.
      out.none = await tx.tickets.queuePosition({ id: 'zz', region_id: 'se', tier: 1, queued_at: null });
      return out;
    });
    expect(positions).toStrictEqual({ t1: 1, t2: 2, t3: 3, t4: 4, t5: 1, t6: 1, none: 0 });
  });

  it('counts an agent’s open and pending chats and lists their open tickets not answered yet or offered and not accepted', async () => {
    await insert(
      ticketRow('t1', { status: 'open', assignee_id: 'a1' }),
      ticketRow('t2', { status: 'pending', assignee_id: 'a1' }),
      ticketRow('t3', { status: 'resolved', assignee_id: 'a1' }),
      ticketRow('t4', { status: 'open', assignee_id: 'a1', channel: 'email' }),
      ticketRow('t5', { status: 'open', assignee_id: 'a2' }),
      ticketRow('t6', { status: 'open', assignee_id: 'a1' }),
    );
    await h.storage.write(async (tx) => {
      await tx.tickets.update('t1', { first_response_at: '2026-03-02T09:02:00.000Z', accepted_at: '2026-03-02T09:01:00.000Z' });
      // Escalated to a1: a colleague answered it before, a1 has not accepted it yet.
      await tx.tickets.update('t6', { first_response_at: '2026-03-02T09:02:00.000Z', accepted_at: null });
    });
    const [load1, load2, none, unanswered] = await h.storage.read(async (tx) => [
      await tx.tickets.chatLoad('a1'),
      await tx.tickets.chatLoad('a2'),
      await tx.tickets.chatLoad('nobody'),
      await tx.tickets.unansweredFor('a1'),
    ]);
    expect([load1, load2, none]).toStrictEqual([3, 1, 0]);
    expect(unanswered.map((t) => t.id)).toEqual(['t4', 't6']);
  });

  it('averages the handle time of the region’s resolved chats in seconds, as SQLite’s julianday arithmetic gives it', async () => {
    await insert(
      ticketRow('t1'),
      ticketRow('t2'),
      ticketRow('t3', { channel: 'email' }),
      ticketRow('t4', { region_id: 'de', customer_id: 'c2' }),
      ticketRow('t5'),
    );
    await resolve('t1', '2026-03-02T10:00:00.000Z', '2026-03-02T10:05:00.000Z'); // 300 s
    await resolve('t2', '2026-03-02T11:00:00.250Z', '2026-03-02T11:10:00.750Z'); // 600.5 s
    await resolve('t3', '2026-03-02T10:00:00.000Z', '2026-03-02T12:00:00.000Z'); // e-mail: not counted
    await resolve('t4', '2026-03-02T10:00:00.000Z', '2026-03-02T10:01:00.000Z'); // 60 s, in de
    await h.storage.write((tx) => tx.tickets.update('t5', { accepted_at: '2026-03-02T10:00:00.000Z' })); // not resolved
    const [se, de] = await h.storage.read(async (tx) => [await tx.tickets.averageHandleSec('se'), await tx.tickets.averageHandleSec('de')]);
    // By hand: (300 + 600.5) / 2 = 450.25, within julianday's precision (about 2e-5 s) ...
    expect(se).toBeCloseTo(450.25, 3);
    // ... and exactly SQLite's double: each difference of two julian days, times 86400.
    expect(se).toBe((handleSec('2026-03-02T10:00:00.000Z', '2026-03-02T10:05:00.000Z') + handleSec('2026-03-02T11:00:00.250Z', '2026-03-02T11:10:00.750Z')) / 2);
    expect(se).not.toBe(450.25);
    expect(de).toBe(handleSec('2026-03-02T10:00:00.000Z', '2026-03-02T10:01:00.000Z'));
    await h.exec(`DELETE FROM tickets WHERE region_id = 'de'`);
    expect(await h.storage.read((tx) => tx.tickets.averageHandleSec('de'))).toBeNull();
  });

  it('averages only the 200 latest resolved chats', async () => {
    const minute = (n: number) => new Date(Date.UTC(2026, 2, 2, 0, n)).toISOString();
    await h.storage.write(async (tx) => {
      // The oldest resolution took 10,000 s; the 200 after it 30 s each.
      await tx.tickets.insert(ticketRow('old'));
      await tx.tickets.update('old', { accepted_at: '2026-03-01T00:00:00.000Z', resolved_at: '2026-03-01T02:46:40.000Z' });
      for (let i = 0; i < 200; i++) {
        const id = `t${String(i).padStart(3, '0')}`;
        await tx.tickets.insert(ticketRow(id));
        await tx.tickets.update(id, { accepted_at: minute(i), resolved_at: new Date(Date.parse(minute(i)) + 30_000).toISOString() });
      }
    });
    expect(await h.storage.read((tx) => tx.tickets.averageHandleSec('se'))).toBeCloseTo(30, 3);
    await h.exec(`DELETE FROM tickets WHERE id = 't000'`);
    // 199 of 30 s and the old one: (199 * 30 + 10000) / 200 = 79.85
    expect(await h.storage.read((tx) => tx.tickets.averageHandleSec('se'))).toBeCloseTo(79.85, 3);
  });

  it('records a decline once (a repeat is not an error) and answers whether an agent declined', async () => {
    await insert(ticketRow('t1'), ticketRow('t2'));
    await h.storage.write(async (tx) => {
      await tx.tickets.recordDecline('t1', 'a1', tx.now);
      await tx.tickets.recordDecline('t1', 'a1', '2026-03-02T11:00:00.000Z');
    });
    const answers = await h.storage.read(async (tx) => [
      await tx.tickets.declinedBy('t1', 'a1'),
      await tx.tickets.declinedBy('t1', 'a2'),
      await tx.tickets.declinedBy('t2', 'a1'),
    ]);
    expect(answers).toStrictEqual([true, false, false]);
  });

  it('pages, counts and checks what a reader may see, as canReadTicket decides (own chats, its regions’ queue up to its tier)', async () => {
    await insert(
      ticketRow('t1', { assignee_id: 'a1', status: 'open' }), // a1's own
      ticketRow('t2', { status: 'queued', region_id: 'se', tier: 1 }), // se queue, tier 1
      ticketRow('t3', { status: 'queued', region_id: 'se', tier: 2 }), // se queue, tier 2: not for a tier-1 reader
      ticketRow('t4', { status: 'queued', region_id: 'de', customer_id: 'c2' }), // another region
      ticketRow('t5', { assignee_id: 'a2', status: 'open' }), // a colleague's
      ticketRow('T6', { status: 'queued', region_id: 'se', tier: 1 }), // upper case: byte order puts it first
    );
    const reader = { agentId: 'a1', regions: ['se'], tier: 1 as const };
    const seen = await h.storage.read(async (tx) => ({
      page1: (await tx.tickets.visibleAfter(reader, '', 2)).map((t) => t.id),
      page2: (await tx.tickets.visibleAfter(reader, 't1', 2)).map((t) => t.id),
      all: (await tx.tickets.visibleAfter('all', 't3', 10)).map((t) => t.id),
      count: await tx.tickets.visibleCount(reader),
      countAll: await tx.tickets.visibleCount('all'),
      c1: await tx.tickets.customerVisible('c1', reader),
      c2: await tx.tickets.customerVisible('c2', reader),
      c2wide: await tx.tickets.customerVisible('c2', { agentId: 'a1', regions: ['se', 'de'], tier: 1 }),
      c2all: await tx.tickets.customerVisible('c2', 'all'),
    }));
    expect(seen).toStrictEqual({ page1: ['T6', 't1'], page2: ['t2'], all: ['t4', 't5'], count: 3, countAll: 6, c1: true, c2: false, c2wide: true, c2all: true });
  });

  it('stores the wrap-up (outcome, tags, closing time) and a merge, and lists resolved cases due to close, oldest first, up to a limit', async () => {
    await insert(ticketRow('t1'), ticketRow('t2'), ticketRow('t3'), ticketRow('t4'), ticketRow('t5'));
    const wrapped = await h.storage.write((tx) =>
      tx.tickets.update('t1', { status: 'resolved', outcome: 'workaround', tags_json: '["sepa","ångström"]', closes_at: '2026-03-02T09:10:00.000Z' }),
    );
    expect(wrapped).toMatchObject({ outcome: 'workaround', tags_json: '["sepa","ångström"]', closes_at: '2026-03-02T09:10:00.000Z', version: 2 });
    expect(await h.storage.read((tx) => tx.tickets.get('t1'))).toStrictEqual(wrapped);
    await h.storage.write(async (tx) => {
      await tx.tickets.update('t2', { status: 'resolved', closes_at: '2026-03-02T09:05:00.000Z' });
      await tx.tickets.update('t3', { status: 'resolved', closes_at: '2026-03-02T09:20:00.000Z' }); // not due yet
      await tx.tickets.update('t4', { status: 'open', closes_at: '2026-03-02T09:00:00.000Z' }); // reopened: never closed
      await tx.tickets.update('t5', { status: 'resolved', closes_at: null }); // resolved before windows existed
    });
    const [due, first, none] = await h.storage.read(async (tx) => [
      await tx.tickets.dueToClose('2026-03-02T09:10:00.000Z', 10),
      await tx.tickets.dueToClose('2026-03-02T09:10:00.000Z', 1),
      await tx.tickets.dueToClose('2026-03-02T09:04:59.999Z', 10),
    ]);
    expect(due).toEqual(['t2', 't1']);
    // A merged case names the case it went into.
    const merged = await h.storage.write((tx) => tx.tickets.update('t5', { status: 'closed', merged_into_id: 't1' }));
    expect(merged).toMatchObject({ status: 'closed', merged_into_id: 't1' });
    expect((await h.storage.read((tx) => tx.tickets.get('t5')))?.merged_into_id).toBe('t1');
    expect(first).toEqual(['t2']);
    expect(none).toEqual([]);
    // Refused by both engines: an outcome not in the list, tags that are not JSON.
    await expect(h.storage.write((tx) => tx.tickets.update('t2', { outcome: 'fixed' as never }))).rejects.toThrow();
    await expect(h.storage.write((tx) => tx.tickets.update('t2', { tags_json: 'not json' }))).rejects.toThrow();
  });
}
