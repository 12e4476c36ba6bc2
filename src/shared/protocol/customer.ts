/** The public customer API the chat page (and the customer simulator) use. */
import { z } from 'zod';
import { Category, MessageRow, TicketStatus } from '../domain';
import { MAX_MESSAGE_LENGTH } from './mutations';

export const MAX_DESCRIPTION_LENGTH = 2000;
export const MAX_UPLOAD_BYTES = 8 * 1024 * 1024;
export const MAX_UPLOAD_PIXELS = 40_000_000;
export const UPLOAD_MIME_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;

const clientMsgId = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/);
const orderNumber = z.string().trim().max(40).regex(/^[A-Za-z0-9-]*$/, 'letters, digits and dashes only');

export const RegionInfo = z.object({
  id: z.string(),
  name: z.string(),
  timeZone: z.string(),
  open: z.boolean(),
  /** The weekly hours with the zone's name: "Mon–Fri 08:00–18:00 · Sat–Sun closed (AEDT)". */
  hoursText: z.string(),
  nextOpenAt: z.string().nullable(),
  /** "Mon 08:00 AEDT": the next opening in the region's zone, named. */
  nextOpenText: z.string().nullable(),
  /** While open: when the open stretch ends (null: round the clock), and "18:00 AEDT". */
  closesAt: z.string().nullable(),
  closesText: z.string().nullable(),
  /** "Today (Christmas Day): closed" on a public holiday or a manual exception, else null. */
  todayText: z.string().nullable(),
  phone: z.string().nullable(),
  /**
   * While open: what a chat started now would wait (its place after the region's queue, shared by
   * the available agents' free slots; routing/queue-info.ts), so a long wait can offer the
   * alternatives first. Null while closed.
   */
  expectedWaitSec: z.number().int().nullable(),
});
export type RegionInfo = z.infer<typeof RegionInfo>;

export const ChatConfig = z.object({
  demo: z.boolean(),
  /**
   * How customers are identified: `verification` when the desk checks identity tokens signed by
   * the company's site; `demoSigner` when the demo world's signer hands out tokens for demo
   * customers (`POST /api/chat/demo/identity`).
   */
  identity: z.object({ verification: z.boolean(), demoSigner: z.boolean() }),
  regions: z.array(RegionInfo),
  categories: z.array(z.object({ id: Category, label: z.string() })),
  limits: z.object({ maxUploadBytes: z.number(), maxMessageLength: z.number() }),
});
export type ChatConfig = z.infer<typeof ChatConfig>;

export const DemoIdentity = z.object({
  customerId: z.string(),
  name: z.string(),
  email: z.string(),
  regionId: z.string(),
  orderNumbers: z.array(z.string()),
});
export type DemoIdentity = z.infer<typeof DemoIdentity>;

/** The longest identity token (a compact JWT) the desk accepts. */
export const MAX_IDENTITY_TOKEN_LENGTH = 4096;
const identityToken = z.string().trim().min(16).max(MAX_IDENTITY_TOKEN_LENGTH);

/** Demo mode only: a short-lived identity token for a seeded customer, from the demo signer. */
export const DemoIdentityTokenRequest = z.strictObject({ customerId: z.string().min(1).max(64) });
export const DemoIdentityTokenResponse = z.object({ identityToken: z.string(), expiresAt: z.string() });
export type DemoIdentityTokenResponse = z.infer<typeof DemoIdentityTokenResponse>;

/**
 * With `identityToken` (a JWT the company's site signed for its signed-in customer) the chat is
 * the verified customer's; without it the customer is an unverified visitor whose `name` and
 * `email` are only what they typed, and who is never given an existing customer's data.
 */
export const StartChatRequest = z.strictObject({
  identityToken: identityToken.optional(),
  /** A visitor's own words: shown to agents as stated, never used to find a customer. */
  name: z.string().trim().min(1).max(120).optional(),
  email: z.string().trim().email().max(200).optional(),
  regionId: z.string().max(40).optional(),
  category: Category,
  description: z.string().trim().min(1).max(MAX_DESCRIPTION_LENGTH),
  orderNumber: orderNumber.optional(),
  /** A reference from an earlier case: the follow-up continues that case. */
  reference: z.string().max(20).optional(),
});
export type StartChatRequest = z.infer<typeof StartChatRequest>;

export const QueueInfo = z.object({ position: z.number().int(), expectedWaitSec: z.number().int() });
export type QueueInfo = z.infer<typeof QueueInfo>;

export const ChatState = z.object({
  ticketId: z.string(),
  reference: z.string(),
  status: TicketStatus,
  category: Category,
  agentName: z.string().nullable(),
  queue: QueueInfo.nullable(),
  csat: z.number().int().nullable(),
  /** True when the customer proved who they are with an identity token. */
  verified: z.boolean(),
  /** A visitor who quoted an earlier case's reference gets a new case linked to that one. */
  linkedReference: z.string().nullable(),
  /** While resolved: until when a message reopens the chat ("one more thing"); then it closes. */
  closesAt: z.string().nullable().optional(),
});
export type ChatState = z.infer<typeof ChatState>;

export const StartChatResponse = z.object({ token: z.string(), chat: ChatState });
export type StartChatResponse = z.infer<typeof StartChatResponse>;

export const EmailTicketRequest = z.strictObject({
  identityToken: identityToken.optional(),
  name: z.string().trim().min(1).max(120).optional(),
  email: z.string().trim().email().max(200).optional(),
  regionId: z.string().max(40).optional(),
  category: Category,
  description: z.string().trim().min(1).max(MAX_DESCRIPTION_LENGTH),
  orderNumber: orderNumber.optional(),
});
export type EmailTicketRequest = z.infer<typeof EmailTicketRequest>;

export const CustomerSendRequest = z.strictObject({
  clientMsgId,
  body: z.string().trim().min(1).max(MAX_MESSAGE_LENGTH),
  attachmentIds: z.array(z.string().max(64)).max(5).optional(),
});
export type CustomerSendRequest = z.infer<typeof CustomerSendRequest>;

export const CsatRequest = z.strictObject({ rating: z.number().int().min(1).max(5), comment: z.string().max(1000).optional() });
export type CsatRequest = z.infer<typeof CsatRequest>;

/** What customers see of a message: never internal notes, never agent ids. */
export const CustomerMessage = MessageRow.pick({ id: true, authorKind: true, authorName: true, body: true, clientMsgId: true, attachmentIds: true, createdAt: true });
export type CustomerMessage = z.infer<typeof CustomerMessage>;

/** Frames the chat page sends on /ws/chat. */
export const CustomerClientFrame = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('auth'), token: z.string().min(10).max(200) }),
  z.strictObject({ type: z.literal('message'), clientMsgId, body: z.string().trim().min(1).max(MAX_MESSAGE_LENGTH), attachmentIds: z.array(z.string().max(64)).max(5).optional() }),
  z.strictObject({ type: z.literal('typing'), typing: z.boolean() }),
  z.strictObject({ type: z.literal('ping') }),
]);
export type CustomerClientFrame = z.infer<typeof CustomerClientFrame>;

/** Frames the server sends on /ws/chat. */
export type CustomerServerFrame =
  | { type: 'ready'; chat: ChatState; messages: CustomerMessage[] }
  | { type: 'message'; message: CustomerMessage }
  /** The sender's own message comes back in its ack (other tabs get a `message` frame). */
  | { type: 'ack'; clientMsgId: string; messageId: string; message?: CustomerMessage }
  | { type: 'typing'; typing: boolean; agentName: string | null }
  | { type: 'chat'; chat: ChatState }
  /** `clientMsgId` names the refused message, when a message was refused. */
  | { type: 'error'; code: string; message: string; clientMsgId?: string }
  | { type: 'pong' };
