/**
 * Where a pull page's time goes in the desktop cache: every prepared statement timed by kind
 * over many pages (the same pages as tests/bench/cache.ts), next to the raw upsert.
 * `npx tsx tests/bench/cache-profile.ts`
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCache } from '../../src/main/cache/cache';
import { openCache } from '../../src/main/cache/db';
import type { MessageRow, TicketRow } from '../../src/shared/domain';
import type { Change } from '../../src/shared/protocol/sync';
const WORDS = (
  'the a to and my i is payment not you for it of on in have this was order please can refund we your be that with account ' +
  'help app card return installment due date late fee verification bank thanks hello checkout error plan paid amount week ' +
  'merchant package delivered still waiting email link code again why when how today yesterday money back sorry update'
).split(' ');

let seed = 1;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const zipfWord = () => WORDS[Math.min(WORDS.length - 1, Math.floor(WORDS.length * rand() ** 3))]!;
const rareToken = (n: number) => `zq${n.toString(36)}x`;

function ticket(i: number, at: string): TicketRow {
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

function message(n: number, ticketId: string, at: string): MessageRow {
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
function* pages(tickets: number, messagesPerTicket: number, pageSize: number, firstMessage = 0): Generator<Change[]> {
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

/** CPU=1: process CPU time (user + system), steadier than wall time on a shared machine. */
const clock = process.env.CPU
  ? () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    }
  : () => performance.now();
const totals = new Map<string, { ms: number; n: number }>();
let timing = false;
const origPrepare = Database.prototype.prepare;
(Database.prototype as unknown as { prepare: unknown }).prepare = function (this: Database.Database, sql: string) {
  const stmt = origPrepare.call(this, sql) as unknown as Record<string, (...a: unknown[]) => unknown>;
  const key = sql.replace(/\s+/g, ' ').trim().slice(0, 70);
  for (const m of ['run', 'get', 'all']) {
    const f = stmt[m]!.bind(stmt);
    stmt[m] = (...a: unknown[]) => {
      if (!timing) return f(...a);
      const t = clock();
      try {
        return f(...a);
      } finally {
        const e = totals.get(key) ?? { ms: 0, n: 0 };
        e.ms += clock() - t;
        e.n++;
        totals.set(key, e);
      }
    };
  }
  return stmt;
};

const dir = mkdtempSync(path.join(os.tmpdir(), 'agent-desk-cache-profile-'));
const db = openCache(path.join(dir, 'p.sqlite'));
const cache = createCache(db, path.join(dir, 'files'));
const PAGES = Number(process.env.PAGES ?? 200);
let i = 0;
let total = 0;
for (const page of pages(4000, 50, 500)) {
  const cursor = String(page[page.length - 1]!.seq);
  timing = i > 0;
  const t = clock();
  cache.applyPage(page, { cursor, epoch: 'bench' });
  if (i > 0) total += clock() - t;
  if (++i > PAGES) break;
}
const rows = [...totals].sort((a, b) => b[1].ms - a[1].ms);
console.log(`${PAGES} pages, ${(total / PAGES).toFixed(2)} ms a page`);
for (const [k, v] of rows) console.log(`${(v.ms / PAGES).toFixed(3).padStart(7)} ms/page  ${String(Math.round(v.n / PAGES)).padStart(4)}/page  ${k}`);
cache.close();
rmSync(dir, { recursive: true, force: true });
