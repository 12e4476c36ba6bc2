/**
 * The tickets table's sync reads (`visibleAfter`, `visibleCount`, `customerVisible`) are
 * `canReadTicket` in SQL: over the demo world, for every agent, they agree with the function the
 * live path and the pushes use. A PostgreSQL repository must pass the same comparison.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoWorld } from '../../demo/seed';
import { readerOf } from '../../sync/changes';
import { canReadTicket } from '../../tickets/access';
import { openDatabase, type Db } from '../db';
import { createStore, type Store } from '../store';
import type { TicketDbRow } from './tickets';

let db: Db;
let store: Store;
beforeAll(async () => {
  db = openDatabase(':memory:');
  await seedDemoWorld(db, { customers: 60, historicTickets: 60 });
  store = createStore(db, () => new Date('2026-03-02T10:00:00Z'));
  // Queued tickets of every region and tier, so agents differ in what they may read.
  db.exec(`UPDATE tickets SET status = 'queued', assignee_id = NULL WHERE rowid % 3 = 0`);
});
afterAll(() => db.close());

const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('the tickets table: what a reader may see', () => {
  it('pages, counts and finds customers exactly as canReadTicket decides, for every agent', () => {
    const tickets = db.prepare('SELECT * FROM tickets').all() as TicketDbRow[];
    const agents = store.agents.all();
    expect(new Set(agents.map((a) => a.role))).toEqual(new Set(['agent', 'senior', 'supervisor']));
    const counts = new Set<number>();
    for (const agent of agents) {
      const reader = readerOf(agent);
      const expected = tickets.filter((t) => canReadTicket(agent, t)).map((t) => t.id).sort(byteOrder);
      counts.add(expected.length);
      // Paged by id, 7 at a time, from the empty id.
      const paged: string[] = [];
      for (let after = '', page = store.tickets.visibleAfter(reader, after, 7); page.length > 0; page = store.tickets.visibleAfter(reader, after, 7)) {
        expect(page.length).toBeLessThanOrEqual(7);
        paged.push(...page.map((t) => t.id));
        after = page[page.length - 1]!.id;
      }
      expect(paged, agent.email).toEqual(expected);
      expect(store.tickets.visibleCount(reader), agent.email).toBe(expected.length);
      const customers = new Set(tickets.filter((t) => canReadTicket(agent, t)).map((t) => t.customer_id));
      for (const customerId of new Set(tickets.map((t) => t.customer_id)))
        expect(store.tickets.customerVisible(customerId, reader), `${agent.email} ${customerId}`).toBe(customers.has(customerId));
    }
    // The world is not one where every agent sees the same: the comparison means something.
    expect(counts.size).toBeGreaterThan(2);
  });
});
