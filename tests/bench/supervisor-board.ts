/**
 * The supervisor board's cost (issue 8, "Benchmark"): a desk with 1,000 agents and 10,000 open
 * cases (plus 20,000 resolved ones, so the live cases are a minority as on a real desk), the
 * board recomputed as the board feed does it (`readBoard` in one read transaction), next to a
 * plain `SELECT count(*) FROM tickets` in the same run, interleaved. Also the figures of today
 * and of 30 days (computed on request, cached 5 s). On SQLite (a database file, WAL) and on
 * PostgreSQL unless BENCH_POSTGRES=0 or it is not installed.
 *
 *   npx tsx tests/bench/supervisor-board.ts      (or BENCH_ONLY=board npm run bench)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { CATEGORIES, CHANNELS } from '../../src/shared/domain';
import { createSqliteAsyncStore, type AsyncStore } from '../../src/server/storage/async-store';
import { openDatabase } from '../../src/server/storage/db';
import { migratePostgres } from '../../src/server/storage/postgres/migrations';
import { createPostgresAsyncStore } from '../../src/server/storage/postgres/store';
import { createStore } from '../../src/server/storage/store';
import { readBoard } from '../../src/server/supervisor/board';
import { computeFigures, fetchSince } from '../../src/server/supervisor/figures';
import { postgresMissing, startPostgres } from '../helpers/postgres';

const AGENTS = Number(process.env.BENCH_BOARD_AGENTS ?? 1000);
const OPEN = Number(process.env.BENCH_BOARD_OPEN ?? 10_000);
const RESOLVED = Number(process.env.BENCH_BOARD_RESOLVED ?? 20_000);
const CUSTOMERS = 5000;
const ROUNDS = Number(process.env.BENCH_BOARD_ROUNDS ?? 60);
const REGIONS = [
  ['eu-north', 'Europe/Stockholm', 300],
  ['eu-central', 'Europe/Berlin', 420],
  ['uk', 'Europe/London', 300],
  ['na', 'America/New_York', 480],
  ['au', 'Australia/Sydney', 600],
] as const;
const NOW = Date.now();
const iso = (ms: number) => new Date(ms).toISOString();

/** A deterministic pseudo-random sequence (the same desk on both engines). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

type Row = Record<string, string | number | null>;

function desk(): Record<string, Row[]> {
  const r = rng(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const regions: Row[] = REGIONS.map(([id, tz, target]) => ({ id, name: id, time_zone: tz, locale: 'en-GB', currency: 'EUR', hours_json: '{}', first_response_target_sec: target }));
  const agents: Row[] = [];
  for (let i = 0; i < AGENTS; i++) {
    const region = REGIONS[i % REGIONS.length]![0];
    const roll = r();
    agents.push({
      id: `a${String(i).padStart(5, '0')}`,
      email: `a${i}@bench.example`,
      name: `Agent ${i}`,
      role: i % 100 === 0 ? 'supervisor' : 'agent',
      tier: 1,
      regions_json: JSON.stringify([region]),
      capacity: 6,
      presence: roll < 0.7 ? 'available' : roll < 0.85 ? 'away' : 'offline',
      password_hash: 'x',
      created_at: iso(NOW - 86_400_000 * 90),
    });
  }
  const customers: Row[] = [];
  for (let i = 0; i < CUSTOMERS; i++) {
    const region = REGIONS[i % REGIONS.length]!;
    customers.push({ id: `c${i}`, name: `C ${i}`, email: `c${i}@bench.example`, phone: '0', locale: 'en-GB', time_zone: region[1], region_id: region[0], country: 'SE', currency: 'EUR', created_at: iso(NOW - 86_400_000 * 100) });
  }
  const tickets: Row[] = [];
  const working = agents.filter((a) => a.role === 'agent');
  for (let i = 0; i < OPEN + RESOLVED; i++) {
    const customer = customers[Math.floor(r() * customers.length)]!;
    const region = customer.region_id as string;
    const live = i < OPEN;
    const channel = r() < 0.8 ? 'chat' : pick(CHANNELS);
    const created = live ? NOW - Math.floor(r() * 3_600_000) : NOW - Math.floor(r() * 86_400_000 * 30);
    const status = live ? pick(['queued', 'open', 'open', 'open', 'pending'] as const) : pick(['resolved', 'closed'] as const);
    const assignee = status === 'queued' ? null : (pick(working.filter((a) => JSON.parse(a.regions_json as string)[0] === region)).id as string);
    const waiting = live && status !== 'pending' && r() < 0.6;
    const accepted = status === 'queued' ? null : created + 30_000;
    const answered = status === 'queued' ? null : created + Math.floor(r() * 900_000);
    const resolved = live ? null : created + 300_000 + Math.floor(r() * 1_800_000);
    tickets.push({
      id: `t${String(i).padStart(6, '0')}`,
      reference: `R${i}`,
      customer_id: customer.id as string,
      channel,
      category: pick(CATEGORIES),
      status,
      priority: 'normal',
      tier: 1,
      region_id: region,
      assignee_id: assignee,
      subject: 'bench',
      created_at: iso(created),
      queued_at: iso(created),
      accepted_at: accepted === null ? null : iso(accepted),
      first_response_at: answered === null ? null : iso(answered),
      resolved_at: resolved === null ? null : iso(resolved),
      csat: !live && r() < 0.6 ? 1 + Math.floor(r() * 5) : null,
      reopen_count: !live && r() < 0.1 ? 1 : 0,
      waiting_since: waiting ? iso(NOW - Math.floor(r() * 900_000)) : null,
      // due from 10 minutes ago to 10 minutes ahead: some breached, some about to
      reply_due_at: waiting ? iso(NOW - 600_000 + Math.floor(r() * 1_200_000)) : null,
    });
  }
  return { regions, agents, customers, tickets };
}

interface Timing {
  medianMs: number;
  p99Ms: number;
}
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const timing = (xs: number[]): Timing => ({ medianMs: quantile(xs, 0.5), p99Ms: quantile(xs, 0.99) });

export interface BoardBenchResult {
  engine: string;
  agents: number;
  openCases: number;
  resolvedCases: number;
  rounds: number;
  board: Timing;
  countStar: Timing;
  /** The board's median over count(*)'s median. */
  ratio: number;
  boardFrameBytes: number;
  figuresToday: Timing;
  figures30d: Timing;
}

async function measure(engine: string, storage: AsyncStore): Promise<BoardBenchResult> {
  const clock = { now: () => new Date(NOW) };
  const board: number[] = [];
  const count: number[] = [];
  const today: number[] = [];
  const month: number[] = [];
  let frame = 0;
  const figures = (range: 'today' | '30d') =>
    storage.read(async (tx) => {
      const regions = await tx.regions.all();
      const rows = await tx.tickets.figureRows(fetchSince(range, regions, clock.now()));
      const agents = (await tx.agents.all()).map((a) => ({ id: a.id, name: a.name }));
      return computeFigures({ range, now: clock.now(), regions, agents, rows });
    });
  // Warm-up: statements prepared, the handle-time cache filled (as on a running node).
  for (let i = 0; i < 3; i++) {
    await storage.read((tx) => readBoard({ storage, clock }, tx));
    await storage.read((tx) => tx.tickets.visibleCount('all'));
  }
  for (let i = 0; i < ROUNDS; i++) {
    let t = performance.now();
    const b = await storage.read((tx) => readBoard({ storage, clock }, tx));
    board.push(performance.now() - t);
    frame = JSON.stringify({ type: 'board', board: b }).length;
    t = performance.now();
    await storage.read((tx) => tx.tickets.visibleCount('all'));
    count.push(performance.now() - t);
    if (i % 6 === 0) {
      t = performance.now();
      await figures('today');
      today.push(performance.now() - t);
      t = performance.now();
      await figures('30d');
      month.push(performance.now() - t);
    }
  }
  const r = { board: timing(board), countStar: timing(count) };
  return {
    engine,
    agents: AGENTS,
    openCases: OPEN,
    resolvedCases: RESOLVED,
    rounds: ROUNDS,
    ...r,
    ratio: r.board.medianMs / r.countStar.medianMs,
    boardFrameBytes: frame,
    figuresToday: timing(today),
    figures30d: timing(month),
  };
}

const TABLE_ORDER = ['regions', 'agents', 'customers', 'tickets'] as const;

async function onSqlite(rows: Record<string, Row[]>): Promise<BoardBenchResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'agent-desk-board-'));
  try {
    const db = openDatabase(path.join(dir, 'desk.sqlite'));
    db.transaction(() => {
      for (const table of TABLE_ORDER) {
        const cols = Object.keys(rows[table]![0]!);
        const insert = db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`);
        for (const row of rows[table]!) insert.run(row);
      }
    })();
    db.exec('ANALYZE');
    const store = createStore(db, () => new Date(NOW));
    const result = await measure('SQLite (file, WAL)', createSqliteAsyncStore(store, () => new Date(NOW)));
    db.close();
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function onPostgres(rows: Record<string, Row[]>, url: string): Promise<BoardBenchResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await migratePostgres(client);
    for (const table of TABLE_ORDER) {
      const all = rows[table]!;
      const cols = Object.keys(all[0]!);
      const per = Math.floor(60_000 / cols.length);
      for (let i = 0; i < all.length; i += per) {
        const chunk = all.slice(i, i + per);
        const values = chunk.map((_, r) => `(${cols.map((_c, c) => `$${r * cols.length + c + 1}`).join(', ')})`).join(', ');
        await client.query(`INSERT INTO ${table} (${cols.join(', ')}) VALUES ${values}`, chunk.flatMap((row) => cols.map((c) => row[c])));
      }
    }
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
  const storage = createPostgresAsyncStore({ connectionString: url, now: () => new Date(NOW) });
  try {
    return await measure('PostgreSQL', storage);
  } finally {
    await storage.close();
  }
}

export async function benchSupervisorBoard(): Promise<BoardBenchResult[]> {
  const rows = desk();
  const results = [await onSqlite(rows)];
  const missing = postgresMissing();
  if (missing || process.env.BENCH_POSTGRES === '0') console.log(`  (PostgreSQL figures skipped: ${missing ?? 'BENCH_POSTGRES=0'})`);
  else {
    const cluster = await startPostgres({ durable: true });
    try {
      results.push(await onPostgres(rows, await cluster.createDatabase('bench_board')));
    } finally {
      await cluster.stop();
    }
  }
  return results;
}

export function printSupervisorBoard(results: BoardBenchResult[]): void {
  const f = (t: Timing) => `median ${t.medianMs.toFixed(2).padStart(7)} ms   p99 ${t.p99Ms.toFixed(2).padStart(7)} ms`;
  for (const r of results) {
    console.log(`  ${r.engine}: ${r.agents} agents, ${r.openCases} open + ${r.resolvedCases} resolved cases, ${r.rounds} rounds`);
    console.log(`    board update          ${f(r.board)}   (${(r.boardFrameBytes / 1024).toFixed(0)} kB frame)`);
    console.log(`    count(*) on tickets   ${f(r.countStar)}   board / count(*) ${r.ratio.toFixed(2)}×`);
    console.log(`    figures, today        ${f(r.figuresToday)}`);
    console.log(`    figures, 30 days      ${f(r.figures30d)}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log('Supervisor board: one recomputation beside a plain count(*)');
  printSupervisorBoard(await benchSupervisorBoard());
}
