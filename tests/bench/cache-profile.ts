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
import { pages } from './cache-fixtures';
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
