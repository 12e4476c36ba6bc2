/** Pull of the change feed (SYNC.md "Reading"). */
import { z } from 'zod';
import {
  AccountRow,
  AgentRow,
  AttachmentRow,
  CannedReplyRow,
  CustomerRow,
  InstallmentRow,
  MacroRow,
  MessageRow,
  OrderRow,
  PaymentMethodRow,
  ReturnRow,
  TicketRow,
  TransactionRow,
} from '../domain';

export const ENTITIES = [
  'ticket',
  'message',
  'attachment',
  'customer',
  'account',
  'paymentMethod',
  'order',
  'installment',
  'transaction',
  'return',
  'agent',
  'cannedReply',
  'macro',
] as const;
export const Entity = z.enum(ENTITIES);
export type Entity = z.infer<typeof Entity>;

export const EntityRows = {
  ticket: TicketRow,
  message: MessageRow,
  attachment: AttachmentRow,
  customer: CustomerRow,
  account: AccountRow,
  paymentMethod: PaymentMethodRow,
  order: OrderRow,
  installment: InstallmentRow,
  transaction: TransactionRow,
  return: ReturnRow,
  agent: AgentRow,
  cannedReply: CannedReplyRow,
  macro: MacroRow,
} as const satisfies Record<Entity, z.ZodType>;

const upsert = <E extends Entity>(entity: E) =>
  z.object({ entity: z.literal(entity), op: z.literal('upsert'), id: z.string(), seq: z.number().int(), row: EntityRows[entity] });

export const Change = z.union([
  upsert('ticket'),
  upsert('message'),
  upsert('attachment'),
  upsert('customer'),
  upsert('account'),
  upsert('paymentMethod'),
  upsert('order'),
  upsert('installment'),
  upsert('transaction'),
  upsert('return'),
  upsert('agent'),
  upsert('cannedReply'),
  upsert('macro'),
  z.object({ entity: Entity, op: z.literal('delete'), id: z.string(), seq: z.number().int() }),
]);
export type Change = z.infer<typeof Change>;

/**
 * A cursor is opaque to the desktop. Empty means "from scratch": the server answers with a
 * snapshot of everything the agent may see, in pages, then continues on the change feed.
 */
export const Cursor = z.string().max(200);

export const PULL_PAGE_DEFAULT = 500;
export const PULL_PAGE_MAX = 1000;

export const PullQuery = z.strictObject({
  cursor: Cursor.default(''),
  epoch: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(PULL_PAGE_MAX).default(PULL_PAGE_DEFAULT),
  protocol: z.coerce.number().int().min(0).max(1000).optional(),
});
export type PullQuery = z.infer<typeof PullQuery>;

export const PullResponse = z.object({
  epoch: z.string(),
  changes: z.array(Change),
  cursor: Cursor,
  hasMore: z.boolean(),
  /** Head of the feed when this page was cut: lets the UI show initial-sync progress. */
  head: z.number().int(),
  /** During a snapshot: how many tickets are done of how many. */
  progress: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
});
export type PullResponse = z.infer<typeof PullResponse>;
