/**
 * The cost of the async storage interface on SQLite, on the hot path of a customer message:
 * insert the message, append its feed row, update the ticket, append the ticket's feed row.
 * The sync store (`store.write`) and the async one (`await storage.write(async (tx) => …)`) run
 * the same statements on the same kind of database file in the same process, interleaved in
 * rounds so drift (CPU contention, WAL growth) hits both alike. Reported: median messages per
 * second of each, and the median over rounds of the async/sync ratio within a round, for one
 * commit per message and for group commit; on a database file (what a node runs) and in memory
 * (no I/O: the wrapper's CPU cost alone, the worst case for the ratio).
 *
 *   npx tsx tests/bench/storage-hot-path.ts      (or BENCH_ONLY=storage npm run bench)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase } from '../../src/server/storage/db';
import { createStore, type Store, type WriteContext } from '../../src/server/storage/store';
import { createSqliteAsyncStore, type AsyncStore, type AsyncWriteTx } from '../../src/server/storage/async-store';

const TICKETS = 200;

function seed(store: Store): string[] {
  const db = store.db;
  const now = new Date().toISOString();
  db.prepare(`INSERT INTO regions (id, name, time_zone, locale, currency, hours_json) VALUES ('r1', 'Bench', 'UTC', 'en', 'EUR', '{}')`).run();
  const customer = db.prepare(
    `INSERT INTO customers (id, name, email, phone, locale, time_zone, region_id, country, currency, created_at) VALUES (?, 'C', 'c@example.com', '0', 'en', 'UTC', 'r1', 'SE', 'EUR', ?)`,
  );
  const ids: string[] = [];
  for (let i = 0; i < TICKETS; i++) {
    const id = `t${i}`;
    customer.run(`c${i}`, now);
    store.tickets.insert({
      id,
      reference: `R${i}`,
      customer_id: `c${i}`,
      channel: 'chat',
      category: 'payment_delay',
      status: 'open',
      priority: 'normal',
      tier: 1,
      region_id: 'r1',
      assignee_id: null,
      subject: 'bench',
      order_number: null,
      linked_ticket_id: null,
      created_at: now,
      queued_at: now,
      last_message_at: now,
      waiting_since: null,
      reply_due_at: null,
    });
    ids.push(id);
  }
  return ids;
}

let counter = 0;
const messageRow = (ticketId: string, at: string) => ({
  id: `m${++counter}`,
  ticket_id: ticketId,
  author_kind: 'customer' as const,
  author_id: null,
  author_name: 'C',
  body: 'Hi, I paid my invoice yesterday but the app still says it is overdue. Can you check?',
  client_msg_id: `c${counter}`,
  attachment_ids_json: '[]',
  created_at: at,
});

function sendSync(store: Store, ctx: WriteContext, ticketId: string): void {
  const { row } = store.messages.insertOnce(messageRow(ticketId, ctx.now));
  ctx.feed({ entity: 'message', entity_id: row.id, op: 'upsert', ticket_id: ticketId });
  const t = store.tickets.update(ticketId, { last_message_at: ctx.now, waiting_since: ctx.now });
  ctx.feed({ entity: 'ticket', entity_id: t.id, op: 'upsert', ticket_id: ticketId });
}

async function sendAsync(tx: AsyncWriteTx, ticketId: string): Promise<void> {
  const { row } = await tx.messages.insertOnce(messageRow(ticketId, tx.now));
  await tx.feed({ entity: 'message', entity_id: row.id, op: 'upsert', ticket_id: ticketId });
  const t = await tx.tickets.update(ticketId, { last_message_at: tx.now, waiting_since: tx.now });
  await tx.feed({ entity: 'ticket', entity_id: t.id, op: 'upsert', ticket_id: ticketId });
}

interface Variant {
  name: string;
  run(n: number): Promise<void> | void;
}

function variants(store: Store, storage: AsyncStore, tickets: string[], batch: number): Variant[] {
  const pick = (i: number) => tickets[i % tickets.length]!;
  const chunks = (n: number) => Array.from({ length: Math.ceil(n / batch) }, (_, c) => Array.from({ length: Math.min(batch, n - c * batch) }, (_, i) => c * batch + i));
  return [
    { name: 'sync, one commit each', run: (n) => { for (let i = 0; i < n; i++) store.write((ctx) => sendSync(store, ctx, pick(i))); } },
    { name: 'async, one commit each', run: async (n) => { for (let i = 0; i < n; i++) await storage.write((tx) => sendAsync(tx, pick(i))); } },
    {
      name: 'async, all in flight at once',
      run: async (n) => void (await Promise.all(Array.from({ length: n }, (_, i) => storage.write((tx) => sendAsync(tx, pick(i)))))),
    },
    {
      name: `sync, group commit of ${batch}`,
      run: (n) => { for (const c of chunks(n)) store.writeBatch(c, (i) => pick(i), (ctx, _i, t) => sendSync(store, ctx, t)); },
    },
    {
      name: `async, group commit of ${batch}`,
      run: async (n) => { for (const c of chunks(n)) await storage.writeBatch(c, async (_tx, i) => pick(i), (tx, _i, t) => sendAsync(tx, t)); },
    },
  ];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export interface StorageHotPathResult {
  file: string;
  messagesPerRound: number;
  rounds: number;
  perSecond: Record<string, number>;
  asyncOverSync: { oneCommitEach: number; inFlight: number; groupCommit: number };
}

export async function benchStorageHotPath(inMemory: boolean, messages = 1000, rounds = 15, batch = 50): Promise<StorageHotPathResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'desk-storage-bench-'));
  try {
    const db = openDatabase(inMemory ? ':memory:' : path.join(dir, 'desk.sqlite'));
    const store = createStore(db, () => new Date());
    const storage = createSqliteAsyncStore(store, () => new Date(), { checkNesting: false });
    let delivered = 0;
    store.onFeed((rows) => void (delivered += rows.length));
    const list = variants(store, storage, seed(store), batch);
    const samples = new Map<string, number[]>(list.map((v) => [v.name, []]));
    for (const v of list) await v.run(200); // warm up: statements prepared, JIT
    for (let r = 0; r < rounds; r++) {
      for (const v of list) {
        const t0 = performance.now();
        await v.run(messages);
        samples.get(v.name)!.push(messages / ((performance.now() - t0) / 1000));
      }
    }
    const expected = list.length * (200 + rounds * messages) * 2;
    if (delivered !== expected) throw new Error(`feed listeners saw ${delivered} rows, expected ${expected}`);
    db.close();
    const perSecond = Object.fromEntries([...samples].map(([k, v]) => [k, median(v)]));
    const [sync1, async1, inFlight, syncBatch, asyncBatch] = list.map((v) => samples.get(v.name)!);
    const ratio = (a: number[], b: number[]) => median(a.map((x, i) => x / b[i]!));
    return {
      file: inMemory ? 'in memory' : 'database file (WAL, synchronous=NORMAL)',
      messagesPerRound: messages,
      rounds,
      perSecond,
      asyncOverSync: { oneCommitEach: ratio(async1!, sync1!), inFlight: ratio(inFlight!, sync1!), groupCommit: ratio(asyncBatch!, syncBatch!) },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printStorageHotPath(r: StorageHotPathResult): void {
  console.log(`Storage hot path (insert message + feed + update ticket + feed), SQLite ${r.file}, median of ${r.rounds} rounds of ${r.messagesPerRound}:`);
  for (const [name, v] of Object.entries(r.perSecond)) console.log(`  ${name.padEnd(32)} ${v.toFixed(0).padStart(8)} msg/s`);
  const a = r.asyncOverSync;
  console.log(`  async / sync (median of per-round ratios): one commit each ${a.oneCommitEach.toFixed(3)}, all in flight ${a.inFlight.toFixed(3)}, group commit ${a.groupCommit.toFixed(3)}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  printStorageHotPath(await benchStorageHotPath(false));
  printStorageHotPath(await benchStorageHotPath(true));
}
