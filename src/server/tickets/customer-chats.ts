/**
 * The customer side of a case: start a chat (or an email ticket when the region is closed),
 * send messages and screenshots, rate, leave, read the transcript. Everything a customer types
 * is card-masked before it is stored.
 */
import { maskCardNumbers } from '../../shared/card-mask';
import { CATEGORIES, CATEGORY_LABELS, type Category, type Priority } from '../../shared/domain';
import type {
  ChatConfig,
  ChatState,
  CsatRequest,
  CustomerMessage,
  CustomerSendRequest,
  DemoIdentity,
  EmailTicketRequest,
  StartChatRequest,
  StartChatResponse,
} from '../../shared/protocol/customer';
import { MAX_UPLOAD_BYTES } from '../../shared/protocol/customer';
import { MAX_MESSAGE_LENGTH } from '../../shared/protocol/mutations';
import { parseReference } from '../../shared/reference';
import type { Uploads } from '../attachments/uploads';
import type { FileStore } from '../attachments/file-store';
import type { Deps } from '../deps';
import type { LiveSocket } from '../live/hub';
import { DeskError } from '../errors';
import { describeHours } from '../routing/business-hours';
import type { Router } from '../routing/router';
import type { WriteContext } from '../storage/store';
import type { AttachmentDbRow } from '../storage/tables/attachments';
import type { CustomerDbRow } from '../storage/tables/customers';
import type { TicketDbRow } from '../storage/tables/tickets';
import { hashToken, newId, newReference, newToken } from '../util/ids';
import { chatStateOf } from './chat-state';
import { feedTicket } from './feed';
import { addMessage, systemMessage, toCustomerMessage } from './messages';

const PRIORITY_BY_CATEGORY: Record<Category, Priority> = {
  payment_delay: 'normal',
  account_verification: 'normal',
  refund_return: 'normal',
  missed_payment: 'high',
  technical_glitch: 'normal',
  other: 'low',
};

export function createCustomerChats(deps: Deps, router: Router, files: FileStore, uploads: Uploads) {
  const { store, hub, clock } = deps;

  function config(): ChatConfig {
    return {
      demo: deps.demo,
      regions: store.regions.all().map((r) => {
        const s = router.regionStatus(r.id);
        return { id: r.id, name: r.name, timeZone: r.timeZone, open: s.open, hoursText: describeHours(r.hours), nextOpenAt: s.nextOpenAt, phone: r.phone };
      }),
      categories: CATEGORIES.map((id) => ({ id, label: CATEGORY_LABELS[id] })),
      limits: { maxUploadBytes: MAX_UPLOAD_BYTES, maxMessageLength: MAX_MESSAGE_LENGTH },
    };
  }

  function demoIdentities(limit = 40): DemoIdentity[] {
    if (!deps.demo) throw new DeskError('not_found', 'Demo identities exist only in demo mode.');
    return store.customers.demoIdentities(limit).map((c) => ({
      customerId: c.id,
      name: c.name,
      email: c.email,
      regionId: c.region_id,
      orderNumbers: store.orders.forCustomer(c.id).map((o) => o.order_number).slice(0, 6),
    }));
  }

  /** Demo mode names a seeded customer; otherwise name + email find or create one. */
  function identify(ctx: WriteContext, req: { customerId?: string; name?: string; email?: string; regionId?: string }): CustomerDbRow {
    if (req.customerId) {
      if (!deps.demo) throw new DeskError('bad_request', 'customerId is accepted only in demo mode; send name and email.');
      const c = store.customers.get(req.customerId);
      if (!c) throw new DeskError('not_found', 'That demo customer does not exist.');
      return c;
    }
    if (!req.name || !req.email) throw new DeskError('bad_request', 'Tell us your name and email to start.');
    const existing = store.customers.getByEmail(req.email);
    if (existing) return existing;
    const region = (req.regionId && store.regions.get(req.regionId)) || store.regions.all()[0];
    if (!region) throw new DeskError('internal', 'No support region is configured.');
    const id = newId();
    store.customers.insert({
      id,
      name: req.name,
      email: req.email,
      phone: '',
      locale: region.locale,
      time_zone: region.timeZone,
      region_id: region.id,
      country: '',
      currency: region.currency,
      device_json: null,
      risk_flags_json: '[]',
      created_at: ctx.now,
    });
    ctx.feed({ entity: 'customer', entity_id: id, op: 'upsert', customer_id: id });
    return store.customers.get(id)!;
  }

  function uniqueReference(): string {
    for (let i = 0; i < 10; i++) {
      const r = newReference();
      if (!store.tickets.getByReference(r)) return r;
    }
    throw new DeskError('internal', 'Could not allocate a reference number; try again.');
  }

  function subjectOf(description: string): string {
    const firstLine = maskCardNumbers(description).split('\n')[0] ?? '';
    return firstLine.length > 80 ? `${firstLine.slice(0, 79)}…` : firstLine;
  }

  function startChat(req: StartChatRequest, ip: string | null): StartChatResponse {
    const token = newToken();
    const ticket = store.write((ctx) => {
      const customer = identify(ctx, req);
      const regionId = customer.region_id;
      const { open } = router.regionStatus(regionId);
      if (!open) throw new DeskError('region_closed', 'Live chat is closed in your region right now; send us an email ticket instead.', { regionId });
      const orderNumber = req.orderNumber || null;

      // A follow-up quoting an earlier reference continues that case.
      if (req.reference) {
        const parsed = parseReference(req.reference);
        if (!parsed.ok) throw new DeskError('bad_request', 'That reference number has a typo; check it and try again.');
        const earlier = store.tickets.getByReference(parsed.reference);
        if (!earlier || earlier.customer_id !== customer.id) throw new DeskError('not_found', 'We could not find that reference for you.');
        const reopened = store.tickets.update(earlier.id, {
          status: 'queued',
          assignee_id: null,
          channel: 'chat',
          customer_token_hash: hashToken(token),
          queued_at: ctx.now,
          offered_at: null,
          accepted_at: null,
          resolved_at: null,
          last_message_at: ctx.now,
        });
        systemMessage(deps, ctx, reopened, `The customer came back to this case (${CATEGORY_LABELS[req.category]}).`);
        addMessage(deps, ctx, reopened, { authorKind: 'customer', authorId: customer.id, authorName: customer.name, body: req.description });
        feedTicket(ctx, reopened, { lostBy: earlier.assignee_id });
        ctx.audit({ actorKind: 'customer', actorId: customer.id, action: 'chat.follow_up', outcome: 'ok', ticketId: earlier.id, ip });
        router.route(ctx, reopened);
        return store.tickets.get(earlier.id)!;
      }

      const id = newId();
      store.tickets.insert({
        id,
        reference: uniqueReference(),
        customer_id: customer.id,
        channel: 'chat',
        category: req.category,
        status: 'queued',
        priority: customer.risk_flags_json.includes('vulnerability') ? 'high' : PRIORITY_BY_CATEGORY[req.category],
        tier: 1,
        region_id: regionId,
        assignee_id: null,
        subject: subjectOf(req.description),
        order_number: orderNumber,
        customer_token_hash: hashToken(token),
        created_at: ctx.now,
        queued_at: ctx.now,
        last_message_at: ctx.now,
      });
      const t = store.tickets.get(id)!;
      systemMessage(deps, ctx, t, `Chat started · ${CATEGORY_LABELS[req.category]}${orderNumber ? ` · order ${orderNumber}` : ''}`);
      addMessage(deps, ctx, t, { authorKind: 'customer', authorId: customer.id, authorName: customer.name, body: req.description });
      feedTicket(ctx, t);
      ctx.audit({ actorKind: 'customer', actorId: customer.id, action: 'chat.start', outcome: 'ok', ticketId: id, customerId: customer.id, ip });
      router.route(ctx, t);
      return store.tickets.get(id)!;
    });
    return { token, chat: chatStateOf(deps, ticket) };
  }

  function emailTicket(req: EmailTicketRequest, ip: string | null): { reference: string } {
    return store.write((ctx) => {
      const customer = identify(ctx, req);
      const id = newId();
      const reference = uniqueReference();
      store.tickets.insert({
        id,
        reference,
        customer_id: customer.id,
        channel: 'email',
        category: req.category,
        status: 'queued',
        priority: PRIORITY_BY_CATEGORY[req.category],
        tier: 1,
        region_id: customer.region_id,
        assignee_id: null,
        subject: subjectOf(req.description),
        order_number: req.orderNumber || null,
        customer_token_hash: null,
        created_at: ctx.now,
        queued_at: ctx.now,
        last_message_at: ctx.now,
      });
      const t = store.tickets.get(id)!;
      addMessage(deps, ctx, t, { authorKind: 'customer', authorId: customer.id, authorName: customer.name, body: req.description });
      feedTicket(ctx, t);
      ctx.audit({ actorKind: 'customer', actorId: customer.id, action: 'email.create', outcome: 'ok', ticketId: id, customerId: customer.id, ip });
      return { reference };
    });
  }

  /** The ticket a per-chat token opens, or a 401. */
  function authenticate(token: string | undefined): TicketDbRow {
    const t = token ? store.tickets.getByTokenHash(hashToken(token)) : null;
    if (!t) throw new DeskError('unauthorized', 'This chat link is not valid any more; start a new chat.');
    return t;
  }

  function state(t: TicketDbRow): { chat: ChatState; messages: CustomerMessage[] } {
    return { chat: chatStateOf(deps, t), messages: store.messages.publicForTicket(t.id).map(toCustomerMessage) };
  }

  /** Refuses a message before anything is written: unknown or ended chat. */
  function checkSend(ticketId: string): TicketDbRow {
    const t = store.tickets.get(ticketId);
    if (!t) throw new DeskError('not_found', 'This chat does not exist any more.');
    if (t.status === 'closed') throw new DeskError('conflict', 'This chat has ended; start a new chat to reach us again.');
    return t;
  }

  function sendIn(ctx: WriteContext, current: TicketDbRow, req: CustomerSendRequest, authorName: string, origin?: LiveSocket): CustomerMessage {
    const { message, created } = addMessage(deps, ctx, current, {
      authorKind: 'customer',
      authorId: current.customer_id,
      authorName,
      body: req.body,
      clientMsgId: req.clientMsgId,
      attachmentIds: req.attachmentIds ?? [],
      origin,
    });
    if (created) {
      const patch: Parameters<typeof store.tickets.update>[1] = { last_message_at: ctx.now };
      if (current.status === 'pending' || current.status === 'resolved') patch.status = current.assignee_id ? 'open' : 'queued';
      feedTicket(ctx, store.tickets.update(current.id, patch));
    }
    return toCustomerMessage(message);
  }

  const customerName = (t: TicketDbRow) => store.customers.get(t.customer_id)?.name ?? 'Customer';

  function send(t: TicketDbRow, req: CustomerSendRequest): CustomerMessage {
    const current = checkSend(t.id);
    return store.write((ctx) => sendIn(ctx, current, req, customerName(current)));
  }

  /** Many customers' messages in one commit (the gateway batches what arrives in one tick). */
  function sendMany(items: readonly { ticketId: string; authorName: string; req: CustomerSendRequest; origin?: LiveSocket }[]) {
    const touched = new Set<string>();
    return store.writeBatch(
      items,
      (item) => checkSend(item.ticketId),
      (ctx, item, ticket) => {
        // A second message for the same chat in this batch sees the first one's update.
        const current = touched.has(ticket.id) ? (store.tickets.get(ticket.id) ?? ticket) : ticket;
        touched.add(ticket.id);
        return sendIn(ctx, current, item.req, item.authorName, item.origin);
      },
    );
  }

  function typing(t: TicketDbRow, isTyping: boolean): void {
    if (t.assignee_id) hub.toAgent(t.assignee_id, { type: 'typing', ticketId: t.id, typing: isTyping });
  }

  const upload = (t: TicketDbRow, data: Buffer, filename: string): Promise<AttachmentDbRow> => uploads.forCustomer(t, data, filename);

  function attachmentFor(t: TicketDbRow, id: string): { row: AttachmentDbRow; data: Buffer } {
    const row = store.attachments.get(id);
    if (!row || row.ticket_id !== t.id) throw new DeskError('not_found', 'No such attachment in this chat.');
    return { row, data: files.get(row.sha256) };
  }

  function rate(t: TicketDbRow, req: CsatRequest): ChatState {
    if (t.status !== 'resolved' && t.status !== 'closed') throw new DeskError('conflict', 'You can rate the chat once it has ended.');
    const updated = store.write((ctx) => {
      const u = store.tickets.update(t.id, { csat: req.rating, csat_comment: req.comment ? maskCardNumbers(req.comment) : null });
      feedTicket(ctx, u);
      ctx.audit({ actorKind: 'customer', actorId: t.customer_id, action: 'chat.csat', outcome: 'ok', ticketId: t.id, details: { rating: req.rating } });
      return u;
    });
    return chatStateOf(deps, updated);
  }

  function end(t: TicketDbRow): ChatState {
    const updated = store.write((ctx) => {
      const current = store.tickets.get(t.id)!;
      if (current.status === 'resolved' || current.status === 'closed') return current;
      const wasQueued = current.status === 'queued';
      const u = store.tickets.update(t.id, { status: 'resolved', resolved_at: ctx.now });
      systemMessage(deps, ctx, u, 'The customer left the chat.');
      feedTicket(ctx, u, { lostRegion: wasQueued ? u.region_id : null });
      ctx.audit({ actorKind: 'customer', actorId: t.customer_id, action: 'chat.end', outcome: 'ok', ticketId: t.id });
      router.drain(ctx, u.region_id);
      return u;
    });
    const chat = chatStateOf(deps, updated);
    hub.toCustomer(t.id, { type: 'chat', chat });
    return chat;
  }

  function transcript(t: TicketDbRow): string {
    const customer = store.customers.get(t.customer_id);
    const region = store.regions.get(t.region_id);
    const fmt = new Intl.DateTimeFormat(customer?.locale ?? 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: customer?.time_zone ?? region?.timeZone ?? 'UTC' });
    const lines = [`Agent Desk chat transcript`, `Reference: ${t.reference}`, `Category: ${CATEGORY_LABELS[t.category]}`, ''];
    for (const m of store.messages.publicForTicket(t.id)) {
      const who = m.author_kind === 'customer' ? 'You' : m.author_kind === 'system' ? '—' : m.author_name.split(' ')[0];
      lines.push(`[${fmt.format(new Date(m.created_at))}] ${who}: ${m.body}`);
    }
    return lines.join('\n') + '\n';
  }

  return { config, demoIdentities, startChat, emailTicket, authenticate, state, customerName, send, sendMany, typing, upload, attachmentFor, rate, end, transcript, now: () => clock.now() };
}
export type CustomerChats = ReturnType<typeof createCustomerChats>;
