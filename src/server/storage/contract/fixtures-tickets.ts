/**
 * Fixtures of the ticket-side contract suites: the parent rows a ticket needs (regions, customers
 * and agents, inserted through their repositories) and row builders. Test code only.
 */
import type { TicketDbRow } from '../tables/tickets';
import type { MessageDbRow } from '../tables/messages';
import { agentRow, type EngineHandle } from './engine';
import { customerRow, regionRow } from './fixtures-customers';

/** Regions `se` and `de`, customers `c1` (se) and `c2` (de), agents `a1` and `a2`. */
export async function insertTicketParents(h: EngineHandle): Promise<void> {
  await h.storage.write(async (tx) => {
    await tx.regions.insert(regionRow('se'));
    await tx.regions.insert(regionRow('de', { time_zone: 'Europe/Berlin', locale: 'de-DE', currency: 'EUR' }));
    await tx.customers.insert(customerRow('c1'));
    await tx.customers.insert(customerRow('c2', { region_id: 'de', country: 'DE', currency: 'EUR', locale: 'de-DE', time_zone: 'Europe/Berlin' }));
    await tx.agents.insert(agentRow('a1'));
    await tx.agents.insert(agentRow('a2'));
  });
}

export type NewTicket = Pick<
  TicketDbRow,
  'id' | 'reference' | 'customer_id' | 'channel' | 'category' | 'status' | 'priority' | 'tier' | 'region_id' | 'assignee_id' | 'subject' | 'order_number' | 'linked_ticket_id' | 'created_at' | 'queued_at' | 'last_message_at' | 'waiting_since' | 'reply_due_at'
>;

export const ticketRow = (id: string, over: Partial<NewTicket> = {}): NewTicket => ({
  id,
  reference: `REF-${id}`,
  customer_id: 'c1',
  channel: 'chat',
  category: 'payment_delay',
  status: 'queued',
  priority: 'normal',
  tier: 1,
  region_id: 'se',
  assignee_id: null,
  subject: `Subject ${id}`,
  order_number: null,
  linked_ticket_id: null,
  created_at: '2026-03-02T09:00:00.000Z',
  queued_at: '2026-03-02T09:00:00.000Z',
  last_message_at: null,
  waiting_since: null,
  reply_due_at: null,
  ...over,
});

/** The row `get` returns right after inserting `r`: the columns an insert leaves to their defaults. */
export const storedTicket = (r: NewTicket): TicketDbRow & { customer_token_hash: null } => ({
  ...r,
  customer_token_hash: null,
  offered_at: null,
  accepted_at: null,
  first_response_at: null,
  resolved_at: null,
  csat: null,
  csat_comment: null,
  is_complaint: 0,
  complaint_due_at: null,
  reopen_count: 0,
  reopened_at: null,
  outcome: null,
  tags_json: '[]',
  closes_at: null,
  merged_into_id: null,
  complaint_opened_at: null,
  // A new case keeps the category it was opened with (migration 130).
  initial_category: r.category,
  language: null,
  mood: null,
  mood_score: null,
  suggested_category: null,
  suggested_confidence: null,
  suggestion_source: null,
  version: 1,
});

export const messageRow = (id: string, ticketId: string, over: Partial<Omit<MessageDbRow, 'version'>> = {}): Omit<MessageDbRow, 'version'> => ({
  id,
  ticket_id: ticketId,
  author_kind: 'customer',
  author_id: null,
  author_name: 'Cleo',
  body: `Body ${id}`,
  client_msg_id: null,
  attachment_ids_json: '[]',
  created_at: '2026-03-02T09:00:00.000Z',
  whisper: 0,
  canned_shortcut: null,
  ...over,
});
