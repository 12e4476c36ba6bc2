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
import type { PreparedUpload, Uploads } from '../attachments/uploads';
import type { FileStore } from '../attachments/file-store';
import { regionHoursText } from '../calendar/availability';
import type { Deps } from '../deps';
import type { IdentityVerifier, VerifiedIdentity } from '../identity/verifier';
import type { LiveSocket } from '../live/hub';
import { DeskError } from '../errors';
import type { Router } from '../routing/router';
import { averageHandleSec, newChatWaitSec } from '../routing/queue-info';
import type { AsyncReadTx, AsyncWriteTx } from '../storage/async-store';
import type { AttachmentDbRow } from '../storage/tables/attachments';
import type { CustomerDbRow } from '../storage/tables/customers';
import type { TicketDbRow, TicketPatch } from '../storage/tables/tickets';
import { hashToken, newId, newReference, newToken } from '../util/ids';
import { chatStateOf } from './chat-state';
import { feedTicket } from './feed';
import { followMerges } from './merge';
import { addMessage, systemMessage, toCustomerMessage } from './messages';
import { DEFAULT_LIFECYCLE, type LifecycleOptions } from './lifecycle';
import { customerWrote, stopClock } from './reply-clock';
import { reopenPatch } from './reopen';

const PRIORITY_BY_CATEGORY: Record<Category, Priority> = {
  payment_delay: 'normal',
  account_verification: 'normal',
  refund_return: 'normal',
  missed_payment: 'high',
  technical_glitch: 'normal',
  other: 'low',
};

/** A new email case: who, what, and what the desk notes on it before the customer's words. */
export interface EmailCase {
  customer: CustomerDbRow;
  category: Category;
  description: string;
  /** The case's subject (default: the description's first line). */
  subject?: string;
  orderNumber?: string | undefined;
  attachments?: PreparedUpload[];
  linkedTicketId?: string | null;
  /** Replaces the note an unverified visitor's case starts with. */
  visitorNote?: string;
  notes?: string[];
}

/** Who is starting a chat: a customer the company's site vouched for, or a visitor. */
type Who = { kind: 'verified'; identity: VerifiedIdentity } | { kind: 'visitor' };

/** Everything a customer writes is card-masked before it is stored, fed or logged. */
const masked = (text: string | undefined | null): string | null => (text ? maskCardNumbers(text) : null);

export function createCustomerChats(
  deps: Deps,
  router: Router,
  files: FileStore,
  uploads: Uploads,
  identity: IdentityVerifier,
  // The window itself is set on resolve (agent-actions.ts); kept here for what the chat page is told.
  _lifecycle: LifecycleOptions = DEFAULT_LIFECYCLE,
) {
  const { storage, hub, clock } = deps;

  async function config(): Promise<ChatConfig> {
    const { regions, waits } = await storage.read(async (tx) => {
      const regions = await tx.regions.all();
      const agents = await tx.agents.all();
      const loads = new Map((await tx.tickets.liveLoads()).map((l) => [l.agent_id, l.load]));
      const now = clock.now().toISOString();
      const waits = new Map<string, number>();
      for (const r of regions) {
        // A new tier-1 chat queues behind every tier-1 chat waiting now.
        const waiting = await tx.tickets.queuePosition({ region_id: r.id, tier: 1, queued_at: now, id: '\uffff' });
        waits.set(r.id, newChatWaitSec(agents, loads, r.id, waiting, await averageHandleSec(storage, tx, r.id)));
      }
      return { regions, waits };
    });
    return {
      demo: deps.demo,
      identity: { verification: identity.verification, demoSigner: identity.demoSigner !== null },
      regions: regions.map((r) => {
        const s = router.statusOf(r);
        return {
          id: r.id,
          name: r.name,
          timeZone: r.timeZone,
          open: s.open,
          nextOpenAt: s.nextOpenAt,
          closesAt: s.closesAt,
          ...regionHoursText(r, s, clock.now()),
          phone: r.phone,
          expectedWaitSec: s.open ? (waits.get(r.id) ?? null) : null,
        };
      }),
      categories: CATEGORIES.map((id) => ({ id, label: CATEGORY_LABELS[id] })),
      limits: { maxUploadBytes: MAX_UPLOAD_BYTES, maxMessageLength: MAX_MESSAGE_LENGTH },
    };
  }

  async function demoIdentities(limit = 40): Promise<DemoIdentity[]> {
    if (!deps.demo) throw new DeskError('not_found', 'Demo identities exist only in demo mode.');
    return storage.read(async (tx) => {
      const out: DemoIdentity[] = [];
      for (const c of await tx.customers.demoIdentities(limit)) {
        const orders = await tx.orders.forCustomer(c.id);
        out.push({ customerId: c.id, name: c.name, email: c.email, regionId: c.region_id, orderNumbers: orders.map((o) => o.order_number).slice(0, 6) });
      }
      return out;
    });
  }

  /** Demo mode only: an identity token for a seeded customer from the demo signer. */
  async function demoIdentityToken(customerId: string): Promise<DemoIdentityTokenResponse> {
    const signer = identity.demoSigner;
    if (!signer) throw new DeskError('not_found', 'Demo identities exist only in demo mode.');
    const c = await storage.read((tx) => tx.customers.get(customerId));
    if (!c || c.identity !== 'verified') throw new DeskError('not_found', 'That demo customer does not exist.');
    return signer.sign({ id: c.id, name: c.name, email: c.email, regionId: c.region_id }, identity.audience, clock.now());
  }

  /** Verifies the identity token, if any, before anything is written (a refusal is a 401). */
  async function whoIs(identityToken: string | undefined): Promise<Who> {
    if (!identityToken) return { kind: 'visitor' };
    return { kind: 'verified', identity: await identity.verify(identityToken) };
  }

  async function regionFor(tx: AsyncReadTx, regionId: string | null | undefined) {
    const region = (regionId && (await tx.regions.get(regionId))) || (await tx.regions.all())[0];
    if (!region) throw new DeskError('internal', 'No support region is configured.');
    return region;
  }

  async function insertCustomer(
    tx: AsyncWriteTx,
    row: { id: string; name: string; email: string; regionId: string | null | undefined; identity: CustomerDbRow['identity'] },
  ): Promise<CustomerDbRow> {
    const region = await regionFor(tx, row.regionId);
    await tx.customers.insert({
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
      created_at: tx.now,
      identity: row.identity,
    });
    await tx.feed({ entity: 'customer', entity_id: row.id, op: 'upsert', customer_id: row.id });
    return (await tx.customers.get(row.id))!;
  }

  /**
   * The customer row a chat belongs to. A verified customer is the company's customer `sub`
   * (created on first contact, name and email kept as the company says). A visitor always gets
   * a row of their own: a name or an email typed into a form never finds anyone's account.
   */
  async function identify(tx: AsyncWriteTx, who: Who, req: { name?: string; email?: string; regionId?: string }): Promise<CustomerDbRow> {
    if (who.kind === 'visitor') {
      return insertCustomer(tx, { id: newId(), name: masked(req.name) ?? 'Visitor', email: req.email ?? '', regionId: req.regionId, identity: 'visitor' });
    }
    const { customerId, name, email, regionId } = who.identity;
    const existing = await tx.customers.get(customerId);
    if (!existing) return insertCustomer(tx, { id: customerId, name: masked(name)!, email, regionId: regionId ?? req.regionId, identity: 'verified' });
    // An id that names a visitor's row was never the company's customer.
    if (existing.identity !== 'verified') throw new DeskError('unauthorized', 'Your sign-in could not be verified. Open the chat again from the help page, or continue as a visitor.');
    if (await tx.customers.rename(existing.id, masked(name)!, email)) await tx.feed({ entity: 'customer', entity_id: existing.id, op: 'upsert', customer_id: existing.id });
    return (await tx.customers.get(existing.id))!;
  }

  async function issueToken(tx: AsyncWriteTx, ticket: TicketDbRow, token: string): Promise<void> {
    await tx.chatTokens.insert({ token_hash: hashToken(token), ticket_id: ticket.id, customer_id: ticket.customer_id, created_at: tx.now });
  }

  /** A note only agents see, written by the desk itself. */
  async function deskNote(tx: AsyncWriteTx, t: TicketDbRow, body: string): Promise<void> {
    await addMessage(deps, tx, t, { authorKind: 'note', authorId: null, authorName: 'Agent Desk', body });
  }

  async function uniqueReference(tx: AsyncReadTx): Promise<string> {
    for (let i = 0; i < 10; i++) {
      const r = newReference();
      if (!(await tx.tickets.getByReference(r))) return r;
    }
    throw new DeskError('internal', 'Could not allocate a reference number; try again.');
  }

  function subjectOf(description: string): string {
    const firstLine = maskCardNumbers(description).split('\n')[0] ?? '';
    return firstLine.length > 80 ? `${firstLine.slice(0, 79)}…` : firstLine;
  }

  /** A new case starts with the customer's first message waiting for a reply. */
  const replyClockFrom = async (tx: AsyncReadTx, channel: TicketDbRow['channel'], regionId: string, now: string) => {
    const { waiting_since = null, reply_due_at = null } = await customerWrote(tx, { channel, region_id: regionId, waiting_since: null }, now);
    return { waiting_since, reply_due_at };
  };

  const isLive = (t: TicketDbRow) => t.channel === 'chat' && (t.status === 'queued' || t.status === 'open' || t.status === 'pending');

  /** The ticket as this transaction leaves it, with the customer's view of it (computed before the commit). */
  async function withState(tx: AsyncReadTx, id: string): Promise<{ ticket: TicketDbRow; chat: ChatState }> {
    const ticket = (await tx.tickets.get(id))!;
    return { ticket, chat: await chatStateOf(deps, tx, ticket) };
  }

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
    const { chat } = await storage.write(async (tx) => {
      const customer = await identify(tx, who, req);
      const regionId = customer.region_id;
      const { open } = await router.regionStatus(tx, regionId);
      if (!open) throw new DeskError('region_closed', 'Live chat is closed in your region right now; send us an email ticket instead.', { regionId });
      const description = req.description;
      // A merged case's reference leads to the case it was merged into.
      const earlier = quoted?.ok ? await followMerges(tx, await tx.tickets.getByReference(quoted.reference)) : null;
      if (earlier && who.kind === 'verified' && earlier.customer_id === customer.id) return continueCase(tx, earlier, customer, token, req, ip);
      if (!quoted && who.kind === 'verified') {
        const active = await tx.tickets.activeChatOf(customer.id);
        if (active && isLive(active)) return joinChat(tx, active, customer, token, description, ip);
      }

      const id = newId();
      const orderNumber = masked(req.orderNumber);
      await tx.tickets.insert({
        id,
        reference: await uniqueReference(tx),
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
        created_at: tx.now,
        queued_at: tx.now,
        last_message_at: tx.now,
        ...(await replyClockFrom(tx, 'chat', regionId, tx.now)),
      });
      const t = (await tx.tickets.get(id))!;
      await issueToken(tx, t, token);
      await systemMessage(deps, tx, t, `Chat started · ${CATEGORY_LABELS[req.category]}${orderNumber ? ` · order ${orderNumber}` : ''}`);
      if (who.kind === 'visitor') await deskNote(tx, t, 'Unverified visitor: no identity token, so no account is linked. Name and email are only what they typed.');
      if (quoted?.ok) {
        await deskNote(
          tx,
          t,
          earlier
            ? `Quoted reference ${quoted.reference} (${who.kind === 'visitor' ? 'as an unverified visitor' : 'a case of another customer'}): a new case linked to it; nothing of that case was shown to them.`
            : `Quoted reference ${quoted.reference}, which names no case.`,
        );
      }
      await addMessage(deps, tx, t, { authorKind: 'customer', authorId: customer.id, authorName: customer.name, body: description });
      await feedTicket(tx, t, { enteredQueue: true });
      await tx.audit({
        actorKind: 'customer',
        actorId: customer.id,
        action: 'chat.start',
        outcome: 'ok',
        ticketId: id,
        customerId: customer.id,
        ip,
        details: { identity: who.kind === 'verified' ? who.identity.signer : 'visitor', ...(earlier ? { linkedTicketId: earlier.id } : {}) },
      });
      await router.route(tx, id);
      return withState(tx, id);
    });
    return { token, chat };
  }

  /** A verified customer came back quoting their own reference: the same case, reopened if it had ended. */
  async function continueCase(tx: AsyncWriteTx, found: TicketDbRow, customer: CustomerDbRow, token: string, req: StartChatRequest, ip: string | null) {
    const earlier = (await tx.tickets.getForUpdate(found.id)) ?? found;
    let t = earlier;
    if (!isLive(earlier)) {
      t = await tx.tickets.update(earlier.id, {
        status: 'queued',
        assignee_id: null,
        channel: 'chat',
        queued_at: tx.now,
        offered_at: null,
        accepted_at: null,
        resolved_at: null,
        last_message_at: tx.now,
      });
      await systemMessage(deps, tx, t, `The customer came back to this case (${CATEGORY_LABELS[req.category]}).`);
    }
    await issueToken(tx, t, token);
    await addMessage(deps, tx, t, { authorKind: 'customer', authorId: customer.id, authorName: customer.name, body: req.description });
    t = await tx.tickets.update(t.id, { last_message_at: tx.now, ...(await customerWrote(tx, t, tx.now)) });
    await feedTicket(tx, t, { lostBy: t.assignee_id === earlier.assignee_id ? null : earlier.assignee_id, enteredQueue: !isLive(earlier) });
    await tx.audit({ actorKind: 'customer', actorId: customer.id, action: 'chat.follow_up', outcome: 'ok', ticketId: earlier.id, ip });
    if (t.status === 'queued') await router.route(tx, t.id);
    return withState(tx, t.id);
  }

  /** The same verified customer opened the chat again (another tab or device): they join their chat. */
  async function joinChat(tx: AsyncWriteTx, found: TicketDbRow, customer: CustomerDbRow, token: string, description: string, ip: string | null) {
    const active = (await tx.tickets.getForUpdate(found.id)) ?? found;
    await issueToken(tx, active, token);
    await systemMessage(deps, tx, active, 'The customer opened this chat in another window.');
    await addMessage(deps, tx, active, { authorKind: 'customer', authorId: customer.id, authorName: customer.name, body: description });
    await feedTicket(tx, await tx.tickets.update(active.id, { last_message_at: tx.now, ...(await customerWrote(tx, active, tx.now)) }));
    await tx.audit({ actorKind: 'customer', actorId: customer.id, action: 'chat.join', outcome: 'ok', ticketId: active.id, ip });
    return withState(tx, active.id);
  }

  /**
   * Opens an email case (the chat page's email form, or a mail received over SMTP) inside tx:
   * queued with the email reply target, the customer's words as its first message with any
   * attachments already checked (attachments/uploads.ts `prepare`), desk notes first.
   */
  async function openEmailCase(tx: AsyncWriteTx, req: EmailCase): Promise<TicketDbRow> {
    const { customer } = req;
    const id = newId();
    await tx.tickets.insert({
      id,
      reference: await uniqueReference(tx),
      customer_id: customer.id,
      channel: 'email',
      category: req.category,
      status: 'queued',
      priority: PRIORITY_BY_CATEGORY[req.category],
      tier: 1,
      region_id: customer.region_id,
      assignee_id: null,
      subject: subjectOf(req.subject || req.description),
      order_number: masked(req.orderNumber),
      linked_ticket_id: req.linkedTicketId ?? null,
      created_at: tx.now,
      queued_at: tx.now,
      last_message_at: tx.now,
      ...(await replyClockFrom(tx, 'email', customer.region_id, tx.now)),
    });
    const t = (await tx.tickets.get(id))!;
    if (customer.identity === 'visitor') await deskNote(tx, t, req.visitorNote ?? 'Unverified visitor: no identity token, so no account is linked. Name and email are only what they typed.');
    for (const note of req.notes ?? []) await deskNote(tx, t, note);
    const attachmentIds: string[] = [];
    for (const a of req.attachments ?? []) attachmentIds.push((await uploads.record(tx, t, { kind: 'customer', id: customer.id }, a)).id);
    await addMessage(deps, tx, t, { authorKind: 'customer', authorId: customer.id, authorName: customer.name, body: req.description, attachmentIds });
    await feedTicket(tx, t, { enteredQueue: true });
    return t;
  }

  async function emailTicket(req: EmailTicketRequest, ip: string | null): Promise<{ reference: string }> {
    const who = await whoIs(req.identityToken);
    if (who.kind === 'visitor' && !req.email) throw new DeskError('bad_request', 'Tell us your email address so we can answer you.');
    return storage.write(async (tx) => {
      const customer = await identify(tx, who, req);
      const t = await openEmailCase(tx, { customer, category: req.category, description: req.description, orderNumber: req.orderNumber });
      await tx.audit({ actorKind: 'customer', actorId: customer.id, action: 'email.create', outcome: 'ok', ticketId: t.id, customerId: customer.id, ip, details: { identity: who.kind === 'verified' ? who.identity.signer : 'visitor' } });
      return { reference: t.reference };
    });
  }

  /**
   * Who wrote a mail: the company's customer with that address, or else a visitor row of its own
   * (an address is easily forged, so it never opens anyone else's case: see email/mail-in.ts).
   */
  async function mailCustomer(tx: AsyncWriteTx, address: string, name: string | null): Promise<CustomerDbRow> {
    return (await tx.customers.verifiedByEmail(address)) ?? identify(tx, { kind: 'visitor' }, { name: name || address, email: address });
  }

  /** A customer's follow-up mail on their case: a message like a chat message, reopening a resolved case. */
  async function followUpByEmail(tx: AsyncWriteTx, ticket: TicketDbRow, mail: { body: string; clientMsgId: string; attachments: PreparedUpload[]; notes: string[] }): Promise<TicketDbRow> {
    const current = await checkSend(tx, ticket.id);
    for (const note of mail.notes) await deskNote(tx, current, note);
    const attachmentIds: string[] = [];
    for (const a of mail.attachments) attachmentIds.push((await uploads.record(tx, current, { kind: 'customer', id: current.customer_id }, a)).id);
    await sendIn(tx, current, { clientMsgId: mail.clientMsgId, body: mail.body, attachmentIds }, await nameIn(tx, current));
    return (await tx.tickets.get(current.id))!;
  }

  /** The ticket a per-chat token opens, or a 401. */
  async function authenticate(token: string | undefined): Promise<TicketDbRow> {
    const t = await storage.read(async (tx) => {
      const row = token ? await tx.chatTokens.getByHash(hashToken(token)) : null;
      return row ? tx.tickets.get(row.ticket_id) : null;
    });
    if (!t) throw new DeskError('unauthorized', 'This chat link is not valid any more; start a new chat.');
    return t;
  }

  async function stateIn(tx: AsyncReadTx, t: TicketDbRow): Promise<{ chat: ChatState; messages: CustomerMessage[] }> {
    return { chat: await chatStateOf(deps, tx, t), messages: (await tx.messages.publicForTicket(t.id)).map(toCustomerMessage) };
  }

  function state(t: TicketDbRow): Promise<{ chat: ChatState; messages: CustomerMessage[] }> {
    return storage.read((tx) => stateIn(tx, t));
  }

  const nameIn = async (tx: AsyncReadTx, t: TicketDbRow) => (await tx.customers.get(t.customer_id))?.name ?? 'Customer';

  /** What a signed-in customer socket needs, read in one go: the name its messages carry and the `ready` state. */
  function socketState(t: TicketDbRow): Promise<{ authorName: string; ready: { chat: ChatState; messages: CustomerMessage[] } }> {
    return storage.read(async (tx) => {
      const current = (await tx.tickets.get(t.id)) ?? t;
      return { authorName: await nameIn(tx, current), ready: await stateIn(tx, current) };
    });
  }

  /** Refuses a message before anything is written: unknown or ended chat. Reads the ticket for update. */
  async function checkSend(tx: AsyncReadTx, ticketId: string): Promise<TicketDbRow> {
    const t = await tx.tickets.getForUpdate(ticketId);
    if (!t) throw new DeskError('not_found', 'This chat does not exist any more.');
    if (t.status === 'closed') throw new DeskError('conflict', 'This chat has ended; start a new chat to reach us again.');
    return t;
  }

  async function sendIn(tx: AsyncWriteTx, current: TicketDbRow, req: CustomerSendRequest, authorName: string, origin?: LiveSocket): Promise<CustomerMessage> {
    const { message, created } = await addMessage(deps, tx, current, {
      authorKind: 'customer',
      authorId: current.customer_id,
      authorName,
      body: req.body,
      clientMsgId: req.clientMsgId,
      attachmentIds: req.attachmentIds ?? [],
      origin,
    });
    if (created) {
      const patch: TicketPatch = { last_message_at: tx.now, ...(await customerWrote(tx, current, tx.now)) };
      if (current.status === 'pending') patch.status = current.assignee_id ? 'open' : 'queued';
      if (current.status === 'resolved') Object.assign(patch, await oneMoreThingPatch(tx, current));
      const updated = await tx.tickets.update(current.id, { ...patch, ...reopenPatch(current, patch.status, tx.now) }, current);
      const requeued = current.status === 'resolved' && patch.status === 'queued';
      await feedTicket(tx, updated, {
        enteredQueue: patch.status === 'queued',
        loadChanged: current.status === 'resolved' && patch.status === 'open',
        lostBy: requeued ? current.assignee_id : null,
      });
      if (requeued) {
        await systemMessage(deps, tx, updated, 'You are being connected to the next available agent.');
        await router.route(tx, updated.id);
      }
      if (current.status === 'resolved') {
        // "One more thing" reopened the chat: the chat page leaves its resolved state.
        const chat = await chatStateOf(deps, tx, (await tx.tickets.get(updated.id)) ?? updated);
        tx.afterCommit(() => hub.toCustomer(current.id, { type: 'chat', chat }));
      }
    }
    return toCustomerMessage(message);
  }

  /**
   * "One more thing" (lifecycle.ts): a message on a resolved case reopens it with the same agent
   * when that agent still exists, is not offline and has a free slot (locked first, as a transfer
   * locks its target); otherwise the case goes back to its queue.
   */
  async function oneMoreThingPatch(tx: AsyncWriteTx, t: TicketDbRow): Promise<TicketPatch> {
    const agent = t.assignee_id ? await tx.agents.getForUpdate(t.assignee_id) : null;
    const keeps = !!agent && agent.presence !== 'offline' && (await tx.tickets.chatLoad(agent.id)) < agent.capacity;
    if (keeps) return { status: 'open', closes_at: null };
    return { status: 'queued', assignee_id: null, queued_at: tx.now, offered_at: null, accepted_at: null, closes_at: null };
  }

  async function send(t: TicketDbRow, req: CustomerSendRequest): Promise<CustomerMessage> {
    return storage.write(async (tx) => {
      const current = await checkSend(tx, t.id);
      return sendIn(tx, current, req, await nameIn(tx, current));
    });
  }

  /**
   * Many customers' messages in one commit (the gateway batches what arrives in one tick). Each
   * item's check reads its ticket inside the batch, so a second message for the same chat sees
   * the first one's update.
   */
  function sendMany(items: readonly { ticketId: string; authorName: string; req: CustomerSendRequest; origin?: LiveSocket }[]) {
    return storage.writeBatch(
      items,
      (tx, item) => checkSend(tx, item.ticketId),
      (tx, item, current) => sendIn(tx, current, item.req, item.authorName, item.origin),
    );
  }

  function typing(t: TicketDbRow, isTyping: boolean): void {
    if (t.assignee_id) hub.toAgent(t.assignee_id, { type: 'typing', ticketId: t.id, typing: isTyping });
  }

  const upload = (t: TicketDbRow, data: Buffer, filename: string): Promise<AttachmentDbRow> => uploads.forCustomer(t, data, filename);

  async function attachmentFor(t: TicketDbRow, id: string): Promise<{ row: AttachmentDbRow; data: Buffer }> {
    const { row, onNote } = await storage.read(async (tx) => {
      const row = await tx.attachments.get(id);
      // Images on internal notes (redacted copies) are the desk's, not the customer's.
      const onNote = row?.message_id ? (await tx.messages.get(row.message_id))?.author_kind === 'note' : false;
      return { row, onNote };
    });
    if (!row || row.ticket_id !== t.id || onNote) throw new DeskError('not_found', 'No such attachment in this chat.');
    return { row, data: files.get(row.sha256) };
  }

  async function rate(t: TicketDbRow, req: CsatRequest): Promise<ChatState> {
    if (t.status !== 'resolved' && t.status !== 'closed') throw new DeskError('conflict', 'You can rate the chat once it has ended.');
    return storage.write(async (tx) => {
      const u = await tx.tickets.update(t.id, { csat: req.rating, csat_comment: masked(req.comment) });
      await feedTicket(tx, u);
      await tx.audit({ actorKind: 'customer', actorId: t.customer_id, action: 'chat.csat', outcome: 'ok', ticketId: t.id, details: { rating: req.rating } });
      return chatStateOf(deps, tx, u);
    });
  }

  async function end(t: TicketDbRow): Promise<ChatState> {
    const chat = await storage.write(async (tx) => {
      const current = (await tx.tickets.getForUpdate(t.id))!;
      if (current.status === 'closed') return chatStateOf(deps, tx, current);
      if (current.status === 'resolved') {
        // Leaving inside the "one more thing" window: nothing more to add, the chat closes now.
        const u = await tx.tickets.update(t.id, { status: 'closed', closes_at: null }, current);
        await feedTicket(tx, u);
        await tx.audit({ actorKind: 'customer', actorId: t.customer_id, action: 'chat.end', outcome: 'ok', ticketId: t.id });
        return chatStateOf(deps, tx, u);
      }
      const wasQueued = current.status === 'queued';
      // The customer said they are done: no "one more thing" window, the chat closes now.
      const u = await tx.tickets.update(t.id, { status: 'closed', resolved_at: current.resolved_at ?? tx.now, closes_at: null, ...stopClock(current) });
      await systemMessage(deps, tx, u, 'The customer left the chat.');
      await feedTicket(tx, u, { lostRegion: wasQueued ? u.region_id : null, loadChanged: !wasQueued });
      await tx.audit({ actorKind: 'customer', actorId: t.customer_id, action: 'chat.end', outcome: 'ok', ticketId: t.id });
      await router.drain(tx, u.region_id);
      return chatStateOf(deps, tx, u);
    });
    hub.toCustomer(t.id, { type: 'chat', chat });
    return chat;
  }

  async function transcript(t: TicketDbRow): Promise<string> {
    const { customer, region, messages } = await storage.read(async (tx) => ({
      customer: await tx.customers.get(t.customer_id),
      region: await tx.regions.get(t.region_id),
      messages: await tx.messages.publicForTicket(t.id),
    }));
    const fmt = new Intl.DateTimeFormat(customer?.locale ?? 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: customer?.time_zone ?? region?.timeZone ?? 'UTC' });
    const lines = [`Agent Desk chat transcript`, `Reference: ${t.reference}`, `Category: ${CATEGORY_LABELS[t.category]}`, ''];
    for (const m of messages) {
      const who = m.author_kind === 'customer' ? 'You' : m.author_kind === 'system' ? '—' : m.author_name.split(' ')[0];
      lines.push(`[${fmt.format(new Date(m.created_at))}] ${who}: ${m.body}`);
    }
    return lines.join('\n') + '\n';
  }

  return {
    config,
    demoIdentities,
    demoIdentityToken,
    startChat,
    emailTicket,
    /** Pieces of the email channel (src/server/email/mail-in.ts), each inside the caller's transaction. */
    email: { openCase: openEmailCase, customerFor: mailCustomer, followUp: followUpByEmail },
    authenticate,
    socketState,
    state,
    send,
    sendMany,
    typing,
    upload,
    attachmentFor,
    rate,
    end,
    transcript,
    now: () => clock.now(),
  };
}
export type CustomerChats = ReturnType<typeof createCustomerChats>;
