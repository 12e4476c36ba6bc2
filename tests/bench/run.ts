/**
 * `npm run bench`: each figure next to a baseline measured in the same run, and their ratio,
 * written to bench-results/latest.json so runs can be compared.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { benchDeskServer, benchRelay } from './server-throughput';

const chats = Number(process.env.BENCH_CHATS ?? 1000);
const perChat = Number(process.env.BENCH_MESSAGES_PER_CHAT ?? 40);
const rate = Number(process.env.BENCH_RATE ?? 2000);

const results: Record<string, unknown> = { at: new Date().toISOString(), node: process.version, chats, perChat, rate };

console.log(`Desk server: ${chats} open chats; customer messages persisted and delivered to an agent desktop`);
const relay = await benchRelay(chats, perChat, rate);
const desk = await benchDeskServer(chats, perChat, rate);
type R = typeof desk.saturated;
const row = (name: string, r: R) =>
  `  ${name.padEnd(30)} ${r.perSecond.toFixed(0).padStart(7)} msg/s   p50 ${r.p50Ms.toFixed(1).padStart(6)} ms   p99 ${r.p99Ms.toFixed(1).padStart(6)} ms   (${r.messages} msgs in ${r.seconds.toFixed(2)} s)`;
console.log(`steady load, ${rate} msg/s offered:`);
console.log(row('bare ws relay', relay.atRate));
console.log(row('desk server', desk.atRate));
console.log(`  ratio (desk / relay)           p99 ${(desk.atRate.p99Ms / relay.atRate.p99Ms).toFixed(2)}×`);
console.log(`saturation, ${perChat} messages per chat, next after ack:`);
console.log(row('bare ws relay', relay.saturated));
console.log(row('desk server', desk.saturated));
console.log(`  ratio (desk / relay)           throughput ${(desk.saturated.perSecond / relay.saturated.perSecond).toFixed(3)}`);
results.server = {
  desk,
  relay,
  throughputRatio: desk.saturated.perSecond / relay.saturated.perSecond,
  steadyP99Ratio: desk.atRate.p99Ms / relay.atRate.p99Ms,
};

mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/latest.json', JSON.stringify(results, null, 2));
console.log('\nwritten to bench-results/latest.json');
