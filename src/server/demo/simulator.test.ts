/**
 * The customer simulator against a small fake of the customer API (docs/api.md), served on
 * 127.0.0.1 with node:http + ws. The fake checks every request and frame against the shared zod
 * schemas and records what it saw, with a global sequence number so the order can be asserted.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { luhnValid, maskCardNumbers } from '../../shared/card-mask';
import { CATEGORIES, CATEGORY_LABELS, type Category, type TicketStatus } from '../../shared/domain';
import {
  CsatRequest,
  CustomerClientFrame,
  EmailTicketRequest,
  StartChatRequest,
  type ChatState,
  type CustomerMessage,
  type DemoIdentity,
} from '../../shared/protocol/customer';
import { checkAndCleanImage } from '../attachments/image';
import { SCRIPTS, CSAT_COMMENTS, SCREENSHOT_LINES, THANKS_LINES, TEST_CARD_NUMBERS, cardPasteLine, APP_GLITCHES, CLOSING_LINE } from './scripts';
import { Rng } from './rng';
import { createCustomerSimulator, newClientMsgId, type Simulator } from './simulator';

// ---------------------------------------------------------------------------------------------
// The fake desk server
// ---------------------------------------------------------------------------------------------

interface FakeChat {
  token: string;
  ticketId: string;
  reference: string;
  category: Category;
  status: TicketStatus;
  agentName: string | null;
  csat: number | null;
  sockets: Set<WebSocket>;
  attachments: Set<string>;
  agentTurn: number;
  agentTimer: NodeJS.Timeout | null;
  resolvedSeq: number | null;
  customerId: string;
}

interface FrameRecord {
  seq: number;
  token: string;
  frame: CustomerClientFrame;
}

interface FakeOptions {
  /** No agent ever answers. */
  agentSilent?: boolean;
  identities?: DemoIdentity[];
  closedRegions?: string[];
}

const IDENTITIES: DemoIdentity[] = [
  { customerId: 'c-1', name: 'Anna Berg', email: 'anna@example.com', regionId: 'eu-north', orderNumbers: ['SE-100234', 'SE-100777'] },
  { customerId: 'c-2', name: 'Jonas Weber', email: 'jonas@example.com', regionId: 'eu-central', orderNumbers: ['DE-55120'] },
  { customerId: 'c-3', name: 'Emily Clark', email: 'emily@example.com', regionId: 'uk', orderNumbers: [] },
  { customerId: 'c-4', name: 'Liam Jones', email: 'liam@example.com', regionId: 'au', orderNumbers: ['AU-9001'] },
];

const AGENT_LINES = [
  "Hi, I'm Sam. Thanks for waiting, let me look into this for you.",
  'Thanks. I can see it on your account; this usually sorts itself out within 1-3 business days.',
  'Is there anything else I can help you with today?',
];

async function startFakeDesk(opts: FakeOptions = {}) {
  const identities = opts.identities ?? IDENTITIES;
  const closed = new Set(opts.closedRegions ?? ['au']);
  let seq = 0;
  let nextId = 1;
  const chats = new Map<string, FakeChat>();
  const timers = new Set<NodeJS.Timeout>();
  const rec = {
    starts: [] as { seq: number; at: number; customerId: string; body: StartChatRequest }[],
    emails: [] as { seq: number; customerId: string | null; body: EmailTicketRequest }[],
    uploads: [] as { seq: number; token: string; id: string; width: number; height: number; filename: string | undefined; contentType: string | undefined }[],
    csats: [] as { seq: number; token: string; rating: number }[],
    ends: [] as { seq: number; token: string }[],
    frames: [] as FrameRecord[],
    agentMessages: [] as { seq: number; token: string }[],
    origins: [] as (string | undefined)[],
    violations: [] as string[],
  };

  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
    return t;
  };

  const stateOf = (c: FakeChat): ChatState => ({
    ticketId: c.ticketId,
    reference: c.reference,
    status: c.status,
    category: c.category,
    agentName: c.agentName,
    queue: c.status === 'queued' ? { position: 1, expectedWaitSec: 60 } : null,
    csat: c.csat,
    verified: true,
    linkedReference: null,
  });
  const push = (c: FakeChat, frame: object) => {
    for (const ws of c.sockets) ws.send(JSON.stringify(frame));
  };
  const message = (c: FakeChat, authorKind: CustomerMessage['authorKind'], body: string, extra: Partial<CustomerMessage> = {}): CustomerMessage => ({
    id: `m-${nextId++}`,
    authorKind,
    authorName: authorKind === 'agent' ? 'Sam' : 'Customer',
    body,
    clientMsgId: null,
    attachmentIds: [],
    createdAt: new Date().toISOString(),
    ...extra,
  });

  function agentTurn(c: FakeChat): void {
    c.agentTimer = null;
    if (c.status === 'resolved' || c.status === 'closed') return;
    const turn = c.agentTurn++;
    if (turn === 0) {
      c.status = 'open';
      c.agentName = 'Sam';
      push(c, { type: 'chat', chat: stateOf(c) });
    }
    if (turn < AGENT_LINES.length) {
      push(c, { type: 'typing', typing: true, agentName: 'Sam' });
      rec.agentMessages.push({ seq: ++seq, token: c.token });
      push(c, { type: 'message', message: message(c, 'agent', AGENT_LINES[turn]!) });
      return;
    }
    c.status = 'resolved';
    c.resolvedSeq = ++seq;
    push(c, { type: 'chat', chat: stateOf(c) });
  }

  const readBody = (req: http.IncomingMessage) =>
    new Promise<Buffer>((resolve, reject) => {
      const parts: Buffer[] = [];
      req.on('data', (b: Buffer) => parts.push(b));
      req.on('end', () => resolve(Buffer.concat(parts)));
      req.on('error', reject);
    });

  const server = http.createServer((req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const fail = (status: number, code: string, msg: string) => {
      if (code === 'bad_request' || code === 'unauthorized') rec.violations.push(`${req.method} ${req.url}: ${msg}`);
      reply(status, { error: { code, message: msg } });
    };
    const chatOf = () => chats.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
    void readBody(req).then(async (raw) => {
      const url = req.url ?? '';
      const json = () => (raw.length ? JSON.parse(raw.toString('utf8')) : undefined) as unknown;
      if (req.method === 'GET' && url === '/api/chat/config') {
        return reply(200, {
          demo: true,
          regions: ['eu-north', 'eu-central', 'uk', 'au'].map((id) => ({ id, name: id, timeZone: 'UTC', open: !closed.has(id), hoursText: '24/7', nextOpenAt: null, nextOpenText: null, closesAt: null, closesText: null, todayText: null, phone: null, expectedWaitSec: closed.has(id) ? null : 0 })),
          identity: { verification: false, demoSigner: true },
          categories: CATEGORIES.map((id) => ({ id, label: CATEGORY_LABELS[id] })),
          limits: { maxUploadBytes: 8 * 1024 * 1024, maxMessageLength: 4000 },
        });
      }
      if (req.method === 'POST' && url === '/api/chat/demo/identity') {
        const customerId = (json() as { customerId?: string } | undefined)?.customerId;
        if (!identities.some((i) => i.customerId === customerId)) return fail(404, 'not_found', 'no such demo customer');
        return reply(200, { identityToken: `demo-token.${customerId}.signed`, expiresAt: new Date(Date.now() + 600_000).toISOString() });
      }
      if (req.method === 'GET' && url === '/api/chat/demo-identities') return reply(200, identities);
      if (req.method === 'POST' && url === '/api/chat/start') {
        const parsed = StartChatRequest.safeParse(json());
        if (!parsed.success) return fail(400, 'bad_request', parsed.error.message);
        const who = identities.find((i) => parsed.data.identityToken === `demo-token.${i.customerId}.signed`);
        if (!who) return fail(401, 'unauthorized', 'unknown identity');
        if (parsed.data.orderNumber && !who.orderNumbers.includes(parsed.data.orderNumber)) rec.violations.push('order number not the customer’s');
        if (closed.has(who.regionId)) return fail(409, 'region_closed', 'Live chat is closed in your region right now; send us an email ticket instead.');
        // The real desk joins a customer's chat under way instead of starting a second one.
        if ([...chats.values()].some((o) => o.customerId === who.customerId && o.status !== 'resolved'))
          rec.violations.push(`a second chat for ${who.customerId} while one is under way`);
        rec.starts.push({ seq: ++seq, at: Date.now(), customerId: who.customerId, body: parsed.data });
        const token = `tok_${nextId++}_${'x'.repeat(20)}`;
        const c: FakeChat = {
          token,
          ticketId: `t-${nextId++}`,
          reference: `R-${nextId++}`,
          category: parsed.data.category,
          status: 'queued',
          agentName: null,
          csat: null,
          sockets: new Set(),
          attachments: new Set(),
          agentTurn: 0,
          agentTimer: null,
          resolvedSeq: null,
          customerId: who.customerId,
        };
        chats.set(token, c);
        return reply(201, { token, chat: stateOf(c) });
      }
      if (req.method === 'POST' && url === '/api/chat/email') {
        const parsed = EmailTicketRequest.safeParse(json());
        if (!parsed.success) return fail(400, 'bad_request', parsed.error.message);
        rec.emails.push({ seq: ++seq, customerId: identities.find((i) => parsed.data.identityToken === `demo-token.${i.customerId}.signed`)?.customerId ?? null, body: parsed.data });
        return reply(201, { reference: `E-${nextId++}` });
      }
      const c = chatOf();
      if (!c) return fail(401, 'unauthorized', 'no such chat token');
      if (req.method === 'PUT' && url === '/api/chat/attachments') {
        try {
          const img = await checkAndCleanImage(raw);
          const id = `a-${nextId++}`;
          c.attachments.add(id);
          rec.uploads.push({
            seq: ++seq,
            token: c.token,
            id,
            width: img.width,
            height: img.height,
            filename: req.headers['x-filename'] as string | undefined,
            contentType: req.headers['content-type'],
          });
          return reply(201, { attachment: { id, mime: img.mime, width: img.width, height: img.height, bytes: img.bytes, filename: 'screenshot.png' } });
        } catch (err) {
          return fail(415, 'unsupported_media_type', String(err));
        }
      }
      if (req.method === 'POST' && url === '/api/chat/csat') {
        const parsed = CsatRequest.safeParse(json());
        if (!parsed.success) return fail(400, 'bad_request', parsed.error.message);
        if (c.status !== 'resolved') {
          rec.violations.push('csat before the chat was resolved');
          return fail(409, 'conflict', 'You can rate the chat once it has ended.');
        }
        c.csat = parsed.data.rating;
        rec.csats.push({ seq: ++seq, token: c.token, rating: parsed.data.rating });
        return reply(200, { chat: stateOf(c) });
      }
      if (req.method === 'POST' && url === '/api/chat/end') {
        rec.ends.push({ seq: ++seq, token: c.token });
        if (c.status !== 'resolved') {
          c.status = 'resolved';
          c.resolvedSeq = ++seq;
          push(c, { type: 'chat', chat: stateOf(c) });
        }
        return reply(200, { chat: stateOf(c) });
      }
      return fail(404, 'not_found', `no route ${req.method} ${url}`);
    }).catch((err: unknown) => {
      rec.violations.push(`fake server error: ${String(err)}`);
      if (!res.headersSent) reply(500, { error: { code: 'internal', message: 'fake failed' } });
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    if (req.url !== '/ws/chat') return socket.destroy();
    rec.origins.push(req.headers.origin);
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  wss.on('connection', (ws: WebSocket) => {
    let chat: FakeChat | null = null;
    const authTimer = later(5000, () => ws.close(4001));
    ws.on('close', () => {
      clearTimeout(authTimer);
      timers.delete(authTimer);
      chat?.sockets.delete(ws);
    });
    ws.on('message', (data) => {
      const parsed = CustomerClientFrame.safeParse(JSON.parse(String(data)));
      if (!parsed.success) {
        rec.violations.push(`bad frame: ${String(data)}`);
        return ws.send(JSON.stringify({ type: 'error', code: 'bad_request', message: 'bad frame' }));
      }
      const frame = parsed.data;
      if (!chat) {
        if (frame.type !== 'auth' || !chats.has(frame.token)) {
          rec.violations.push('first frame was not a valid auth');
          return ws.close(4003);
        }
        clearTimeout(authTimer);
        timers.delete(authTimer);
        chat = chats.get(frame.token)!;
        chat.sockets.add(ws);
        ws.send(JSON.stringify({ type: 'ready', chat: stateOf(chat), messages: [message(chat, 'customer', 'the pre-chat description')] }));
        return;
      }
      const c = chat;
      rec.frames.push({ seq: ++seq, token: c.token, frame });
      if (frame.type === 'auth') rec.violations.push('second auth frame');
      if (frame.type !== 'message') return;
      if (c.status === 'resolved') rec.violations.push('message sent into a resolved chat');
      for (const id of frame.attachmentIds ?? []) if (!c.attachments.has(id)) rec.violations.push(`message references unknown attachment ${id}`);
      ws.send(JSON.stringify({ type: 'ack', clientMsgId: frame.clientMsgId, messageId: `m-${nextId++}` }));
      push(c, { type: 'message', message: message(c, 'customer', frame.body, { clientMsgId: frame.clientMsgId, attachmentIds: frame.attachmentIds ?? [] }) });
      if (opts.agentSilent) return;
      if (c.agentTimer) {
        clearTimeout(c.agentTimer);
        timers.delete(c.agentTimer);
      }
      c.agentTimer = later(40, () => agentTurn(c));
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    rec,
    wss,
    chats,
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// ---------------------------------------------------------------------------------------------

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
async function until(cond: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) return false;
    await sleep(10);
  }
  return true;
}
const active = (kind: 'Timeout' | 'TCPSocketWrap') => process.getActiveResourcesInfo().filter((r) => r === kind).length;

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

async function setup(fakeOpts: FakeOptions, simOpts: Partial<Parameters<typeof createCustomerSimulator>[0]>) {
  const desk = await startFakeDesk(fakeOpts);
  const sim: Simulator = createCustomerSimulator({ baseUrl: desk.baseUrl, chatsPerMinute: 600, seed: 7, timeScale: 0.001, ...simOpts });
  cleanup.push(
    () => desk.close(),
    () => sim.stop(),
  );
  return { desk, sim };
}

describe('customer simulator against a fake customer API', () => {
  it('starts chats at roughly the configured rate and runs them end to end', async () => {
    const timeoutsBefore = active('Timeout');
    const socketsBefore = active('TCPSocketWrap');
    const { desk, sim } = await setup({}, { chatsPerMinute: 600, maxConcurrentChats: 100 });
    const { rec } = desk;
    const t0 = Date.now();
    sim.start();
    await sleep(1000);
    // 600/min for 1 s: 10 expected (Poisson); generous bounds for a shared, noisy machine.
    const { arrivals } = sim.stats();
    expect(arrivals).toBeGreaterThanOrEqual(3);
    expect(arrivals).toBeLessThanOrEqual(25);
    expect(await until(() => rec.csats.length >= 3, 3000)).toBe(true);
    await sim.stop();
    const stats = sim.stats();

    // A request in flight when stop() aborts it may have reached the server without its answer
    // reaching the simulator, so the server can have seen one or two more than were counted.
    const closeTo = (counted: number, seen: number) => {
      expect(counted).toBeLessThanOrEqual(seen);
      expect(counted).toBeGreaterThanOrEqual(seen - 2);
    };

    // Chats were started through the API with category-true forms.
    closeTo(stats.started, rec.starts.length);
    expect(stats.started + stats.emailTickets).toBeLessThanOrEqual(stats.arrivals);
    expect(rec.starts.every((s) => s.at - t0 < 4000)).toBe(true);
    for (const s of rec.starts) {
      if (SCRIPTS[s.body.category].needsOrder && s.customerId !== 'c-3') expect(s.body.orderNumber).toBeTruthy();
    }
    // Only the closed region's customer used the email form.
    closeTo(stats.emailTickets, rec.emails.length);
    expect(rec.emails.every((e) => e.customerId === 'c-4')).toBe(true);

    // Every message has its own well-formed clientMsgId, and a typing frame came before it.
    const messages = rec.frames.filter((f) => f.frame.type === 'message');
    expect(messages.length).toBeGreaterThan(5);
    expect(stats.messagesSent).toBe(messages.length);
    const ids = messages.map((f) => (f.frame as { clientMsgId: string }).clientMsgId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    for (const m of messages) {
      const earlier = rec.frames.filter((f) => f.token === m.token && f.seq < m.seq);
      const lastMessage = Math.max(0, ...earlier.filter((f) => f.frame.type === 'message').map((f) => f.seq));
      expect(earlier.some((f) => f.seq > lastMessage && f.frame.type === 'typing' && f.frame.typing)).toBe(true);
    }

    // Agent messages get answered.
    const answered = rec.agentMessages.filter((a) => messages.some((m) => m.token === a.token && m.seq > a.seq));
    expect(answered.length).toBeGreaterThan(3);

    // CSAT only after the chat frame said resolved, mostly 4-5, counted.
    closeTo(stats.rated, rec.csats.length);
    for (const r of rec.csats) {
      const chat = [...desk.chats.values()].find((c) => c.token === r.token)!;
      expect(chat.resolvedSeq).not.toBeNull();
      expect(chat.resolvedSeq!).toBeLessThan(r.seq);
      expect(r.rating).toBeGreaterThanOrEqual(1);
      expect(r.rating).toBeLessThanOrEqual(5);
    }

    // The socket upgrade carries the page's Origin; nothing broke the API contract.
    expect(rec.origins.every((o) => o === desk.baseUrl)).toBe(true);
    expect(rec.violations).toEqual([]);
    expect(stats.errors).toBe(0);

    // stop(): no customer left, no WebSocket open, no timer pending. (Idle HTTP keep-alive
    // sockets of fetch's pool may remain until the server closes them, as in a browser.)
    expect(stats.active).toBe(0);
    expect(await until(() => desk.wss.clients.size === 0, 500)).toBe(true);
    await desk.close();
    // Closing sockets of fetch's pool keep a socket timer until they are gone: wait for them,
    // then count timers. A timer of the simulator's own (the next arrival, a reply or a rating
    // scheduled seconds ahead, or a loop that keeps scheduling) would still be there.
    expect(await until(() => active('TCPSocketWrap') <= socketsBefore, 1000)).toBe(true);
    expect(await until(() => active('Timeout') <= timeoutsBefore, 1000)).toBe(true);
  });

  it('uploads a real PNG screenshot for technical glitches before referencing its id', async () => {
    const { desk, sim } = await setup({}, { categoryWeights: { technical_glitch: 1 }, chatsPerMinute: 900 });
    const { rec } = desk;
    sim.start();
    const withAttachment = () => rec.frames.filter((f) => f.frame.type === 'message' && (f.frame.attachmentIds?.length ?? 0) > 0);
    expect(await until(() => withAttachment().length >= 2, 2500)).toBe(true);
    await sim.stop();

    expect(rec.uploads.length).toBeGreaterThanOrEqual(2);
    for (const u of rec.uploads) {
      expect([u.width, u.height]).toEqual([390, 844]);
      expect(u.contentType).toBe('image/png');
      expect(u.filename).toMatch(/^Screenshot_\d{8}\d{6}\.png$/);
    }
    for (const f of withAttachment()) {
      const ids = f.frame.type === 'message' ? (f.frame.attachmentIds ?? []) : [];
      for (const id of ids) {
        const upload = rec.uploads.find((u) => u.id === id);
        expect(upload).toBeDefined();
        expect(upload!.token).toBe(f.token);
        expect(upload!.seq).toBeLessThan(f.seq);
      }
    }
    expect(sim.stats().uploads).toBeLessThanOrEqual(rec.uploads.length);
    expect(sim.stats().uploads).toBeGreaterThanOrEqual(withAttachment().length);
    expect(rec.violations).toEqual([]);
  });

  it('leaves (POST /api/chat/end) when nobody answers, without rating', async () => {
    const { desk, sim } = await setup({ agentSilent: true }, { abandonAfterMinutes: 0.004, chatsPerMinute: 1200 });
    const { rec } = desk;
    sim.start();
    expect(await until(() => rec.ends.length >= 2, 2000)).toBe(true);
    await sim.stop();
    const stats = sim.stats();
    expect(stats.abandoned).toBeGreaterThanOrEqual(2);
    expect(rec.csats).toEqual([]);
    for (const e of rec.ends) expect(desk.chats.get(e.token)?.status).toBe('resolved');
    expect(rec.violations).toEqual([]);
  });

  it('sends the email form when the region is closed (409 region_closed)', async () => {
    const { desk, sim } = await setup({ identities: [IDENTITIES[3]!], closedRegions: ['au'] }, { chatsPerMinute: 1200 });
    sim.start();
    expect(await until(() => desk.rec.emails.length >= 2, 2000)).toBe(true);
    await sim.stop();
    expect(desk.rec.starts).toEqual([]);
    expect(sim.stats()).toMatchObject({ started: 0, errors: 0, active: 0 });
    expect(sim.stats().emailTickets).toBeGreaterThanOrEqual(desk.rec.emails.length - 1);
    for (const e of desk.rec.emails) {
      expect(e.customerId).toBe('c-4');
      expect(e.body.description.length).toBeGreaterThan(10);
    }
    expect(desk.wss.clients.size).toBe(0);
    expect(desk.rec.violations).toEqual([]);
  });

  it('keeps at most maxConcurrentChats customers active', async () => {
    const { desk, sim } = await setup({ agentSilent: true, closedRegions: [] }, { maxConcurrentChats: 2, chatsPerMinute: 3000 });
    sim.start();
    await sleep(400);
    expect(sim.stats().active).toBeLessThanOrEqual(2);
    expect(desk.rec.starts.length).toBe(2);
    expect(sim.stats().skipped).toBeGreaterThan(0);
    await sim.stop();
    expect(sim.stats().active).toBe(0);
    expect(await until(() => desk.wss.clients.size === 0, 500)).toBe(true);
  });

  it('counts and logs errors instead of throwing when the server is unreachable', async () => {
    const warnings: object[] = [];
    const sim = createCustomerSimulator({
      baseUrl: 'http://127.0.0.1:1',
      chatsPerMinute: 1200,
      seed: 1,
      logger: { info: () => {}, warn: (o) => warnings.push(o) },
    });
    sim.start();
    expect(await until(() => sim.stats().errors >= 2, 2000)).toBe(true);
    await sim.stop();
    expect(sim.stats().active).toBe(0);
    expect(warnings.length).toBeGreaterThanOrEqual(2);
  });
});

describe('conversation scripts', () => {
  const allLines = [
    ...Object.values(SCRIPTS).flatMap((s) => [...s.descriptions, ...s.openers.flat(), ...s.replies]),
    ...SCREENSHOT_LINES,
    ...THANKS_LINES,
    ...Object.values(CSAT_COMMENTS).flat(),
    ...APP_GLITCHES.flatMap((g) => [g.title, g.message, g.errorCode]),
  ];

  it('never contain a card number, except the deliberate test-card line', () => {
    for (const line of allLines) expect(maskCardNumbers(line)).toBe(line);
    const rng = new Rng(3);
    for (let i = 0; i < 20; i++) {
      const line = cardPasteLine(rng);
      expect(maskCardNumbers(line)).not.toBe(line);
    }
    for (const card of TEST_CARD_NUMBERS) expect(luhnValid(card.replace(/\D/g, ''))).toBe(true);
  });

  it('thank-you lines are not mistaken for closing lines, the agent’s closing line is', () => {
    expect(CLOSING_LINE.test(AGENT_LINES[2]!)).toBe(true);
    expect(CLOSING_LINE.test(AGENT_LINES[0]!)).toBe(false);
    expect(CLOSING_LINE.test(AGENT_LINES[1]!)).toBe(false);
  });

  it('makes unique base64url client message ids', () => {
    const ids = new Set(Array.from({ length: 1000 }, newClientMsgId));
    expect(ids.size).toBe(1000);
  });
});
