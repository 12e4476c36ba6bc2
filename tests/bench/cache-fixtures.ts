/**
 * The rows the cache benches apply: tickets and messages with Zipf-distributed words and a rare
 * token each (so search has both common and selective terms), in pull pages of changes.
 * Deterministic: one seeded generator per process.
 */
import type { MessageRow, TicketRow } from '../../src/shared/domain';
import type { Change } from '../../src/shared/protocol/sync';

export const WORDS = (
  'the a to and my i is payment not you for it of on in have this was order please can refund we your be that with account ' +
  'help app card return installment due date late fee verification bank thanks hello checkout error plan paid amount week ' +
  'merchant package delivered still waiting email link code again why when how today yesterday money back sorry update'
).split(' ');

let seed = 1;
export const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
export const zipfWord = () => WORDS[Math.min(WORDS.length - 1, Math.floor(WORDS.length * rand() ** 3))]!;
export const rareToken = (n: number) => `zq${n.toString(36)}x`;

export function ticket(i: number, at: string): TicketRow {
  return {
    id: `t${String(i).padStart(7, '0')}`,
    reference: `BNCH-${String(i).padStart(4, '0').slice(-4)}`,
    customerId: `c${i % 5000}`,
    channel: 'chat',
    category: 'payment_delay',
    status: i % 3 === 0 ? 'resolved' : 'open',
    priority: 'normal',
    tier: 1,
    regionId: 'eu-north',
    assigneeId: 'agent-1',
    subject: 'Payment not showing',
    orderNumber: null,
    createdAt: at,
    offeredAt: at,
    acceptedAt: at,
    firstResponseAt: at,
    resolvedAt: null,
    lastMessageAt: at,
    csat: null,
    isComplaint: false,
    complaintDueAt: null,
    linkedTicketId: null,
    waitingSince: null,
    replyDueAt: null,
    version: 1,
  };
}

export function message(n: number, ticketId: string, at: string): MessageRow {
  const words = Array.from({ length: 8 + Math.floor(rand() * 20) }, zipfWord);
  words.splice(Math.floor(rand() * words.length), 0, rareToken(n));
  return {
    id: `m${String(n).padStart(8, '0')}`,
    ticketId,
    authorKind: n % 2 ? 'customer' : 'agent',
    authorId: null,
    authorName: 'Bench',
    body: words.join(' '),
    clientMsgId: null,
    attachmentIds: [],
    createdAt: at,
    version: 1,
  };
}

/** Pages of changes as a pull would deliver them: tickets first, then their messages. */
export function* pages(tickets: number, messagesPerTicket: number, pageSize: number, firstMessage = 0): Generator<Change[]> {
  let page: Change[] = [];
  let seq = 0;
  let n = firstMessage;
  const t0 = Date.parse('2026-11-01T00:00:00Z');
  for (let t = 0; t < tickets; t++) {
    const at = new Date(t0 + t * 60_000).toISOString();
    const tk = ticket(t, at);
    page.push({ entity: 'ticket', op: 'upsert', id: tk.id, seq: ++seq, row: tk });
    for (let m = 0; m < messagesPerTicket; m++) {
      const row = message(n++, tk.id, new Date(t0 + t * 60_000 + m * 1000).toISOString());
      page.push({ entity: 'message', op: 'upsert', id: row.id, seq: ++seq, row });
      if (page.length >= pageSize) {
        yield page;
        page = [];
      }
    }
  }
  if (page.length) yield page;
}
