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
  DemoIdentityTokenResponse,
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
import type { IdentityVerifier, VerifiedIdentity } from '../identity/verifier';
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
import { customerWrote, stopClock } from './reply-clock';

const PRIORITY_BY_CATEGORY: Record<Category, Priority> = {
  payment_delay: 'normal',
  account_verification: 'normal',
  refund_return: 'normal',
  missed_payment: 'high',
  technical_glitch: 'normal',
  other: 'low',
};

/** Who is starting a chat: a customer the company's site vouched for, or a visitor. */
type Who = { kind: 'verified'; identity: VerifiedIdentity } | { kind: 'visitor' };

/** Everything a customer writes is card-masked before it is stored, fed or logged. */
const masked = (text: string | undefined | null): string | null => (text ? maskCardNumbers(text) : null);

export function createCustomerChats(deps: Deps, router: Router, files: FileStore, uploads: Uploads, identity: IdentityVerifier) {
  const { store, hub, clock } = deps;

  function config(): ChatConfig {
    return {
      demo: deps.demo,
      identity: { verification: identity.verification, demoSigner: identity.demoSigner !== null },
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

  /** Demo mode only: an identity token for a seeded customer from the demo signer. */
  async function demoIdentityToken(customerId: string): Promise<DemoIdentityTokenResponse> {
    const signer = identity.demoSigner;
    if (!signer) throw new DeskError('not_found', 'Demo identities exist only in demo mode.');
    const c = store.customers.get(customerId);
    if (!c || c.identity !== 'verified') throw new DeskError('not_found', 'That demo customer does not exist.');
    return signer.sign({ id: c.id, name: c.name, email: c.email, regionId: c.region_id }, identity.audience, clock.now());
  }

  /** Verifies the identity token, if any, before anything is written (a refusal is a 401). */
  async function whoIs(identityToken: string | undefined): Promise<Who> {
    if (!identityToken) return { kind: 'visitor' };
    return { kind: 'verified', identity: await identity.verify(identityToken) };
  }

  function regionFor(regionId: string | null | undefined) {
    const region = (regionId && store.regions.get(regionId)) || store.regions.all()[0];
    if (!region) throw new DeskError('internal', 'No support region is configured.');
    return region;
  }

  function insertCustomer(ctx: WriteContext, row: { id: string; name: string; email: string; regionId: string | null | undefined; identity: CustomerDbRow['identity'] }): CustomerDbRow {
    const region = regionFor(row.regionId);
    store.customers.insert({
      id: row.id,
      name: row.name,
      email: row.email,
      phone: '',
      locale: region.locale,
      time_zone: region.timeZone,
      region_id: region.id,
      country: '',
      currency: region.currency,
      device_json: null,
      risk_flags_json: '[]',
      created_at: ctx.now,
      identity: row.identity,
    });
    ctx.feed({ entity: 'customer', entity_id: row.id, op: 'upsert', customer_id: row.id });
    return store.customers.get(row.id)!;
  }

  /**
   * The customer row a chat belongs to. A verified customer is the company's customer `sub`
   * (created on first contact, name and email kept as the company says). A visitor always gets
   * a row of their own: a name or an email typed into a form never finds anyone's account.
   */
  function identify(ctx: WriteContext, who: Who, req: { name?: string; email?: string; regionId?: string }): CustomerDbRow {
    if (who.kind === 'visitor') {
      return insertCustomer(ctx, { id: newId(), name: masked(req.name) ?? 'Visitor', email: req.email ?? '', regionId: req.regionId, identity: 'visitor' });
    }
    const { customerId, name, email, regionId } = who.identity;
    const existing = store.customers.get(customerId);
    if (!existing) return insertCustomer(ctx, { id: customerId, name: masked(name)!, email, regionId: regionId ?? req.regionId, identity: 'verified' });
    // An id that names a visitor's row was never the company's customer.
    if (existing.identity !== 'verified') throw new DeskError('unauthorized', 'Your sign-in could not be verified. Open the chat again from the help page, or continue as a visitor.');
    if (store.customers.rename(existing.id, masked(name)!, email)) ctx.feed({ entity: 'customer', entity_id: existing.id, op: 'upsert', customer_id: existing.id });
    return store.customers.get(existing.id)!;
  }

  function issueToken(ctx: WriteContext, ticket: TicketDbRow, token: string): void {
    store.chatTokens.insert({ token_hash: hashToken(token), ticket_id: ticket.id, customer_id: ticket.customer_id, created_at: ctx.now });
  }

  /** A note only agents see, written by the desk itself. */
  function deskNote(ctx: WriteContext, t: TicketDbRow, body: string): void {
    addMessage(deps, ctx, t, { authorKind: 'note', authorId: null, authorName: 'Agent Desk', body });
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

  /** A new case starts with the customer's first message waiting for a reply. */
  const replyClockFrom = (channel: TicketDbRow['channel'], regionId: string, now: string) => {
    const { waiting_since = null, reply_due_at = null } = customerWrote(store, { channel, region_id: regionId, waiting_since: null }, now);
    return { waiting_since, reply_due_at };
  };

  const isLive = (t: TicketDbRow) => t.channel === 'chat' && (t.status === 'queued' || t.status === 'open' || t.status === 'pending');

  /**
   * Starts a chat. A verified customer quoting one of their own references continues that case,
   * and one who already has a chat under way (a second tab) joins it with a token of its own.
   * Anyone else quoting a reference (a visitor, or someone else's reference) gets a new case
   * linked to it and nothing of its content. Starting a chat never revokes anyone's token.
   */
  async function startChat(req: StartChatRequest, ip: string | null): Promise<StartChatResponse> {
    const who = await whoIs(req.identityToken);
    const quoted = req.reference ? parseReference(req.reference) : null;
    if (quoted && !quoted.ok) throw new DeskError('bad_request', 'That reference number has a typo; check it and try again.');
    const token = newToken();
    const ticket = store.write((ctx) => {
      const customer = identify(ctx, who, req);
      const regionId = customer.region_id;
      const { open } = router.regionStatus(regionId);
      if (!open) throw new DeskError('region_closed', 'Live chat is closed in your region right now; send us an email ticket instead.', { regionId });
      const description = req.description;
      const earlier = quoted?.ok ? store.tickets.getByReference(quoted.reference) : null;
      if (earlier && who.kind === 'verified' && earlier.customer_id === customer.id) return continueCase(ctx, earlier, customer, token, req, ip);
      if (!quoted && who.kind === 'verified') {
        const active = store.tickets.activeChatOf(customer.id);
        if (active && isLive(active)) return joinChat(ctx, active, customer, token, description, ip);
      }

      const id = newId();
      const orderNumber = masked(req.orderNumber);
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
        subject: subjectOf(description),
        order_number: orderNumber,
        linked_ticket_id: earlier?.id ?? null,
        created_at: ctx.now,
        queued_at: ctx.now,
        last_message_at: ctx.now,
        ...replyClockFrom('chat', regionId, ctx.now),
      });
      const t = store.tickets.get(id)!;
      issueToken(ctx, t, token);
      systemMessage(deps, ctx, t, `Chat started · ${CATEGORY_LABELS[req.category]}${orderNumber ? ` · order ${orderNumber}` : ''}`);
      if (who.kind === 'visitor') deskNote(ctx, t, 'Unverified visitor: no identity token, so no account is linked. Name and email are only what they typed.');
      if (quoted?.ok) {
        deskNote(
          ctx,
          t,
          earlier
            ? `Quoted reference ${quoted.reference} (${who.kind === 'visitor' ? 'as an unverified visitor' : 'a case of another customer'}): a new case linked to it; nothing of that case was shown to them.`
            : `Quoted reference ${quoted.reference}, which names no case.`,
        );
      }
      addMessage(deps, ctx, t, { authorKind: 'customer', authorId: customer.id, authorName: customer.name, body: description });
      feedTicket(ctx, t, { enteredQueue: true });
      ctx.audit({
        actorKind: 'customer',
        actorId: customer.id,
        action: 'chat.start',
        outcome: 'ok',
        ticketId: id,
        customerId: customer.id,
        ip,
        details: { identity: who.kind === 'verified' ? who.identity.signer : 'visitor', ...(earlier ? { linkedTicketId: earlier.id } : {}) },
      });
      router.route(ctx, t);
      return store.tickets.get(id)!;
    });
    return { token, chat: chatStateOf(deps, ticket) };
  }

  /** A verified customer came back quoting their own reference: the same case, reopened if it had ended. */
  function continueCase(ctx: WriteContext, earlier: TicketDbRow, customer: CustomerDbRow, token: string, req: StartChatRequest, ip: string | null): TicketDbRow {
    let t = earlier;
    if (!isLive(earlier)) {
      t = store.tickets.update(earlier.id, {
        status: 'queued',
        assignee_id: null,
        channel: 'chat',
        queued_at: ctx.now,
        offered_at: null,
        accepted_at: null,
        resolved_at: null,
        last_message_at: ctx.now,
      });
      systemMessage(deps, ctx, t, `The customer came back to this case (${CATEGORY_LABELS[req.category]}).`);
    }
    issueToken(ctx, t, token);
    addMessage(deps, ctx, t, { authorKind: 'customer', authorId: customer.id, authorName: customer.name, body: req.description });
    t = store.tickets.update(t.id, { last_message_at: ctx.now, ...customerWrote(store, t, ctx.now) });
    feedTicket(ctx, t, { lostBy: t.assignee_id === earlier.assignee_id ? null : earlier.assignee_id, enteredQueue: !isLive(earlier) });
    ctx.audit({ actorKind: 'customer', actorId: customer.id, action: 'chat.follow_up', outcome: 'ok', ticketId: earlier.id, ip });
    if (t.status === 'queued') router.route(ctx, t);
    return store.tickets.get(t.id)!;
  }

  /** The same verified customer opened the chat again (another tab or device): they join their chat. */
  function joinChat(ctx: WriteContext, active: TicketDbRow, customer: CustomerDbRow, token: string, description: string, ip: string | null): TicketDbRow {
    issueToken(ctx, active, token);
    systemMessage(deps, ctx, active, 'The customer opened this chat in another window.');
    addMessage(deps, ctx, active, { authorKind: 'customer', authorId: customer.id, authorName: customer.name, body: description });
    feedTicket(ctx, store.tickets.update(active.id, { last_message_at: ctx.now, ...customerWrote(store, active, ctx.now) }));
    ctx.audit({ actorKind: 'customer', actorId: customer.id, action: 'chat.join', outcome: 'ok', ticketId: active.id, ip });
    return store.tickets.get(active.id)!;
  }

  async function emailTicket(req: EmailTicketRequest, ip: string | null): Promise<{ reference: string }> {
    const who = await whoIs(req.identityToken);
    if (who.kind === 'visitor' && !req.email) throw new DeskError('bad_request', 'Tell us your email address so we can answer you.');
    return store.write((ctx) => {
      const customer = identify(ctx, who, req);
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
        order_number: masked(req.orderNumber),
        linked_ticket_id: null,
        created_at: ctx.now,
        queued_at: ctx.now,
        last_message_at: ctx.now,
        ...replyClockFrom('email', customer.region_id, ctx.now),
      });
      const t = store.tickets.get(id)!;
      if (who.kind === 'visitor') deskNote(ctx, t, 'Unverified visitor: no identity token, so no account is linked. Name and email are only what they typed.');
      addMessage(deps, ctx, t, { authorKind: 'customer', authorId: customer.id, authorName: customer.name, body: req.description });
      feedTicket(ctx, t, { enteredQueue: true });
      ctx.audit({ actorKind: 'customer', actorId: customer.id, action: 'email.create', outcome: 'ok', ticketId: id, customerId: customer.id, ip, details: { identity: who.kind === 'verified' ? who.identity.signer : 'visitor' } });
      return { reference };
    });
  }

  /** The ticket a per-chat token opens, or a 401. */
  function authenticate(token: string | undefined): TicketDbRow {
    const row = token ? store.chatTokens.getByHash(hashToken(token)) : null;
    const t = row ? store.tickets.get(row.ticket_id) : null;
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
      const patch: Parameters<typeof store.tickets.update>[1] = { last_message_at: ctx.now, ...customerWrote(store, current, ctx.now) };
      if (current.status === 'pending' || current.status === 'resolved') patch.status = current.assignee_id ? 'open' : 'queued';
      feedTicket(ctx, store.tickets.update(current.id, patch), { enteredQueue: patch.status === 'queued', loadChanged: current.status === 'resolved' && patch.status === 'open' });
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
    // Images on internal notes (redacted copies) are the desk's, not the customer's.
    const onNote = row?.message_id ? store.messages.get(row.message_id)?.author_kind === 'note' : false;
    if (!row || row.ticket_id !== t.id || onNote) throw new DeskError('not_found', 'No such attachment in this chat.');
    return { row, data: files.get(row.sha256) };
  }

  function rate(t: TicketDbRow, req: CsatRequest): ChatState {
    if (t.status !== 'resolved' && t.status !== 'closed') throw new DeskError('conflict', 'You can rate the chat once it has ended.');
    const updated = store.write((ctx) => {
      const u = store.tickets.update(t.id, { csat: req.rating, csat_comment: masked(req.comment) });
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
      const u = store.tickets.update(t.id, { status: 'resolved', resolved_at: ctx.now, ...stopClock(current) });
      systemMessage(deps, ctx, u, 'The customer left the chat.');
      feedTicket(ctx, u, { lostRegion: wasQueued ? u.region_id : null, loadChanged: !wasQueued });
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

  return { config, demoIdentities, demoIdentityToken, startChat, emailTicket, authenticate, state, customerName, send, sendMany, typing, upload, attachmentFor, rate, end, transcript, now: () => clock.now() };
}
export type CustomerChats = ReturnType<typeof createCustomerChats>;
