import type { CallDirection, CallOutcome } from '../../../shared/calls';
import type { Db } from '../db';

/** A phone call an agent logged on a case (migration 80); desk-side only. */
export interface CallDbRow {
  id: string;
  ticket_id: string;
  customer_id: string;
  agent_id: string;
  direction: CallDirection;
  duration_sec: number;
  outcome: CallOutcome;
  /** Card-masked, as everything a customer may have said. */
  notes: string;
  created_at: string;
}

export function createCallsTable(db: Db) {
  const insert = db.prepare<CallDbRow>(
    `INSERT INTO calls (id, ticket_id, customer_id, agent_id, direction, duration_sec, outcome, notes, created_at)
     VALUES (@id, @ticket_id, @customer_id, @agent_id, @direction, @duration_sec, @outcome, @notes, @created_at)`,
  );
  const forTicket = db.prepare<[string], CallDbRow>('SELECT * FROM calls WHERE ticket_id = ? ORDER BY created_at, id');
  return {
    insert: (r: CallDbRow): void => void insert.run(r),
    /** A case's calls, oldest first. */
    forTicket: (ticketId: string): CallDbRow[] => forTicket.all(ticketId),
  };
}
