/**
 * The desk server bench with one customer socket per chat: `npx tsx tests/bench/server-one-tab.ts`.
 *
 * `server-throughput.ts` starts its chats with the demo identities of one region (13 customers),
 * and a verified customer who starts a second chat joins the first (another tab), so its 1,000
 * sockets share 13 tickets: every message is echoed to about 76 other tabs, and the load
 * generator parses 77 frames per message. Here every chat is a visitor's, a case of its own with
 * one socket, as in the relay beside it: the node's cost per message, not a tab fan-out.
 * Same phases, same frame, same relay (run in the same process, alternately, ROUNDS times).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { benchRelay, type ThroughputResult } from './server-throughput';

const chats = Number(process.env.BENCH_CHATS ?? 1000);
const perChat = Number(process.env.BENCH_MESSAGES_PER_CHAT ?? 40);
const rate = Number(process.env.BENCH_RATE ?? 2000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);

function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir=bench-results/prof'] : [];
  const child = spawn(process.execPath, [...prof, '--import', 'tsx', 'tests/bench/server-process.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ url: (JSON.parse(line) as { url: string }).url, child }));
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
}

const open = (url: string) =>
  new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });

/** CPU time (user + system) the process has used so far, in ms: steadier than msg/s on a shared machine. */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return NaN; // no /proc (not Linux): the figure is left out
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

/** As `drive` in server-throughput.ts: open loop at `ratePerSec`, or closed loop (next after ack). */
async function drive(customers: WebSocket[], agent: WebSocket, count: number, tag: string, ratePerSec?: number): Promise<ThroughputResult> {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const total = customers.length * count;
  let delivered = 0;
  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));
  agent.on('message', (data) => {
    const f = JSON.parse(data.toString()) as { type: string; changes?: { entity: string; row?: { clientMsgId?: string | null } }[] };
    if (f.type !== 'changes') return;
    const now = performance.now();
    for (const c of f.changes ?? []) {
      const id = c.entity === 'message' ? c.row?.clientMsgId : null;
      const t0 = id ? sentAt.get(id) : undefined;
      if (t0 === undefined) continue;
      sentAt.delete(id!);
      latencies.push(now - t0);
      if (++delivered === total) resolveDone();
    }
  });
  const start = performance.now();
  const counters = customers.map(() => 0);
  const sendNext = (i: number) => {
    if (counters[i]! >= count) return;
    const id = `${tag}${i.toString(36)}x${(counters[i]!++).toString(36)}xxxxxx`;
    sentAt.set(id, performance.now());
    customers[i]!.send(JSON.stringify({ type: 'message', clientMsgId: id, body: `Hello, any news about my payment? (${id})` }));
  };
  let ticker: NodeJS.Timeout | null = null;
  if (ratePerSec) {
    let next = 0;
    let sent = 0;
    ticker = setInterval(() => {
      const due = Math.min(total, Math.round(((performance.now() - start) / 1000) * ratePerSec));
      for (; sent < due; sent++) {
        sendNext(next);
        next = (next + 1) % customers.length;
      }
    }, 5);
  } else {
    customers.forEach((ws, i) => {
      ws.on('message', (data) => {
        if ((JSON.parse(data.toString()) as { type: string }).type === 'ack') sendNext(i);
      });
      sendNext(i);
    });
  }
  const timeout = setTimeout(() => resolveDone(), 120_000);
  await done;
  clearTimeout(timeout);
  if (ticker) clearInterval(ticker);
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return { chats: customers.length, messages: delivered, seconds, perSecond: delivered / seconds, p50Ms: percentile(latencies, 0.5), p99Ms: percentile(latencies, 0.99) };
}

async function benchOneTab(): Promise<{ atRate: ThroughputResult; saturated: ThroughputResult; cpuUsPerMessage: number }> {
  const { url, child } = await startServer();
  try {
    const post = async (path: string, body: unknown, token?: string) => {
      const res = await fetch(url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<Record<string, unknown>>;
    };
    const { DEMO_PASSWORD } = await import('../../src/server/demo/seed');
    const login = (await post('/api/auth/login', { email: 'agent@demo.agentdesk.test', password: DEMO_PASSWORD })) as { token: string };
    const agent = await open(url.replace('http', 'ws') + '/ws/agent');
    agent.send(JSON.stringify({ type: 'auth', token: login.token, protocol: 1 }));
    const ready = await new Promise<{ epoch: string; head: number }>((r) => agent.once('message', (d) => r(JSON.parse(d.toString()))));
    agent.send(JSON.stringify({ type: 'subscribe', cursor: String(ready.head), epoch: ready.epoch }));
    const customers: WebSocket[] = [];
    for (let i = 0; i < chats; i++) {
      // A visitor: a case of its own in the agent's region.
      const started = (await post('/api/chat/start', { name: `Visitor ${i}`, regionId: 'eu-north', category: 'payment_delay', description: 'Bench chat' })) as { token: string };
      const ws = await open(url.replace('http', 'ws') + '/ws/chat');
      ws.send(JSON.stringify({ type: 'auth', token: started.token }));
      await new Promise((r) => ws.once('message', r));
      customers.push(ws);
    }
    await new Promise((r) => setTimeout(r, 300));
    const steadyPerChat = Math.max(1, Math.round((rate * 5) / customers.length));
    const atRate = await drive(customers, agent, steadyPerChat, 'r', rate);
    agent.removeAllListeners('message');
    const cpu0 = cpuMs(child.pid!);
    const saturated = await drive(customers, agent, perChat, 's');
    const cpuUsPerMessage = ((cpuMs(child.pid!) - cpu0) * 1000) / saturated.messages;
    for (const ws of customers) ws.terminate();
    agent.terminate();
    return { atRate, saturated, cpuUsPerMessage };
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

const f = (n: number, d = 1) => n.toFixed(d);
const row = (name: string, r: ThroughputResult) =>
  `  ${name.padEnd(28)} ${f(r.perSecond, 0).padStart(7)} msg/s   p50 ${f(r.p50Ms).padStart(6)} ms   p99 ${f(r.p99Ms).padStart(6)} ms   (${r.messages} msgs in ${f(r.seconds, 2)} s)`;

console.log(`Desk server, one socket per chat: ${chats} visitor chats, ${perChat} messages per chat at saturation`);
for (let i = 1; i <= rounds; i++) {
  const relay = await benchRelay(chats, perChat, rate);
  const desk = await benchOneTab();
  console.log(`round ${i}`);
  console.log(row('relay, steady', relay.atRate));
  console.log(row('desk, steady', desk.atRate));
  console.log(row('relay, saturated', relay.saturated));
  console.log(row('desk, saturated', desk.saturated));
  console.log(`  ratio (desk / relay, saturated) ${f(desk.saturated.perSecond / relay.saturated.perSecond, 3)}   desk server CPU ${f(desk.cpuUsPerMessage, 0)} µs per message`);
}
