/**
 * The desktop cache (QUALITY.md): applying a 500-change pull page, an initial sync of 10k
 * tickets / 200k messages, and local search over 1M cached messages — each next to raw
 * better-sqlite3 doing the same work in the same run.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCache, type Cache } from '../../src/main/cache/cache';
import { openCache } from '../../src/main/cache/db';
import type { Change } from '../../src/shared/protocol/sync';
import { pages, rand, rareToken, WORDS } from './cache-fixtures';

function rawDb(file: string) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE tickets (id TEXT PRIMARY KEY, version INTEGER, json TEXT);
           CREATE TABLE messages (pk INTEGER PRIMARY KEY, id TEXT UNIQUE, ticket_id TEXT, body TEXT, version INTEGER, json TEXT);
           CREATE INDEX messages_ticket ON messages (ticket_id, pk);`);
  const t = db.prepare('INSERT INTO tickets (id, version, json) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET version = excluded.version, json = excluded.json WHERE excluded.version > tickets.version');
  const m = db.prepare('INSERT INTO messages (id, ticket_id, body, version, json) VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET body = excluded.body, version = excluded.version, json = excluded.json WHERE excluded.version > messages.version');
  const apply = db.transaction((changes: Change[]) => {
    for (const c of changes) {
      if (c.op !== 'upsert') continue;
      if (c.entity === 'ticket') t.run(c.id, c.row.version, JSON.stringify(c.row));
      else if (c.entity === 'message') m.run(c.id, c.row.ticketId, c.row.body, c.row.version, JSON.stringify(c.row));
    }
  });
  return { db, apply };
}

const ms = (f: () => void) => {
  const t = performance.now();
  f();
  return performance.now() - t;
};
/** CPU time of the process (user + system): the work itself, steadier than wall time on a shared machine (no fsync wait, no time off the CPU). */
const cpuMs = (f: () => void) => {
  const t = process.cpuUsage();
  f();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1000;
};
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

export interface CacheBench {
  pageApply: { cacheMs: number; rawMs: number; ratio: number; cpu: { cacheMs: number; rawMs: number; ratio: number } };
  initialSync: { tickets: number; messages: number; cacheMs: number; rawMs: number; ratio: number };
  search: { messages: number; selective: { p50: number; p95: number; rawP50: number; rawP95: number }; common: { word: string; p50: number; p95: number; rawP50: number; rawP95: number } };
}

export function benchCache(opts: { syncTickets: number; syncMessagesPerTicket: number; searchMessages: number }): CacheBench {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'agent-desk-cache-bench-'));
  try {
    // 1. One 500-change page (fresh rows), median of 20 pages.
    const cache: Cache = createCache(openCache(path.join(dir, 'page.sqlite')), path.join(dir, 'files'));
    const raw = rawDb(path.join(dir, 'page-raw.sqlite'));
    const cacheTimes: number[] = [];
    const rawTimes: number[] = [];
    const cacheCpu: number[] = [];
    const rawCpu: number[] = [];
    let i = 0;
    for (const page of pages(400, 50, 500)) {
      const cursor = String(page[page.length - 1]!.seq);
      rawCpu.push(cpuMs(() => rawTimes.push(ms(() => raw.apply(page)))));
      cacheCpu.push(cpuMs(() => cacheTimes.push(ms(() => cache.applyPage(page, { cursor, epoch: 'bench' })))));
      if (++i >= 21) break;
    }
    for (const xs of [cacheTimes, rawTimes, cacheCpu, rawCpu]) xs.shift(); // warm-up
    const pageApply = {
      cacheMs: pct(cacheTimes, 0.5),
      rawMs: pct(rawTimes, 0.5),
      ratio: pct(cacheTimes, 0.5) / pct(rawTimes, 0.5),
      cpu: { cacheMs: pct(cacheCpu, 0.5), rawMs: pct(rawCpu, 0.5), ratio: pct(cacheCpu, 0.5) / pct(rawCpu, 0.5) },
    };
    cache.close();
    raw.db.close();

    // 2. Initial sync: every page of 10k tickets / 200k messages applied through the cache.
    const syncCache = createCache(openCache(path.join(dir, 'sync.sqlite')), path.join(dir, 'files'));
    const syncRaw = rawDb(path.join(dir, 'sync-raw.sqlite'));
    let cacheMs = 0;
    let rawMs = 0;
    for (const page of pages(opts.syncTickets, opts.syncMessagesPerTicket, 500)) {
      const cursor = String(page[page.length - 1]!.seq);
      rawMs += ms(() => syncRaw.apply(page));
      cacheMs += ms(() => syncCache.applyPage(page, { cursor, epoch: 'bench' }));
    }
    const initialSync = { tickets: opts.syncTickets, messages: opts.syncTickets * opts.syncMessagesPerTicket, cacheMs, rawMs, ratio: cacheMs / rawMs };
    syncCache.close();
    syncRaw.db.close();

    // 3. Search over N cached messages: a rare token (selective) and the commonest word.
    const searchCache = createCache(openCache(path.join(dir, 'search.sqlite')), path.join(dir, 'files'));
    const perTicket = 100;
    for (const page of pages(Math.ceil(opts.searchMessages / perTicket), perTicket, 2000)) searchCache.applyPage(page, { cursor: String(page[page.length - 1]!.seq), epoch: 'bench' });
    const rawQuery = searchCache.db.prepare(`SELECT rowid, snippet(messages_fts, 0, '[', ']', '…', 12) AS s FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rank LIMIT 50`);
    const time = (f: () => unknown, reps: number) => Array.from({ length: reps }, () => ms(() => void f()));
    const rare = Array.from({ length: 40 }, () => rareToken(Math.floor(rand() * opts.searchMessages)));
    const sel = rare.map((t) => ms(() => void searchCache.search(t, 50)));
    const selRaw = rare.map((t) => ms(() => void rawQuery.all(`"${t}"`)));
    const word = WORDS[0]!;
    const com = time(() => searchCache.search(word, 50), 10);
    const comRaw = time(() => rawQuery.all(`"${word}"`), 10);
    const search = {
      messages: opts.searchMessages,
      selective: { p50: pct(sel, 0.5), p95: pct(sel, 0.95), rawP50: pct(selRaw, 0.5), rawP95: pct(selRaw, 0.95) },
      common: { word, p50: pct(com, 0.5), p95: pct(com, 0.95), rawP50: pct(comRaw, 0.5), rawP95: pct(comRaw, 0.95) },
    };
    searchCache.close();
    return { pageApply, initialSync, search };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
