/**
 * The customer simulator: demo customers who open chats on the desk server through the PUBLIC
 * customer API only (docs/api.md), over real HTTP and WebSocket, exactly like the chat page.
 *
 * A simulated customer: arrives (Poisson arrivals at `chatsPerMinute`), picks a demo identity and
 * a category, fills the pre-chat form (`POST /api/chat/start`; `409 region_closed` → the email
 * form), opens `/ws/chat`, authenticates with its first frame, types a couple of category-true
 * lines (typing frames first), uploads a generated screenshot for technical glitches, answers
 * the agent 2-4 times after human-like delays, says thanks, and rates the chat (`/api/chat/csat`)
 * once it shows `resolved`. Nobody answering within `abandonAfterMinutes` makes it leave
 * (`/api/chat/end`). Timers never throw; every failure is counted and logged; `stop()` clears
 * every timer, aborts requests in flight and closes every socket before it resolves.
 *
 * Logs never carry a token or a message body (a few customers paste a test card number).
 */
import { randomBytes, randomInt } from 'node:crypto';
import WebSocket, { type RawData } from 'ws';
import { CATEGORIES, type Category } from '../../shared/domain';
import {
  ChatConfig,
  ChatState,
  CustomerMessage,
  DemoIdentity,
  DemoIdentityTokenResponse,
  StartChatResponse,
  type CsatRequest,
  type CustomerClientFrame,
  type EmailTicketRequest,
  type StartChatRequest,
} from '../../shared/protocol/customer';
import { CLOSE_CODES } from '../../shared/protocol/errors';
import { MAX_MESSAGE_LENGTH } from '../../shared/protocol/mutations';
import { Rng } from './rng';
import { renderAppScreenshot } from './screenshots';
import {
  APP_GLITCHES,
  APP_VERSIONS,
  cardPasteLine,
  CLOSING_LINE,
  CSAT_COMMENTS,
  DEVICES,
  fill,
  SCREENSHOT_LINES,
  SCRIPTS,
  THANKS_LINES,
  type ScriptContext,
} from './scripts';
import { angryLater, openingFor, OWN_LANGUAGE_SHARE, pickedCategory, pickTone, type Tone } from './voices';
import type { Lang } from './openings';

/** The regions whose customers may write their own language (the rest write English). */
const REGION_LANGUAGE: Readonly<Record<string, Lang>> = { 'eu-north': 'sv', 'eu-central': 'de' };

export interface SimulatorLogger {
  info(o: object, msg?: string): void;
  warn(o: object, msg?: string): void;
}

export interface SimulatorOptions {
  /** The desk server, e.g. `http://127.0.0.1:4000` (a path prefix is kept). */
  baseUrl: string;
  /** Mean arrival rate; arrivals are Poisson (exponential gaps). 0 = no new chats. */
  chatsPerMinute: number;
  /** New arrivals are skipped while this many chats are active (default 40). */
  maxConcurrentChats?: number;
  /** Seeds arrivals, identities, categories, lines, delays and ratings (default: random). */
  seed?: number;
  logger?: SimulatorLogger;
  /** A customer nobody answers (or who hears nothing more) for this long leaves (default 10). */
  abandonAfterMinutes?: number;
  /** Multiplies every human delay (reading, thinking, typing, waiting to rate); default 1. */
  timeScale?: number;
  /** Category mix (default: payment delay, refund/return and missed payment most common). */
  categoryWeights?: Partial<Record<Category, number>>;
  /** Origin header of the WebSocket upgrade (default: the origin of baseUrl, like the chat page). */
  origin?: string;
  /** Per HTTP request (default 15 s). */
  requestTimeoutMs?: number;
}

export interface SimulatorStats {
  /** Customers who arrived (Poisson at chatsPerMinute), including those skipped at the limit. */
  arrivals: number;
  /** Chats started (`POST /api/chat/start` answered 201). */
  started: number;
  /** Chat messages sent over the socket (resends of the same clientMsgId not counted). */
  messagesSent: number;
  /** CSAT ratings posted. */
  rated: number;
  errors: number;
  /** Customers currently in flight (from arrival to leaving). */
  active: number;
  /** Email tickets sent because the region's live chat was closed. */
  emailTickets: number;
  /** Customers who left because nobody answered. */
  abandoned: number;
  /** Screenshots uploaded. */
  uploads: number;
  /** Arrivals skipped because `maxConcurrentChats` were active. */
  skipped: number;
}

export interface Simulator {
  start(): void;
  stop(): Promise<void>;
  stats(): SimulatorStats;
}

export const DEFAULT_CATEGORY_WEIGHTS: Readonly<Record<Category, number>> = {
  payment_delay: 26,
  refund_return: 24,
  missed_payment: 22,
  account_verification: 12,
  technical_glitch: 10,
  other: 6,
};

/** Share of payment-delay customers who paste a (test) card number into the chat. */
export const CARD_PASTE_SHARE = 0.03;

const SILENT: SimulatorLogger = { info: () => {}, warn: () => {} };

/** A random client message id: 16 base64url characters (96 random bits). */
export function newClientMsgId(): string {
  return randomBytes(12).toString('base64url');
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Why a wait or a request ended early: the chat finished or the simulator stopped. Not an error. */
const STOPPED = Symbol('stopped');
const isStopped = (err: unknown, signal: AbortSignal): boolean => err === STOPPED || signal.aborted;

interface Identity {
  customerId: string | null;
  name: string;
  email: string;
  regionId: string;
  orderNumbers: string[];
}

interface RequestOptions {
  json?: unknown;
  raw?: { body: Buffer; contentType: string };
  headers?: Record<string, string>;
  token?: string;
  signal: AbortSignal;
}

/** Shared by every simulated customer of one simulator. */
interface World {
  request(method: string, path: string, opts: RequestOptions): Promise<unknown>;
  config(): Promise<ChatConfig | null>;
  identities(): Promise<Identity[]>;
  wsUrl: string;
  origin: string;
  log: SimulatorLogger;
  counters: Omit<SimulatorStats, 'active'>;
  scale(ms: number): number;
  abandonAfterMs: number;
  categoryWeights: readonly (readonly [Category, number])[];
  forget(chat: CustomerChat): void;
  /** Customers with a simulated chat under way: a second start would join that chat (a second tab). */
  busy: Set<string>;
}

function positive(value: number | undefined, fallback: number, name: string, { integer = false, allowZero = false } = {}): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v < 0 || (!allowZero && v === 0) || (integer && !Number.isInteger(v))) {
    throw new TypeError(`${name} must be a ${integer ? 'whole' : ''} number ${allowZero ? '>= 0' : '> 0'}`);
  }
  return v;
}

const NAMES: readonly (readonly [string, string])[] = [
  ['Alex', 'Morgan'], ['Sam', 'Lindqvist'], ['Jamie', 'Fischer'], ['Robin', 'Taylor'], ['Kim', 'Nguyen'], ['Charlie', 'Andersson'],
];

export function createCustomerSimulator(opts: SimulatorOptions): Simulator {
  const base = new URL(opts.baseUrl.endsWith('/') ? opts.baseUrl : `${opts.baseUrl}/`);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new TypeError('baseUrl must be an http(s) URL');
  const chatsPerMinute = positive(opts.chatsPerMinute, 0, 'chatsPerMinute', { allowZero: true });
  const maxConcurrent = positive(opts.maxConcurrentChats, 40, 'maxConcurrentChats', { integer: true });
  const abandonAfterMs = positive(opts.abandonAfterMinutes, 10, 'abandonAfterMinutes') * 60_000;
  const timeScale = positive(opts.timeScale, 1, 'timeScale', { allowZero: true });
  const requestTimeoutMs = positive(opts.requestTimeoutMs, 15_000, 'requestTimeoutMs');
  const weights = CATEGORIES.map((c) => [c, opts.categoryWeights ? (opts.categoryWeights[c] ?? 0) : DEFAULT_CATEGORY_WEIGHTS[c]] as const).filter(
    ([, w]) => Number.isFinite(w) && w > 0,
  );
  if (weights.length === 0) throw new TypeError('categoryWeights must give at least one category a weight > 0');

  const wsUrl = new URL('ws/chat', base);
  wsUrl.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
  const log = opts.logger ?? SILENT;
  const rng = new Rng(opts.seed ?? randomInt(0x7fffffff));

  const counters: World['counters'] = { arrivals: 0, started: 0, messagesSent: 0, rated: 0, errors: 0, emailTickets: 0, abandoned: 0, uploads: 0, skipped: 0 };
  const chats = new Set<CustomerChat>();
  let running = false;
  let arrivalTimer: NodeJS.Timeout | null = null;
  let lifecycle = new AbortController();
  let configCache: Promise<ChatConfig | null> | null = null;
  let identityCache: Promise<Identity[]> | null = null;
  let nextChatNo = 1;

  // Requests under way: stop() waits for them, so none is left with its timeout timer running.
  const inFlight = new Set<Promise<unknown>>();
  function request(method: string, path: string, r: RequestOptions): Promise<unknown> {
    const p = send(method, path, r);
    inFlight.add(p);
    const done = () => void inFlight.delete(p);
    p.then(done, done);
    return p;
  }

  async function send(method: string, path: string, r: RequestOptions): Promise<unknown> {
    if (r.signal.aborted) throw STOPPED;
    const controller = new AbortController();
    const onAbort = () => controller.abort(STOPPED);
    r.signal.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => controller.abort(new Error(`${method} /${path} timed out after ${requestTimeoutMs} ms`)), requestTimeoutMs);
    try {
      const headers: Record<string, string> = { accept: 'application/json', ...r.headers };
      let body: Uint8Array<ArrayBuffer> | string | undefined;
      if (r.json !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(r.json);
      } else if (r.raw) {
        headers['content-type'] = r.raw.contentType;
        body = new Uint8Array(r.raw.body); // a copy on its own ArrayBuffer, as fetch's types want
      }
      if (r.token) headers.authorization = `Bearer ${r.token}`;
      const res = await fetch(new URL(path, base), { method, headers, body, signal: controller.signal });
      const text = await res.text();
      let parsed: unknown = null;
      if (text) {
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = text;
        }
      }
      if (!res.ok) {
        const e = (parsed as { error?: { code?: unknown; message?: unknown } } | null)?.error;
        throw new ApiError(res.status, typeof e?.code === 'string' ? e.code : `http_${res.status}`, typeof e?.message === 'string' ? e.message : res.statusText);
      }
      return parsed;
    } catch (err) {
      if (controller.signal.reason === STOPPED) throw STOPPED;
      if (controller.signal.aborted && controller.signal.reason instanceof Error) throw controller.signal.reason;
      throw err;
    } finally {
      clearTimeout(timer);
      r.signal.removeEventListener('abort', onAbort);
    }
  }

  /** Cached once; a failure is not cached so the next customer tries again. */
  function config(): Promise<ChatConfig | null> {
    configCache ??= request('GET', 'api/chat/config', { signal: lifecycle.signal }).then(
      (body) => ChatConfig.parse(body),
      (err: unknown) => {
        configCache = null;
        throw err;
      },
    );
    return configCache;
  }

  /** Demo identities (cached); outside demo mode, made-up customers with example.com addresses. */
  function identities(): Promise<Identity[]> {
    identityCache ??= (async () => {
      const cfg = await config();
      if (cfg && !cfg.demo) {
        const regions = cfg.regions.map((r) => r.id);
        return NAMES.map(([first, last], i) => ({
          customerId: null,
          name: `${first} ${last}`,
          email: `${first}.${last}.sim${i}@example.com`.toLowerCase(),
          regionId: regions[i % Math.max(1, regions.length)] ?? 'default',
          orderNumbers: [],
        }));
      }
      const list = DemoIdentity.array().parse(await request('GET', 'api/chat/demo-identities', { signal: lifecycle.signal }));
      if (list.length === 0) throw new Error('the server returned no demo identities');
      return list.map((d) => ({ customerId: d.customerId, name: d.name, email: d.email, regionId: d.regionId, orderNumbers: d.orderNumbers }));
    })().catch((err: unknown) => {
      identityCache = null;
      throw err;
    });
    return identityCache;
  }

  const world: World = {
    request,
    config,
    identities,
    wsUrl: wsUrl.toString(),
    origin: opts.origin ?? base.origin,
    log,
    counters,
    scale: (ms) => ms * timeScale,
    abandonAfterMs,
    categoryWeights: weights,
    forget: (chat) => chats.delete(chat),
    busy: new Set(),
  };

  function arrive(): void {
    arrivalTimer = null;
    counters.arrivals++;
    try {
      if (chats.size >= maxConcurrent) {
        counters.skipped++;
      } else {
        const chat = new CustomerChat(world, nextChatNo++, rng.fork());
        chats.add(chat);
        chat.run();
      }
    } catch (err) {
      counters.errors++;
      log.warn({ err: errorText(err) }, 'simulator: could not start a customer');
    } finally {
      scheduleArrival();
    }
  }

  function scheduleArrival(): void {
    if (!running || chatsPerMinute <= 0) return;
    const meanGapMs = 60_000 / chatsPerMinute;
    const gap = -Math.log(1 - rng.next()) * meanGapMs;
    arrivalTimer = setTimeout(arrive, clampDelay(gap));
  }

  return {
    start() {
      if (running) return;
      running = true;
      if (lifecycle.signal.aborted) lifecycle = new AbortController();
      log.info({ chatsPerMinute, maxConcurrent, baseUrl: base.origin }, 'simulator: started');
      scheduleArrival();
    },
    async stop() {
      running = false;
      if (arrivalTimer) clearTimeout(arrivalTimer);
      arrivalTimer = null;
      lifecycle.abort(STOPPED);
      configCache = null;
      identityCache = null;
      const all = [...chats];
      for (const chat of all) chat.finish('stopped');
      await Promise.all(all.map((c) => c.closed));
      await Promise.allSettled([...inFlight]);
      log.info({ ...counters }, 'simulator: stopped');
    },
    stats: () => ({ ...counters, active: chats.size }),
  };
}

/** setTimeout fires at once for delays over 2^31-1 ms; keep every delay in range. */
function clampDelay(ms: number): number {
  return Number.isFinite(ms) ? Math.min(Math.max(0, ms), 2 ** 31 - 1) : 2 ** 31 - 1;
}

function errorText(err: unknown): string {
  if (err instanceof ApiError) return `${err.status} ${err.code}: ${err.message}`;
  if (err instanceof Error) return err.message;
  return String(err);
}

const ENDED = new Set(['resolved', 'closed']);

/** One simulated customer, from arrival to leaving. */
class CustomerChat {
  readonly closed: Promise<void>;
  private resolveClosed!: () => void;
  private readonly rng: Rng;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly abort = new AbortController();
  private done = false;
  private running: Promise<void> = Promise.resolve();
  private speech: Promise<void> = Promise.resolve();

  private ws: WebSocket | null = null;
  private token: string | null = null;
  /** The demo customer this chat is for, while it runs. */
  private customerId: string | null = null;
  private chat: ChatState | null = null;
  private category: Category = 'other';
  /** The language this customer writes in, and their tone (voices.ts). */
  private lang: Lang = 'en';
  private tone: Tone = 'neutral';
  private ctx: ScriptContext = { order: null, code: '', version: '', device: '' };
  private plannedReplies: string[] = [];
  private maxLength = MAX_MESSAGE_LENGTH;
  /** The technical-glitch screenshot, rendered while the customer types. */
  private screenshot: Promise<Buffer> | null = null;

  private opened = false;
  private exchanges = 0;
  private replyPending = false;
  private thanked = false;
  private rating = false;
  private agentAnswered = false;
  private waitedLong = false;
  private startedAt = 0;
  private reconnects = 0;
  private fatalSocket = false;
  private patienceTimer: NodeJS.Timeout | null = null;
  private readonly unacked = new Map<string, CustomerClientFrame>();
  private readonly seen = new Set<string>();

  constructor(
    private readonly world: World,
    private readonly no: number,
    rng: Rng,
  ) {
    this.rng = rng;
    this.closed = new Promise((resolve) => {
      this.resolveClosed = resolve;
    });
  }

  // ---- plumbing: timers that never throw, sleeps that end when the chat does ----

  private after(ms: number, fn: () => void | Promise<void>): NodeJS.Timeout | null {
    if (this.done) return null;
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.done) this.guard(fn);
    }, clampDelay(ms));
    this.timers.add(t);
    return t;
  }

  private cancel(t: NodeJS.Timeout | null): void {
    if (!t) return;
    clearTimeout(t);
    this.timers.delete(t);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.done) return reject(STOPPED);
      const signal = this.abort.signal;
      const onAbort = () => {
        clearTimeout(t);
        this.timers.delete(t);
        reject(STOPPED);
      };
      const t = setTimeout(() => {
        this.timers.delete(t);
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, clampDelay(ms));
      this.timers.add(t);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private guard(fn: () => void | Promise<void>): void {
    try {
      const r = fn();
      if (r instanceof Promise) r.catch((err: unknown) => this.fail(err, 'timer'));
    } catch (err) {
      this.fail(err, 'timer');
    }
  }

  private fail(err: unknown, step: string): void {
    if (isStopped(err, this.abort.signal)) return;
    this.world.counters.errors++;
    this.world.log.warn({ chat: this.no, reference: this.chat?.reference, step, err: errorText(err) }, 'simulator: customer hit an error');
  }

  private api(method: string, path: string, r: Omit<RequestOptions, 'signal' | 'token'> = {}): Promise<unknown> {
    return this.world.request(method, path, { ...r, token: this.token ?? undefined, signal: this.abort.signal });
  }

  /** Queues something the customer says or does; one thing at a time, in order. */
  private speak(task: () => Promise<void>): void {
    if (this.done) return;
    this.speech = this.speech.then(() => (this.done ? undefined : task())).catch((err: unknown) => this.fail(err, 'speaking'));
  }

  private get ended(): boolean {
    return this.chat !== null && ENDED.has(this.chat.status);
  }

  // ---- lifecycle ----

  run(): void {
    this.running = this.start().catch((err: unknown) => {
      this.fail(err, 'start');
      this.finish('error');
    });
  }

  private async start(): Promise<void> {
    const w = this.world;
    this.startedAt = Date.now();
    const [config, identities] = await Promise.all([w.config(), w.identities()]);
    if (this.done) return;
    if (config) this.maxLength = config.limits.maxMessageLength;
    const offered = new Set(config ? config.categories.map((c) => c.id) : []);
    const mix = config ? w.categoryWeights.filter(([c]) => offered.has(c)) : w.categoryWeights;
    this.category = this.rng.weighted(mix.length > 0 ? mix : w.categoryWeights);
    // Someone already chatting would join their own chat, not start another: pick someone else.
    const free = identities.filter((i) => !i.customerId || !w.busy.has(i.customerId));
    const identity = this.rng.pick(free.length > 0 ? free : identities);
    if (identity.customerId) {
      w.busy.add(identity.customerId);
      this.customerId = identity.customerId;
    }
    const script = SCRIPTS[this.category];
    const glitch = this.rng.pick(APP_GLITCHES);
    this.ctx = {
      order: script.needsOrder && identity.orderNumbers.length > 0 ? this.rng.pick(identity.orderNumbers) : null,
      code: glitch.errorCode,
      version: this.rng.pick(APP_VERSIONS),
      device: this.rng.pick(DEVICES),
    };
    const target = this.rng.intBetween(2, 4);
    this.plannedReplies = pickInOrder(this.rng, script.replies, target).map((l) => fill(l, this.ctx));
    // Customers write as the seeded history's do (docs/demo-world.md): a Nordic or German customer
    // often in their own language, some angry or happy, and the pre-chat pick sometimes wrong.
    const local = REGION_LANGUAGE[identity.regionId];
    this.lang = local && this.rng.chance(OWN_LANGUAGE_SHARE) ? local : 'en';
    this.tone = pickTone(this.rng, 'neutral');
    const own = fill(this.rng.pick(script.descriptions), this.ctx);
    const description = this.clip(openingFor(this.rng, this.category, '', this.lang, this.tone, own, { merchant: null, order: this.ctx.order, amount: null }));
    const picked = pickedCategory(this.rng, this.category);
    // A demo customer signs in through the demo signer, as the demo chat page does; outside
    // demo mode the simulated customer is an unverified visitor.
    const who = identity.customerId
      ? { identityToken: DemoIdentityTokenResponse.parse(await this.api('POST', 'api/chat/demo/identity', { json: { customerId: identity.customerId } })).identityToken }
      : { name: identity.name, email: identity.email, regionId: identity.regionId };
    if (this.done) return;
    const form = { ...who, category: picked, description, ...(this.ctx.order ? { orderNumber: this.ctx.order } : {}) };

    let started: StartChatResponse;
    try {
      started = StartChatResponse.parse(await this.api('POST', 'api/chat/start', { json: form satisfies StartChatRequest }));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'region_closed') {
        const res = (await this.api('POST', 'api/chat/email', { json: form satisfies EmailTicketRequest })) as { reference?: unknown };
        w.counters.emailTickets++;
        w.log.info({ chat: this.no, category: this.category, regionId: identity.regionId, reference: res?.reference }, 'simulator: region closed, sent an email ticket');
        this.finish('email');
        return;
      }
      throw err;
    }
    if (this.done) return;
    this.token = started.token;
    this.chat = started.chat;
    w.counters.started++;
    w.log.info({ chat: this.no, reference: started.chat.reference, category: this.category, regionId: identity.regionId }, 'simulator: chat started');
    this.resetPatience();
    this.connect();
    this.startGlitchScreenshot(glitch);
  }

  /** Renders the technical-glitch screenshot early, so it is ready when the customer sends it. */
  private startGlitchScreenshot(glitch: (typeof APP_GLITCHES)[number]): void {
    if (this.category !== 'technical_glitch') return;
    const p = renderAppScreenshot({ seed: this.rng.uint32(), errorCode: glitch.errorCode, title: glitch.title, message: glitch.message, appVersion: this.ctx.version });
    p.catch(() => {}); // awaited (and reported) when it is sent
    this.screenshot = p;
  }

  /** Ends this customer: timers cleared, requests aborted, socket closed. Idempotent. */
  finish(outcome: string): void {
    if (this.done) return;
    this.done = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.abort.abort(STOPPED);
    this.world.forget(this);
    // A chat that failed may still be under way on the desk: keep its customer out of new chats.
    if (this.customerId && outcome !== 'error') this.world.busy.delete(this.customerId);
    const socketClosed = new Promise<void>((resolve) => {
      const ws = this.ws;
      if (!ws || ws.readyState === WebSocket.CLOSED) return resolve();
      const kill = setTimeout(() => ws.terminate(), 2000);
      ws.once('close', () => {
        clearTimeout(kill);
        resolve();
      });
      if (ws.readyState !== WebSocket.CLOSING) ws.close(CLOSE_CODES.normal);
    });
    const settle = (p: Promise<unknown>) => p.then(
      () => undefined,
      () => undefined,
    );
    void Promise.all([socketClosed, settle(this.running), settle(this.speech), this.screenshot ? settle(this.screenshot) : undefined]).then(() => this.resolveClosed());
    if (outcome !== 'stopped') this.world.log.info({ chat: this.no, reference: this.chat?.reference, outcome }, 'simulator: customer left');
  }

  // ---- the socket ----

  private connect(): void {
    if (this.done || !this.token) return;
    const ws = new WebSocket(this.world.wsUrl, { origin: this.world.origin, handshakeTimeout: 10_000, maxPayload: 1 << 20 });
    this.ws = ws;
    ws.on('open', () => this.send({ type: 'auth', token: this.token ?? '' }));
    ws.on('message', (data: RawData, isBinary: boolean) => this.guard(() => this.onFrame(data, isBinary)));
    ws.on('error', (err: Error) => {
      if (this.done) return;
      if (/Unexpected server response: 4\d\d/.test(err.message)) this.fatalSocket = true;
      this.fail(err, 'socket');
    });
    ws.on('close', (code: number) => this.guard(() => this.onSocketClosed(ws, code)));
  }

  private onSocketClosed(ws: WebSocket, code: number): void {
    if (ws !== this.ws || this.done) return;
    this.ws = null;
    if (this.ended || this.rating) {
      // The server closed the socket of an ended chat: rating and leaving need only HTTP.
      if (!this.rating) this.guard(() => this.rate());
      return;
    }
    const refused = code === CLOSE_CODES.unauthorized || code === CLOSE_CODES.sessionRevoked || code === CLOSE_CODES.authTimeout;
    if (refused || this.fatalSocket || this.reconnects >= 3) {
      this.fail(new Error(`chat socket closed (${code}) and will not reconnect`), 'socket');
      this.finish('error');
      return;
    }
    this.reconnects++;
    this.after(500 * 2 ** this.reconnects, () => this.connect());
  }

  private send(frame: CustomerClientFrame): boolean {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    ws.send(JSON.stringify(frame));
    return true;
  }

  private onFrame(data: RawData, isBinary: boolean): void {
    if (isBinary || this.done) return;
    let frame: { type?: unknown; [k: string]: unknown };
    try {
      frame = JSON.parse(String(data)) as typeof frame;
    } catch {
      throw new Error('the server sent a frame that is not JSON');
    }
    switch (frame.type) {
      case 'ready': {
        const chat = ChatState.parse(frame.chat);
        const messages = CustomerMessage.array().parse(frame.messages);
        this.reconnects = 0;
        // After a reconnect: resend what was never acknowledged (same clientMsgId, so no duplicates).
        for (const f of this.unacked.values()) this.send(f);
        let latestAgent: CustomerMessage | null = null;
        for (const m of messages) {
          if (this.seen.has(m.id)) continue;
          this.seen.add(m.id);
          if (m.authorKind === 'customer' && m.clientMsgId) this.unacked.delete(m.clientMsgId);
          if (m.authorKind === 'agent') latestAgent = m;
        }
        this.onChatState(chat);
        if (latestAgent) this.onAgentMessage(latestAgent);
        if (!this.opened && !this.ended) {
          this.opened = true;
          this.openConversation();
        }
        return;
      }
      case 'message': {
        const m = CustomerMessage.parse(frame.message);
        if (this.seen.has(m.id)) return;
        this.seen.add(m.id);
        if (m.authorKind === 'customer' && m.clientMsgId) this.unacked.delete(m.clientMsgId);
        if (m.authorKind === 'agent') this.onAgentMessage(m);
        return;
      }
      case 'ack':
        if (typeof frame.clientMsgId === 'string') this.unacked.delete(frame.clientMsgId);
        return;
      case 'chat':
        this.onChatState(ChatState.parse(frame.chat));
        return;
      case 'error':
        // A refused message is named; resending it after a reconnect would only be refused again.
        if (typeof frame.clientMsgId === 'string') this.unacked.delete(frame.clientMsgId);
        this.world.counters.errors++;
        this.world.log.warn({ chat: this.no, reference: this.chat?.reference, code: frame.code, message: frame.message }, 'simulator: server sent an error frame');
        return;
      default:
        // typing, pong, and frame types added later: nothing to do.
        return;
    }
  }

  // ---- the conversation ----

  private openConversation(): void {
    const script = SCRIPTS[this.category];
    // The scripts' follow-up lines are English: a customer writing their own language adds none, an angry one complains again.
    const lines = this.lang === 'en' ? this.rng.pick(script.openers).map((l) => fill(l, this.ctx)) : [];
    if (this.tone === 'angry') lines.push(angryLater(this.rng, this.lang));
    const pasteCard = this.category === 'payment_delay' && this.rng.chance(CARD_PASTE_SHARE);
    const cardLine = pasteCard ? cardPasteLine(this.rng) : null;
    this.speak(async () => {
      await this.sleep(this.world.scale(this.rng.between(2000, 8000)));
      for (const line of lines) await this.say(line);
      if (this.screenshot) await this.sendScreenshot(this.screenshot);
      if (cardLine) await this.say(cardLine);
    });
  }

  /** Uploads the screenshot (PUT /api/chat/attachments), then sends a message that references it. */
  private async sendScreenshot(rendering: Promise<Buffer>): Promise<void> {
    if (this.ended) return;
    const png = await rendering;
    if (this.done) return;
    const filename = `Screenshot_${new Date(Date.now() - this.rng.int(600_000)).toISOString().slice(0, 19).replace(/[-:T]/g, '')}.png`;
    const res = (await this.api('PUT', 'api/chat/attachments', { raw: { body: png, contentType: 'image/png' }, headers: { 'x-filename': filename } })) as {
      attachment?: { id?: unknown };
    };
    const id = res?.attachment?.id;
    if (typeof id !== 'string') throw new Error('the upload answer has no attachment id');
    this.world.counters.uploads++;
    await this.say(this.rng.pick(SCREENSHOT_LINES), [id]);
  }

  /** Thinks, types (typing frame), sends one message. Nothing is said into an ended chat. */
  private async say(text: string, attachmentIds?: string[]): Promise<void> {
    if (this.done || this.ended) return;
    const body = this.clip(text);
    await this.sleep(this.world.scale(this.rng.between(500, 2500)));
    if (this.ended) return;
    this.send({ type: 'typing', typing: true });
    const typingMs = Math.min(25_000, (body.length / this.rng.between(3.5, 6.5)) * 1000);
    await this.sleep(this.world.scale(typingMs));
    if (this.ended) {
      this.send({ type: 'typing', typing: false });
      return;
    }
    const frame: CustomerClientFrame = { type: 'message', clientMsgId: newClientMsgId(), body, ...(attachmentIds?.length ? { attachmentIds } : {}) };
    this.unacked.set(frame.clientMsgId, frame);
    this.send(frame); // when the socket is down, the reconnect's `ready` resends it
    this.world.counters.messagesSent++;
    this.send({ type: 'typing', typing: false });
  }

  private onAgentMessage(m: CustomerMessage): void {
    if (!this.agentAnswered) {
      this.agentAnswered = true;
      this.waitedLong = Date.now() - this.startedAt > this.world.abandonAfterMs * 0.6;
    }
    this.resetPatience();
    if (this.thanked || this.ended) return;
    const readMs = 1200 + Math.min(8000, (m.body.length / 25) * 1000);
    if (CLOSING_LINE.test(m.body) || this.exchanges >= this.plannedReplies.length) {
      this.thanked = true;
      this.replyPending = false;
      this.speak(async () => {
        await this.sleep(this.world.scale(readMs));
        await this.say(this.rng.pick(THANKS_LINES));
        // If the agent does not resolve the chat, the customer leaves (and rates) after a while.
        this.after(this.world.scale(this.rng.between(60_000, 180_000)), () => this.leaveAndRate());
      });
      return;
    }
    if (this.replyPending) return; // one answer covers a burst of agent messages
    this.replyPending = true;
    this.speak(async () => {
      await this.sleep(this.world.scale(readMs));
      this.replyPending = false;
      const line = this.plannedReplies[this.exchanges] ?? 'Okay, I see.';
      this.exchanges++;
      await this.say(line);
    });
  }

  private onChatState(chat: ChatState): void {
    this.chat = chat;
    if (!ENDED.has(chat.status) || this.rating) return;
    this.cancel(this.patienceTimer);
    if (chat.csat !== null) {
      this.rating = true;
      this.finish('already rated');
      return;
    }
    this.rating = true;
    this.after(this.world.scale(this.rng.between(2000, 8000)), () => this.rate());
  }

  private resetPatience(): void {
    this.cancel(this.patienceTimer);
    this.patienceTimer = this.after(this.world.abandonAfterMs, () => this.giveUp());
  }

  /** Nobody answered (or the agent went quiet) for too long: leave. */
  private async giveUp(): Promise<void> {
    if (this.ended || this.rating) return;
    if (this.agentAnswered) {
      this.waitedLong = true;
      await this.leaveAndRate();
      return;
    }
    this.rating = true; // a customer who never got an answer does not rate
    this.world.counters.abandoned++;
    try {
      await this.api('POST', 'api/chat/end');
      this.world.log.info({ chat: this.no, reference: this.chat?.reference, category: this.category }, 'simulator: nobody answered, customer left');
    } catch (err) {
      this.fail(err, 'leaving');
    }
    this.finish('abandoned');
  }

  /** The customer ends the chat (`POST /api/chat/end`) and rates it. */
  private async leaveAndRate(): Promise<void> {
    if (this.rating || this.done) return;
    this.rating = true;
    try {
      if (!this.ended) {
        const res = (await this.api('POST', 'api/chat/end')) as { chat?: unknown } | null;
        if (res?.chat) this.chat = ChatState.parse(res.chat);
      }
    } catch (err) {
      this.fail(err, 'leaving');
      this.finish('error');
      return;
    }
    await this.rate();
  }

  /** Posts the CSAT rating (mostly 4-5; lower after a long wait) and leaves. Never throws. */
  private async rate(): Promise<void> {
    if (this.done) return;
    this.rating = true;
    const rating = this.waitedLong
      ? this.rng.weighted([[5, 25], [4, 30], [3, 20], [2, 15], [1, 10]] as const)
      : this.rng.weighted([[5, 62], [4, 25], [3, 7], [2, 4], [1, 2]] as const);
    const mood = rating >= 4 ? 'good' : rating === 3 ? 'ok' : 'bad';
    const csat: CsatRequest = { rating, ...(this.rng.chance(0.35) ? { comment: this.rng.pick(CSAT_COMMENTS[mood]) } : {}) };
    try {
      try {
        await this.api('POST', 'api/chat/csat', { json: csat });
      } catch (err) {
        // A customer line that crossed the agent's "resolved" on the wire reopens the chat, and
        // the server then refuses the rating: the customer leaves (which resolves it) and rates.
        if (!(err instanceof ApiError && err.code === 'conflict')) throw err;
        await this.api('POST', 'api/chat/end');
        await this.api('POST', 'api/chat/csat', { json: csat });
      }
    } catch (err) {
      this.fail(err, 'rating');
      this.finish('error');
      return;
    }
    this.world.counters.rated++;
    this.world.log.info({ chat: this.no, reference: this.chat?.reference, category: this.category, rating }, 'simulator: customer rated the chat');
    this.finish('rated');
  }

  private clip(text: string): string {
    return text.length > this.maxLength ? text.slice(0, this.maxLength) : text;
  }
}

/** `n` items of `items` in their original order (conversation lines keep their logic). */
function pickInOrder<T>(rng: Rng, items: readonly T[], n: number): T[] {
  const idx = items.map((_, i) => i);
  for (let i = idx.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  return idx
    .slice(0, Math.min(n, items.length))
    .sort((a, b) => a - b)
    .map((i) => items[i]!);
}
