/**
 * `npm run bench`: each figure next to a baseline measured in the same run, and their ratio,
 * written to bench-results/latest.json so runs can be compared.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { benchCache } from './cache';
import { benchConsoleLoad } from './console-load';
import { benchConsoleSwitch } from './console-switch';
import { benchDeskServer, benchRelay } from './server-throughput';
import { benchStorageHotPath, printStorageHotPath } from './storage-hot-path';
import { benchSupervisorBoard, printSupervisorBoard } from './supervisor-board';
import { postgresMissing, startPostgres } from '../helpers/postgres';

const chats = Number(process.env.BENCH_CHATS ?? 1000);
const perChat = Number(process.env.BENCH_MESSAGES_PER_CHAT ?? 40);
const rate = Number(process.env.BENCH_RATE ?? 2000);

const only = process.env.BENCH_ONLY ?? '';
const results: Record<string, unknown> = { at: new Date().toISOString(), node: process.version, chats, perChat, rate };

if (only === '' || only === 'server') {
  console.log(`Desk server: ${chats} open chats; customer messages persisted and delivered to an agent desktop`);
  const relay = await benchRelay(chats, perChat, rate);
  const desks: { name: string; r: Awaited<ReturnType<typeof benchDeskServer>> }[] = [];
  desks.push({ name: 'SQLite, one node', r: await benchDeskServer(chats, perChat, rate) });
  const missing = postgresMissing();
  if (missing || process.env.BENCH_POSTGRES === '0') console.log(`  (PostgreSQL figures skipped: ${missing ?? 'BENCH_POSTGRES=0'})`);
  else {
    // A durable cluster (fsync and synchronous commit on), as SQLite's figure is durable too.
    const cluster = await startPostgres({ durable: true });
    try {
      desks.push({ name: 'PostgreSQL, one node', r: await benchDeskServer(chats, perChat, rate, { databaseUrl: await cluster.createDatabase('bench_one') }) });
      desks.push({ name: 'PostgreSQL, two nodes', r: await benchDeskServer(chats, perChat, rate, { databaseUrl: await cluster.createDatabase('bench_two'), nodes: 2 }) });
    } finally {
      await cluster.stop();
    }
  }
  type R = (typeof relay)['saturated'];
  const row = (name: string, r: R) =>
    `  ${name.padEnd(30)} ${r.perSecond.toFixed(0).padStart(7)} msg/s   p50 ${r.p50Ms.toFixed(1).padStart(6)} ms   p99 ${r.p99Ms.toFixed(1).padStart(6)} ms   (${r.messages} msgs in ${r.seconds.toFixed(2)} s)   server CPU ${r.serverCpuUsPerMsg.toFixed(0).padStart(4)} µs/msg, load generator ${r.clientCpuUsPerMsg.toFixed(0).padStart(3)}`;
  console.log(`steady load, ${rate} msg/s offered:`);
  console.log(row('bare ws relay', relay.atRate));
  for (const d of desks) console.log(`${row(d.name, d.r.atRate)}   p99 ${(d.r.atRate.p99Ms / relay.atRate.p99Ms).toFixed(2)}× relay`);
  console.log(`saturation, ${perChat} messages per chat, next after ack:`);
  console.log(row('bare ws relay', relay.saturated));
  for (const d of desks)
    console.log(
      `${row(d.name, d.r.saturated)}   ${(d.r.saturated.perSecond / relay.saturated.perSecond).toFixed(3)} of relay, CPU ${(d.r.saturated.serverCpuUsPerMsg / relay.saturated.serverCpuUsPerMsg).toFixed(1)}× relay's`,
    );
  const sqlite = desks[0]!.r;
  results.server = {
    desk: sqlite,
    relay,
    throughputRatio: sqlite.saturated.perSecond / relay.saturated.perSecond,
    steadyP99Ratio: sqlite.atRate.p99Ms / relay.atRate.p99Ms,
    engines: desks.map((d) => ({ name: d.name, ...d.r, throughputRatio: d.r.saturated.perSecond / relay.saturated.perSecond })),
  };
}

if (only === '' || only === 'storage') {
  console.log('');
  const file = await benchStorageHotPath(false);
  printStorageHotPath(file);
  const memory = await benchStorageHotPath(true);
  printStorageHotPath(memory);
  results.storageHotPath = { file, memory };
}

if (only === '' || only === 'board') {
  console.log('\nSupervisor board: one recomputation beside a plain count(*) on tickets');
  const board = await benchSupervisorBoard();
  printSupervisorBoard(board);
  results.supervisorBoard = board;
}

if (only === '' || only === 'cache') {
  const searchMessages = Number(process.env.BENCH_SEARCH_MESSAGES ?? 1_000_000);
  console.log(`\nDesktop cache (better-sqlite3, synchronous=FULL):`);
  const c = benchCache({ syncTickets: 10_000, syncMessagesPerTicket: 20, searchMessages });
  const f = (x: number) => x.toFixed(2);
  console.log(`  apply a 500-change pull page    cache ${f(c.pageApply.cacheMs)} ms   raw upsert ${f(c.pageApply.rawMs)} ms   ratio ${f(c.pageApply.ratio)}`);
  console.log(`    CPU time (no fsync wait)      cache ${f(c.pageApply.cpu.cacheMs)} ms   raw upsert ${f(c.pageApply.cpu.rawMs)} ms   ratio ${f(c.pageApply.cpu.ratio)}   target: <= 1.3`);
  console.log(`  initial sync ${c.initialSync.tickets} tickets / ${c.initialSync.messages} messages   cache ${(c.initialSync.cacheMs / 1000).toFixed(2)} s   raw insert ${(c.initialSync.rawMs / 1000).toFixed(2)} s   ratio ${f(c.initialSync.ratio)}`);
  console.log(`  search top 50 over ${c.search.messages} messages, selective term   p50 ${f(c.search.selective.p50)} ms  p95 ${f(c.search.selective.p95)} ms   raw FTS5 p50 ${f(c.search.selective.rawP50)} ms  p95 ${f(c.search.selective.rawP95)} ms`);
  console.log(`  search top 50, commonest word "${c.search.common.word}"   p50 ${f(c.search.common.p50)} ms  p95 ${f(c.search.common.p95)} ms   raw FTS5 p50 ${f(c.search.common.rawP50)} ms  p95 ${f(c.search.common.rawP95)} ms`);
  results.cache = c;
}

if (only === '' || only === 'console') {
  const tabs = Number(process.env.BENCH_TABS ?? 50);
  const perTab = Number(process.env.BENCH_MESSAGES_PER_TAB ?? 1000);
  console.log(`\nConsole (built renderer in headless Chromium through the browser host, fake main): ${tabs} open chats × ${perTab} messages`);
  const c = await benchConsoleSwitch({ tabs, messagesPerChat: perTab });
  const f = (x: number) => x.toFixed(1);
  const row = (name: string, s: typeof c.switch) => `  ${name.padEnd(46)} median ${f(s.medianMs).padStart(5)} ms   p95 ${f(s.p95Ms).padStart(5)} ms   (${s.samples} presses)`;
  console.log('key press (Alt+J) to the end of the next painted frame:');
  console.log(row('switch to a tab shown before', c.switch));
  console.log(row('… until the customer panel follows (next frame)', c.panel));
  console.log(row('switch to a tab shown for the first time', c.firstVisit));
  console.log(row('baseline: the same key in an empty console', c.baseline));
  console.log(`  ratio (switch / baseline, medians)              ${f(c.ratio)}×   target: switch <= 16 ms`);
  console.log(`  JS heap after GC: ${f(c.heapMb.withChats)} MB with ${tabs} chats held, ${f(c.heapMb.empty)} MB empty (target <= 200 MB)`);
  results.consoleSwitch = c;
}

if (only === '' || only === 'console' || only === 'console-load') {
  const listTickets = Number(process.env.BENCH_LIST_TICKETS ?? 100_000);
  const tabs = Number(process.env.BENCH_TABS ?? 50);
  const perTab = Number(process.env.BENCH_MESSAGES_PER_TAB ?? 1000);
  console.log(`\nConsole under load (built renderer in headless Chromium through the browser host, real desktop services and cache):`);
  const c = await benchConsoleLoad({ bigTickets: listTickets, tabs, messagesPerChat: perTab });
  const f = (x: number) => x.toFixed(1);
  type S = typeof c.ready.warm;
  const spread = (s: S) => `median ${f(s.medianMs).padStart(6)} ms   p95 ${f(s.p95Ms).padStart(6)} ms   min ${f(s.minMs).padStart(6)}   max ${f(s.maxMs).padStart(6)}   (${s.samples} runs)`;
  const a = c.arrival;
  console.log(`a customer's message arriving, change reaching the page to its row painted:`);
  console.log(`  ${`${a.big.tickets} tickets cached (list holds ${a.big.listRows} rows)`.padEnd(46)} ${spread(a.big.toPainted)}`);
  console.log(`  ${`baseline: ${a.baseline.tickets} tickets (list holds ${a.baseline.listRows} rows)`.padEnd(46)} ${spread(a.baseline.toPainted)}`);
  console.log(`  ratio (medians)                                ${a.ratio.toFixed(2)}×`);
  // The list is windowed over the whole view: its scroll height is every row's.
  if (a.big.listRows < a.big.tickets) console.log(`  NOTE: the list holds ${a.big.listRows} rows of the view, not all ${a.big.tickets}: the windowed list lost rows`);
  else console.log(`  the list holds all ${a.big.listRows} rows of the view (tab shows "${a.big.viewCount}"; windowed: the rows on screen are loaded, by page)`);
  console.log(`  longest task per arrival: median ${f(a.big.longestTaskMs.medianMs)} ms, max ${f(a.big.longestTaskMs.maxMs)} ms (baseline max ${f(a.baseline.longestTaskMs.maxMs)} ms); tasks over 50 ms: ${a.big.longTasksOver50} (baseline ${a.baseline.longTasksOver50})   target: none over 50 ms`);
  console.log(`console ready with a warm cache (${c.ready.tickets} tickets, ${c.ready.tabs} tabs restored), navigation to rows and tabs painted:`);
  console.log(`  ${'console'.padEnd(46)} ${spread(c.ready.warm)}`);
  console.log(`  ${'baseline: blank page of the host (first paint)'.padEnd(46)} ${spread(c.ready.blank)}`);
  console.log(`  ratio (medians)                                ${c.ready.ratio.toFixed(2)}×   target: <= 1000 ms   (desktop start, cache opened: ${f(c.ready.desktopStartMs)} ms)`);
  console.log(`JS heap after GC, real cache: ${f(c.heap.withChatsMb)} MB with ${c.heap.tabs} chats of ${c.heap.messagesPerChat} messages open (${c.heap.heldChats} threads read, ${c.heap.messagesHeld} messages), ${f(c.heap.emptyMb)} MB with none open   ratio ${c.heap.ratio.toFixed(2)}×   target: <= 200 MB`);
  results.consoleLoad = c;
}

mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/latest.json', JSON.stringify(results, null, 2));
console.log('\nwritten to bench-results/latest.json');
