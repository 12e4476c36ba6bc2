/**
 * The console under load, through the browser host against the real desktop services (the
 * desktop's offline cache, handlers and host bridge; QUALITY.md "Speed"):
 *
 * 1. A new message arriving while the chat list holds 100,000 tickets: the longest task the page
 *    runs (PerformanceObserver 'longtask', target: none over 50 ms) and the time from the change
 *    arriving to its row painted. Baseline: the same arrival with 100 tickets in the cache.
 * 2. The console ready with a warm cache: navigation to the chat list's rows painted and the open
 *    tabs restored (target <= 1 s in the browser host). Baseline: navigation to a blank page of
 *    the same host.
 * 3. The JS heap with 50 chats of 1,000 messages open, after a forced GC (target <= 200 MB).
 *    Baseline: the same console with no chat open.
 *
 * The agent's cache is filled directly through the cache API (pull pages applied as the sync
 * engine applies them) and the session stored as an earlier sign-in leaves it, so the desktop
 * resumes it on start; no desk server runs (the desktop is offline, which the console shows and
 * which changes nothing measured here). A message "arrives" as the sync engine delivers one: a
 * pull page applied to the same cache, then the events the runtime emits for it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { createCache } from '../../src/main/cache/cache';
import { openCache } from '../../src/main/cache/db';
import { createDesktop, type Desktop } from '../../src/main/desktop';
import { createHostServer, type HostServer } from '../../src/main/host/server';
import { createFileSecretStore } from '../../src/main/services/file-secret-store';
import { cacheFileFor } from '../../src/main/services/runtime';
import { createSessionStore } from '../../src/main/services/session-store';
import type { EventChannel } from '../../src/shared/api/channels';
import type { OpenTab } from '../../src/shared/api/contract';
import type { AgentRow, CustomerRow, MessageRow, TicketRow } from '../../src/shared/domain';
import type { Change } from '../../src/shared/protocol/sync';

const root = fileURLToPath(new URL('../..', import.meta.url));
const quiet = { info: () => {}, warn: () => {}, error: () => {} };
// Nothing listens there: the desktop starts offline and keeps retrying in the background.
const SERVER_URL = 'http://127.0.0.1:9';
const agent: AgentRow = { id: 'ag1', email: 'maja@desk.example', name: 'Maja Lindqvist', role: 'agent', tier: 1, regions: ['se'], capacity: 60, presence: 'away', presenceReason: null };
const FIRST = ['Anna', 'Erik', 'Lena', 'Omar', 'Sofia', 'Jonas', 'Maja', 'Karl', 'Elin', 'Nils'];
const LAST = ['Kowalska', 'Johansson', 'Müller', 'Haddad', 'Lind', 'Berg', 'Nowak', 'Ek', 'Holm', 'Sandberg'];
const WORDS = 'payment refund order plan instalment fee due date card bank transfer app account verification merchant delivery return week today thanks please help still waiting'.split(' ');

export interface Stats {
  samples: number;
  medianMs: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
}
const stats = (xs: number[]): Stats => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return { samples: s.length, medianMs: at(0.5), p95Ms: at(0.95), minMs: s[0] ?? 0, maxMs: s[s.length - 1] ?? 0 };
};

export interface ArrivalResult {
  tickets: number;
  /** Rows the chat list holds (the virtualiser's count) when the message arrives. */
  listRows: number;
  /** The count the view tab shows beside its name (the view's length, e.g. "100K"). */
  viewCount: string;
  /** From the change reaching the page to its row painted with the new text. */
  toPainted: Stats;
  /** The longest task the page ran while each arrival was handled (0 when none over 50 ms). */
  longestTaskMs: Stats;
  longTasksOver50: number;
}
export interface ConsoleLoadResult {
  arrival: { big: ArrivalResult; baseline: ArrivalResult; ratio: number };
  ready: { warm: Stats; blank: Stats; ratio: number; tickets: number; tabs: number; desktopStartMs: number };
  heap: {
    tabs: number;
    messagesPerChat: number;
    /** Chats whose thread the page read, and the messages it read (the newest page of each, as the console pages). */
    heldChats: number;
    messagesHeld: number;
    withChatsMb: number;
    emptyMb: number;
    ratio: number;
  };
}

// ---- the agent's cache, as an earlier run left it --------------------------------------------------

interface World {
  tickets: number;
  /** The first `heavy` tickets have `heavyMessages` messages each; the rest a few. */
  heavy: number;
  heavyMessages: number;
}

const T0 = Date.parse('2026-11-20T08:00:00Z');
const ticketId = (i: number) => `t${String(i).padStart(6, '0')}`;

function* changes(w: World, pageSize: number): Generator<Change[]> {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const sentence = () => Array.from({ length: 4 + Math.floor(rand() * (rand() < 0.2 ? 60 : 16)) }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' ');
  const customers = Math.min(w.tickets, 5000);
  let seq = 0;
  let page: Change[] = [];
  const push = (c: Change) => {
    page.push(c);
    return page.length >= pageSize;
  };
  for (let c = 0; c < customers; c++) {
    const row: CustomerRow = {
      id: `c${c}`, name: `${FIRST[c % 10]} ${LAST[Math.floor(c / 10) % 10]}`, email: `c${c}@example.com`, phone: '+46701234567', locale: 'sv-SE', timeZone: 'Europe/Stockholm',
      regionId: 'se', country: 'SE', currency: 'SEK', device: null, riskFlags: [], createdAt: new Date(T0 - 9e9).toISOString(), identity: 'verified', version: 1,
    };
    if (push({ entity: 'customer', op: 'upsert', id: row.id, seq: ++seq, row })) {
      yield page;
      page = [];
    }
  }
  for (let i = 0; i < w.tickets; i++) {
    const id = ticketId(i);
    const n = i < w.heavy ? w.heavyMessages : 3;
    // Older tickets further down; the heavy ones (the open tabs) are the most recent.
    const last = T0 - i * 60_000;
    const at = (k: number) => new Date(last - (n - 1 - k) * 30_000).toISOString();
    const row: TicketRow = {
      id, reference: `BN${String(i).padStart(6, '0').slice(-2)}-X7QP`, customerId: `c${i % customers}`, channel: 'chat', category: 'payment_delay', status: 'open', priority: 'normal', tier: 1,
      regionId: 'se', assigneeId: agent.id, subject: 'Payment not showing', orderNumber: null, createdAt: at(0), offeredAt: at(0), acceptedAt: at(0), firstResponseAt: at(1), resolvedAt: null,
      lastMessageAt: at(n - 1), csat: null, isComplaint: false, complaintDueAt: null, linkedTicketId: null, waitingSince: null, replyDueAt: null, version: 1,
    };
    if (push({ entity: 'ticket', op: 'upsert', id, seq: ++seq, row })) {
      yield page;
      page = [];
    }
    for (let k = 0; k < n; k++) {
      // Ends on the agent's reply: nothing waits, so a customer's new message goes to the top.
      const kind = k === n - 1 ? 'agent' : k % 97 === 0 ? 'system' : k % 2 === 0 ? 'customer' : 'agent';
      const m: MessageRow = {
        id: `${id}-m${String(k).padStart(4, '0')}`, ticketId: id, authorKind: kind, authorId: kind === 'customer' ? null : agent.id, authorName: kind === 'customer' ? 'Customer' : agent.name,
        body: kind === 'system' ? 'Category changed to Payment delay.' : sentence(), clientMsgId: null, attachmentIds: [], createdAt: at(k), version: 1,
      };
      if (push({ entity: 'message', op: 'upsert', id: m.id, seq: ++seq, row: m })) {
        yield page;
        page = [];
      }
    }
  }
  if (page.length) yield page;
}

/** A user-data folder holding a stored session and the agent's filled cache. */
function prepareUserData(w: World, tabs: OpenTab[]): { dir: string; fillMs: number } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'agent-desk-bench-load-'));
  const secrets = createFileSecretStore(path.join(dir, 'session-token'));
  createSessionStore(path.join(dir, 'session.json'), secrets).signIn(SERVER_URL, agent, 'bench-token');
  const cacheDir = path.join(dir, 'cache');
  const t = performance.now();
  const cache = createCache(openCache(cacheFileFor(cacheDir, SERVER_URL, agent.id)), path.join(cacheDir, 'files'));
  for (const page of changes(w, 5000)) cache.applyPage(page, { cursor: String(page[page.length - 1]!.seq), epoch: 'bench' });
  cache.tabs.save({ tabs, activeId: tabs[0]?.ticketId ?? null, closed: [] });
  cache.close();
  return { dir, fillMs: performance.now() - t };
}

// ---- the desktop behind the browser host -------------------------------------------------------

interface Running {
  desktop: Desktop;
  host: HostServer;
  /** Emits an event as the runtime does after the sync engine applied a page. */
  emit(channel: EventChannel, payload: unknown): void;
  /** Messages the page has read per chat (messages:page answers), since the last reset. */
  loaded: Map<string, number>;
  startMs: number;
}

/**
 * What startBrowserHost does (the desktop's services resuming the stored session, the host
 * serving the built renderer and bridging the API), plus one more event source: the bench's
 * arrivals, emitted the way the runtime emits the sync engine's.
 */
async function startDesktop(userDataDir: string, rendererDir: string): Promise<Running> {
  const t = performance.now();
  const desktop = await createDesktop({ userDataDir, secrets: createFileSecretStore(path.join(userDataDir, 'session-token')), log: quiet, serverUrl: SERVER_URL });
  const extra = new Set<(c: EventChannel, p: unknown) => void>();
  const loaded = new Map<string, number>();
  const host = await createHostServer({
    async dispatch(channel, input) {
      const r = await desktop.dispatch(channel, input);
      if (channel === 'messages:page' && r.ok) {
        const id = (input as { ticketId: string }).ticketId;
        loaded.set(id, (loaded.get(id) ?? 0) + (r.value as { messages: unknown[] }).messages.length);
      }
      return r;
    },
    onEvent(listener) {
      const off = desktop.onEvent(listener);
      extra.add(listener);
      return () => {
        off();
        extra.delete(listener);
      };
    },
    rendererDir,
    log: quiet,
  });
  return { desktop, host, loaded, emit: (c, p) => extra.forEach((l) => l(c, p)), startMs: performance.now() - t };
}

async function closeDesktop(r: Running | null): Promise<void> {
  await r?.host.close();
  await r?.desktop.close();
}

// ---- in the page -----------------------------------------------------------------------------------

/**
 * Runs before the page's own scripts: records when the chat list shows rows and the tab strip
 * holds `tabs` tabs, at the end of the frame that painted them (ms since navigation start).
 * A string: tsx's name-keeping helper does not exist in the page.
 */
const readyProbe = (tabs: number) => `(() => {
  window.__ready = null;
  const done = () => {
    const rows = document.querySelectorAll('.chat-list [role="option"]').length;
    const open = document.querySelectorAll('[aria-label="Open chats"] [role="tab"]').length;
    return rows > 0 && open === ${tabs};
  };
  const ch = new MessageChannel();
  ch.port1.onmessage = () => { window.__ready = performance.now(); };
  const start = () => {
    const mo = new MutationObserver(() => {
      if (window.__ready !== null || !done()) return;
      mo.disconnect();
      window.__ready = -1;
      requestAnimationFrame(() => ch.port2.postMessage(null));
    });
    mo.observe(document, { childList: true, subtree: true });
  };
  if (document.documentElement) start(); else document.addEventListener('readystatechange', start, { once: true });
})()`;

/**
 * Also before the page's scripts: long tasks, the host bridge's event frames of a change (a
 * listener added when the socket is made, so it runs before the app's), and, per arrival, when
 * the row with the awaited text was painted.
 */
const arrivalProbe = `(() => {
  window.__long = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push({ start: e.startTime, duration: e.duration }); }).observe({ type: 'longtask' });
  window.__frames = [];
  const Real = window.WebSocket;
  window.WebSocket = class extends Real {
    constructor(...args) {
      super(...args);
      // Only the arrival's own events (the engine's status events while offline are not it).
      this.addEventListener('message', (ev) => {
        const d = String(ev.data);
        if (d.includes('"tickets:changed"') || d.includes('"messages:changed"')) window.__frames.push(performance.now());
      });
    }
  };
  window.__arrivals = [];
  const ch = new MessageChannel();
  ch.port1.onmessage = () => { window.__arrivals[window.__arrivals.length - 1].painted = performance.now(); };
  window.__await = (text, ticketId) => {
    window.__arrivals.push({ painted: null });
    const mo = new MutationObserver(() => {
      const row = document.getElementById('chat-row-' + ticketId);
      if (!row || !row.textContent.includes(text)) return;
      mo.disconnect();
      requestAnimationFrame(() => ch.port2.postMessage(null));
    });
    mo.observe(document.querySelector('.chat-list'), { childList: true, subtree: true, characterData: true });
  };
})()`;

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize / 1024 / 1024;
}

const newPage = (browser: Browser) => browser.newPage({ viewport: { width: 1440, height: 900 } });

async function timeReady(browser: Browser, url: string, tabs: number): Promise<number> {
  const page = await newPage(browser);
  await page.addInitScript(readyProbe(tabs));
  await page.goto(url);
  await page.waitForFunction(() => ((window as unknown as { __ready: number | null }).__ready ?? -1) > 0, null, { polling: 20, timeout: 30_000 });
  const ms = await page.evaluate(() => (window as unknown as { __ready: number }).__ready);
  await page.close();
  return ms;
}

async function timeBlank(browser: Browser, url: string): Promise<number> {
  const page = await newPage(browser);
  await page.goto(url);
  // A string: tsx's name-keeping helper does not exist in the page.
  const ms = (await page.evaluate(`new Promise((resolve) => {
    const fcp = () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
    if (fcp() !== undefined) return resolve(fcp());
    new PerformanceObserver(() => resolve(fcp() ?? performance.now())).observe({ type: 'paint', buffered: true });
  })`)) as number;
  await page.close();
  return ms;
}

/** A customer writes in ticket `i`: a pull page into the cache, then the runtime's events. */
function arrive(run: Running, i: number, text: string, n: number): void {
  const id = ticketId(i);
  const rt = run.desktop.runtime();
  if (!rt) throw new Error('the desktop did not resume the stored session');
  const at = new Date(Date.now()).toISOString();
  const row: MessageRow = { id: `${id}-arrival-${n}`, ticketId: id, authorKind: 'customer', authorId: null, authorName: 'Customer', body: text, clientMsgId: null, attachmentIds: [], createdAt: at, version: 1 };
  const ticket = rt.cache.tickets.get(id)!;
  const page: Change[] = [
    { entity: 'ticket', op: 'upsert', id, seq: 10_000_000 + 2 * n, row: { ...ticket, lastMessageAt: at, waitingSince: at, version: ticket.version + 1 } },
    { entity: 'message', op: 'upsert', id: row.id, seq: 10_000_001 + 2 * n, row },
  ];
  const fx = rt.cache.applyPage(page, { cursor: String(10_000_001 + 2 * n), epoch: 'bench' });
  for (const ticketId of fx.messageTicketIds) run.emit('messages:changed', { ticketId });
  run.emit('tickets:changed', { ticketIds: fx.ticketIds });
}

async function measureArrivals(browser: Browser, run: Running, tickets: number, openTabs: number, count: number): Promise<ArrivalResult> {
  const page = await newPage(browser);
  await page.addInitScript(readyProbe(openTabs));
  await page.addInitScript(arrivalProbe);
  await page.goto(run.host.url);
  await page.waitForFunction(() => ((window as unknown as { __ready: number | null }).__ready ?? -1) > 0, null, { polling: 50, timeout: 60_000 });
  await page.waitForTimeout(2000);
  const { listRows, viewCount } = await page.evaluate(() => {
    const space = document.querySelector('.chat-list .virtual-space') as HTMLElement | null;
    const row = document.querySelector('.chat-list .virtual-item') as HTMLElement | null;
    return {
      listRows: space && row ? Math.round(space.getBoundingClientRect().height / row.getBoundingClientRect().height) : 0,
      viewCount: document.querySelector('.view-tab.is-selected .view-tab__count')?.textContent ?? '',
    };
  });
  const toPainted: number[] = [];
  const longest: number[] = [];
  let over = 0;
  for (let n = 0; n < count; n++) {
    // A ticket far down the list (off screen), so its row has to move to the top.
    const i = Math.min(tickets - 1, 60 + Math.floor(((n + 1) * (tickets - 61)) / (count + 1)));
    const text = `arrival ${n} zq${n.toString(36)}x: is my payment through yet`;
    const mark = await page.evaluate(([t, id]) => {
      (window as unknown as { __await(t: string, id: string): void }).__await(t, id);
      return performance.now();
    }, [text, ticketId(i)] as const);
    arrive(run, i, text, n);
    await page.waitForFunction((k) => (window as unknown as { __arrivals: { painted: number | null }[] }).__arrivals[k]?.painted != null, n, { polling: 20, timeout: 30_000 });
    await page.waitForTimeout(400); // tasks the arrival set off after the paint count too
    const r = await page.evaluate(
      ([k, from]) => {
        const w = window as unknown as { __arrivals: { painted: number }[]; __long: { start: number; duration: number }[]; __frames: number[] };
        return { painted: w.__arrivals[k]!.painted, arrived: w.__frames.find((f) => f >= from) ?? null, long: w.__long.filter((e) => e.start >= from).map((e) => e.duration) };
      },
      [n, mark] as const,
    );
    if (r.arrived === null) throw new Error('no socket frame reached the page for the arrival');
    toPainted.push(r.painted - r.arrived);
    longest.push(r.long.length ? Math.max(...r.long) : 0);
    over += r.long.filter((d) => d > 50).length;
  }
  await page.close();
  return { tickets, listRows, viewCount, toPainted: stats(toPainted), longestTaskMs: stats(longest), longTasksOver50: over };
}

async function waitAllHeld(page: Page, tabs: number): Promise<void> {
  await page.waitForFunction((n) => document.querySelectorAll('[aria-label="Open chats"] [role="tab"]').length === n, tabs, { timeout: 60_000 });
  await page.waitForFunction(() => document.querySelector('[role="log"]')?.getAttribute('aria-busy') === 'false', null, { timeout: 60_000 });
  await page.waitForTimeout(4000); // every tab's chat loads in the background after the strip
}

export interface ConsoleLoadOptions {
  bigTickets?: number;
  baselineTickets?: number;
  tabs?: number;
  messagesPerChat?: number;
  readyTabs?: number;
  arrivals?: number;
  readyRuns?: number;
}

export async function benchConsoleLoad(o: ConsoleLoadOptions = {}): Promise<ConsoleLoadResult> {
  const bigTickets = o.bigTickets ?? 100_000;
  const baselineTickets = o.baselineTickets ?? 100;
  const tabs = o.tabs ?? 50;
  const messagesPerChat = o.messagesPerChat ?? 1000;
  const readyTabs = o.readyTabs ?? 8;
  const arrivals = o.arrivals ?? 12;
  const readyRuns = o.readyRuns ?? 7;
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'agent-desk-bench-renderer-'));
  const dirs: string[] = [outDir];
  let browser: Browser | null = null;
  let run: Running | null = null;
  const tabList = (n: number): OpenTab[] => Array.from({ length: n }, (_, i) => ({ ticketId: ticketId(i), mode: 'reply', scroll: null }));
  try {
    await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
    writeFileSync(path.join(outDir, 'blank.html'), '<!doctype html><html lang="en"><meta charset="utf-8"><title>Blank</title><p>Blank page</p></html>');
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });

    // ---- the baseline cache: 100 tickets ---------------------------------------------------------
    const small = prepareUserData({ tickets: baselineTickets, heavy: readyTabs, heavyMessages: 100 }, tabList(readyTabs));
    dirs.push(small.dir);
    run = await startDesktop(small.dir, outDir);
    const baseline = await measureArrivals(browser, run, baselineTickets, readyTabs, arrivals);
    await closeDesktop(run);
    run = null;

    // ---- 100,000 tickets, the first 50 with 1,000 messages each ---------------------------------
    const big = prepareUserData({ tickets: bigTickets, heavy: tabs, heavyMessages: messagesPerChat }, tabList(readyTabs));
    dirs.push(big.dir);
    run = await startDesktop(big.dir, outDir);
    const desktopStartMs = run.startMs;
    // Ready: a blank page and the console, alternately, so both see the same machine.
    await timeBlank(browser, `${run.host.url}blank.html`);
    await timeReady(browser, run.host.url, readyTabs); // warm-up: the first load compiles the bundle
    const warm: number[] = [];
    const blank: number[] = [];
    for (let k = 0; k < readyRuns; k++) {
      blank.push(await timeBlank(browser, `${run.host.url}blank.html`));
      warm.push(await timeReady(browser, run.host.url, readyTabs));
    }
    const bigArrival = await measureArrivals(browser, run, bigTickets, readyTabs, arrivals);

    // ---- heap: 50 chats open, then none --------------------------------------------------------
    const cache = run.desktop.runtime()!.cache;
    cache.tabs.save({ tabs: tabList(tabs), activeId: ticketId(0), closed: [] });
    let page = await newPage(browser);
    run.loaded.clear();
    await page.goto(run.host.url);
    await waitAllHeld(page, tabs);
    const withChatsMb = await heapMb(page);
    const heldChats = run.loaded.size;
    const messagesHeld = [...run.loaded.values()].reduce((x, y) => x + y, 0);
    await page.close();
    cache.tabs.save({ tabs: [], activeId: null, closed: [] });
    page = await newPage(browser);
    await page.goto(run.host.url);
    await page.locator('.chat-list [role="option"]').first().waitFor();
    await page.waitForTimeout(3000);
    const emptyMb = await heapMb(page);
    await page.close();

    const w = stats(warm);
    const b = stats(blank);
    return {
      arrival: { big: bigArrival, baseline, ratio: bigArrival.toPainted.medianMs / Math.max(0.001, baseline.toPainted.medianMs) },
      ready: { warm: w, blank: b, ratio: w.medianMs / Math.max(0.001, b.medianMs), tickets: bigTickets, tabs: readyTabs, desktopStartMs },
      heap: { tabs, messagesPerChat, heldChats, messagesHeld, withChatsMb, emptyMb, ratio: withChatsMb / emptyMb },
    };
  } finally {
    await closeDesktop(run);
    await browser?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

// `npx tsx tests/bench/console-load.ts` runs it alone.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const r = await benchConsoleLoad({ bigTickets: Number(process.env.BENCH_LIST_TICKETS ?? 100_000) });
  console.log(JSON.stringify(r, null, 2));
}
