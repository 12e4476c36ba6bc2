/**
 * Desk server: customer messages persisted and delivered to an agent's desktop, with many chats
 * open at once, next to a bare `ws` relay of the same messages in the same run (QUALITY.md).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { DEMO_PASSWORD } from '../../src/server/demo/seed';

export interface ThroughputResult {
  chats: number;
  messages: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /**
   * CPU time the server process(es) spent per message during the phase (user + system, from
   * /proc on Linux; NaN elsewhere): steadier than messages per second on a busy machine, whose
   * other processes take wall time but not this process's CPU.
   */
  serverCpuUsPerMsg: number;
  /** CPU time the load generator (this process: the customers and the agent's socket) spent per message. */
  clientCpuUsPerMsg: number;
}

/** User + system CPU seconds of these processes so far (Linux /proc; NaN where there is none). */
function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  try {
    for (const pid of pids) {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command name "(…)": utime and stime are the 12th and 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    }
  } catch {
    return NaN;
  }
  return ticks / CLOCK_TICKS;
}
// sysconf(_SC_CLK_TCK): 100 on every Linux Node runs on.
const CLOCK_TICKS = 100;

function startProcess(args: string[]): Promise<{ url: string; child: ChildProcess }> {
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir=bench-results/prof'] : [];
  const child = spawn(process.execPath, [...prof, '--import', 'tsx', 'tests/bench/server-process.ts', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', (line) => resolve({ url: (JSON.parse(line) as { url: string }).url, child }));
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  const done = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await done;
}

const open = (url: string) =>
  new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });

const benchFrame = (_i: number, id: string) => JSON.stringify({ type: 'message', clientMsgId: id, body: `Hello, any news about my payment? (${id})` });

/** A steady load first (latency at a given rate), then saturation (throughput). */
async function phases(customers: WebSocket[], agent: WebSocket, perChat: number, ratePerSec: number, pids: number[]) {
  const steadyPerChat = Math.max(1, Math.round((ratePerSec * 5) / customers.length)); // about five seconds
  const atRate = await drive(customers, agent, steadyPerChat, benchFrame, 'r', pids, ratePerSec);
  agent.removeAllListeners('message');
  for (const ws of customers) ws.removeAllListeners('message');
  const saturated = await drive(customers, agent, perChat, benchFrame, 's', pids);
  return { atRate, saturated };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

/**
 * Each chat sends `perChat` messages, one in flight at a time (the next after the ack), all chats
 * at once; latency is from the customer's send to the agent socket receiving the message.
 */
async function drive(
  customers: WebSocket[],
  agent: WebSocket,
  perChat: number,
  frame: (i: number, id: string) => string,
  tag: string,
  /** The server processes whose CPU time is measured. */
  pids: number[],
  /** Open loop at this many messages per second in all; closed loop (next after ack) when absent. */
  ratePerSec?: number,
): Promise<ThroughputResult> {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const total = customers.length * perChat;
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
  const cpuAtStart = cpuSeconds(pids);
  const clientCpuAtStart = process.cpuUsage();
  const counters = customers.map(() => 0);
  const sendNext = (i: number) => {
    if (counters[i]! >= perChat) return;
    const id = `${tag}${i.toString(36)}x${(counters[i]!++).toString(36)}xxxxxx`;
    sentAt.set(id, performance.now());
    customers[i]!.send(frame(i, id));
  };
  let ticker: NodeJS.Timeout | null = null;
  if (ratePerSec) {
    // Open loop: a steady offered load, round-robin over the chats, whatever the server does.
    let next = 0;
    let sent = 0;
    ticker = setInterval(() => {
      const due = Math.min(total, Math.round(((performance.now() - start) / 1000) * ratePerSec));
      for (; sent < due; sent++) {
        sendNext(next);
        next = (next + 1) % customers.length;
      }
      if (sent >= total && ticker) clearInterval(ticker);
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
  const serverCpuUsPerMsg = ((cpuSeconds(pids) - cpuAtStart) * 1e6) / Math.max(1, delivered);
  const clientCpu = process.cpuUsage(clientCpuAtStart);
  const clientCpuUsPerMsg = (clientCpu.user + clientCpu.system) / Math.max(1, delivered);
  latencies.sort((a, b) => a - b);
  return { chats: customers.length, messages: delivered, seconds, perSecond: delivered / seconds, p50Ms: percentile(latencies, 0.5), p99Ms: percentile(latencies, 0.99), serverCpuUsPerMsg, clientCpuUsPerMsg };
}

export interface DeskBenchOptions {
  /** postgres://… : the nodes keep their data in PostgreSQL; absent: one node on SQLite. */
  databaseUrl?: string;
  /**
   * 2: a second node on the same PostgreSQL database; the customers talk to the first node and
   * the agent's desktop to the second, so every message crosses nodes (feed, NOTIFY, follower).
   */
  nodes?: 1 | 2;
}

export async function benchDeskServer(
  chats: number,
  perChat: number,
  ratePerSec: number,
  opts: DeskBenchOptions = {},
): Promise<{ saturated: ThroughputResult; atRate: ThroughputResult }> {
  const db = opts.databaseUrl ? ['--database-url', opts.databaseUrl] : [];
  const { url, child } = await startProcess(db);
  const second = opts.nodes === 2 ? await startProcess(db).catch(async (err: unknown) => {
    await stopProcess(child);
    throw err;
  }) : null;
  const agentUrl = second?.url ?? url;
  try {
    const post = async (path: string, body: unknown, token?: string) => {
      const res = await fetch(url + path, {
        method: path.includes('presence') ? 'PUT' : 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<Record<string, unknown>>;
    };
    const login = (await post('/api/auth/login', { email: 'agent@demo.agentdesk.test', password: DEMO_PASSWORD })) as { token: string };
    // Chats wait in the agent's regional queue, which the agent's desktop sees live.
    const agent = await open(agentUrl.replace('http', 'ws') + '/ws/agent');
    agent.send(JSON.stringify({ type: 'auth', token: login.token, protocol: 1 }));
    const ready = await new Promise<{ epoch: string; head: number }>((r) => agent.once('message', (d) => r(JSON.parse(d.toString()))));
    agent.send(JSON.stringify({ type: 'subscribe', cursor: String(ready.head), epoch: ready.epoch }));
    const customers: WebSocket[] = [];
    for (let i = 0; i < chats; i++) {
      // A visitor: a case of its own in the agent's region, one socket per chat as the relay has.
      // (Verified demo customers would rejoin their open chat: the 13 of eu-north would share
      // every socket, each message echoed to ~77 tabs, which measured the echo, not the node.)
      const started = (await post('/api/chat/start', { name: `Visitor ${i}`, regionId: 'eu-north', category: 'payment_delay', description: 'Bench chat' })) as { token: string };
      const ws = await open(url.replace('http', 'ws') + '/ws/chat');
      ws.send(JSON.stringify({ type: 'auth', token: started.token }));
      await new Promise((r) => ws.once('message', r));
      customers.push(ws);
    }
    await new Promise((r) => setTimeout(r, 300));
    const result = await phases(customers, agent, perChat, ratePerSec, [child.pid!, ...(second ? [second.child.pid!] : [])]);
    for (const ws of customers) ws.terminate();
    agent.terminate();
    return result;
  } finally {
    if (second) await stopProcess(second.child);
    await stopProcess(child);
  }
}

export async function benchRelay(chats: number, perChat: number, ratePerSec: number): Promise<{ saturated: ThroughputResult; atRate: ThroughputResult }> {
  const { url, child } = await startProcess(['--relay']);
  try {
    const base = url.replace('http', 'ws');
    const agent = await open(`${base}/agent`);
    const customers: WebSocket[] = [];
    for (let i = 0; i < chats; i++) customers.push(await open(`${base}/c`));
    const result = await phases(customers, agent, perChat, ratePerSec, [child.pid!]);
    for (const ws of customers) ws.terminate();
    agent.terminate();
    return result;
  } finally {
    await stopProcess(child);
  }
}
