/**
 * `npm run bench`: each figure next to a baseline measured in the same run, and their ratio,
 * written to bench-results/latest.json so runs can be compared.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { benchDeskServer, benchRelay } from './server-throughput';

const chats = Number(process.env.BENCH_CHATS ?? 1000);
const perChat = Number(process.env.BENCH_MESSAGES_PER_CHAT ?? 20);

const results: Record<string, unknown> = { at: new Date().toISOString(), node: process.version, chats, perChat };

console.log(`Desk server: ${chats} open chats × ${perChat} customer messages, persisted and delivered to an agent desktop`);
const relay = await benchRelay(chats, perChat);
const desk = await benchDeskServer(chats, perChat);
const row = (name: string, r: typeof desk) =>
  `  ${name.padEnd(22)} ${r.perSecond.toFixed(0).padStart(7)} msg/s   p50 ${r.p50Ms.toFixed(1).padStart(6)} ms   p99 ${r.p99Ms.toFixed(1).padStart(6)} ms   (${r.messages} msgs in ${r.seconds.toFixed(2)} s)`;
console.log(row('bare ws relay', relay));
console.log(row('desk server', desk));
console.log(`  ratio (desk / relay)   throughput ${(desk.perSecond / relay.perSecond).toFixed(3)}   p99 ${(desk.p99Ms / relay.p99Ms).toFixed(2)}×`);
results.server = { desk, relay, throughputRatio: desk.perSecond / relay.perSecond, p99Ratio: desk.p99Ms / relay.p99Ms };

mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/latest.json', JSON.stringify(results, null, 2));
console.log('\nwritten to bench-results/latest.json');
