/**
 * QUALITY.md reliability: the desktop killed (-9) during bursts of sends, many rounds. After each
 * kill the cache passes integrity_check, every reply whose enqueue returned is still there, every
 * pending reply has its outbox row; after a restart the server holds exactly one copy of each.
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheFileFor } from '../../src/main/services/runtime';
import { startTestServer, type LoginResult, type TestServer } from '../helpers/server';
import { agentsIn, customerIn, setPresence, startChat } from '../helpers/world';

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 10);

let srv: TestServer;
let agent: LoginResult;
let email: string;
let userDataDir: string;

beforeAll(async () => {
  srv = await startTestServer();
  email = agentsIn(srv.db, 'eu-north')[0]!.email;
  agent = await srv.loginAgent(email);
  await setPresence(srv.url, agent.token, 'available', 8);
  for (let i = 0; i < 3; i++) await startChat(srv.url, customerIn(srv.db, 'eu-north', i));
  userDataDir = mkdtempSync(path.join(os.tmpdir(), 'agent-desk-crash-'));
});
afterAll(async () => {
  await srv?.close();
  rmSync(userDataDir, { recursive: true, force: true });
});

function desktopProcess(args: string[], onLine: (msg: Record<string, unknown>) => void): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/desktop-process.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const rl = createInterface({ input: child.stdout! });
  rl.on('line', (line) => {
    try {
      onLine(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // not ours
    }
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code, signal) => {
      if (code && code !== 0) console.error(`desktop process exited ${code}: ${stderr.slice(-2000)}`);
      resolve(signal ? null : code);
    }),
  );
  return { child, exited };
}

describe('kill -9 during bursts of sends', () => {
  it(`keeps every reply exactly once over ${ROUNDS} crashes`, async () => {
    const enqueued: string[] = [];
    const cacheFile = cacheFileFor(path.join(userDataDir, 'cache'), srv.url, agent.agent.id);

    for (let round = 0; round < ROUNDS; round++) {
      let ready!: () => void;
      const isReady = new Promise<void>((r) => (ready = r));
      let sentThisRound = 0;
      const p = desktopProcess(['burst', srv.url, userDataDir, email, String(round)], (msg) => {
        if (msg.ready) ready();
        if (typeof msg.enqueued === 'string') {
          enqueued.push(msg.enqueued);
          sentThisRound++;
        }
      });
      await Promise.race([isReady, p.exited.then((code) => Promise.reject(new Error(`desktop process exited early (${code})`)))]);
      // Let sends and pushes overlap, then pull the plug at a random moment.
      const until = Date.now() + 150 + Math.random() * 600;
      while (Date.now() < until || sentThisRound < 3) await new Promise((r) => setTimeout(r, 5));
      p.child.kill('SIGKILL');
      expect(await p.exited).toBeNull();

      const db = new Database(cacheFile, { readonly: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const bodies = new Set((db.prepare(`SELECT body FROM messages WHERE author_kind = 'agent'`).all() as { body: string }[]).map((r) => r.body));
        const missing = enqueued.filter((b) => !bodies.has(b));
        expect(missing).toEqual([]);
        const orphans = db
          .prepare(`SELECT count(*) AS n FROM messages m WHERE m.delivery = 'pending' AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.client_msg_id = m.client_msg_id)`)
          .get() as { n: number };
        expect(orphans.n).toBe(0);
      } finally {
        db.close();
      }
    }

    // Restart without sending: the outbox drains, and the server holds each reply exactly once.
    let drained!: () => void;
    const isDrained = new Promise<void>((r) => (drained = r));
    const p = desktopProcess(['drain', srv.url, userDataDir, email], (msg) => msg.drained && drained());
    await Promise.race([isDrained, p.exited.then((code) => Promise.reject(new Error(`drain process exited early (${code})`)))]);
    await p.exited;
    const rows = srv.db.prepare(`SELECT body, count(*) AS n FROM messages WHERE author_kind = 'agent' AND body LIKE 'burst %' GROUP BY body`).all() as { body: string; n: number }[];
    const counts = new Map(rows.map((r) => [r.body, r.n]));
    expect(enqueued.length).toBeGreaterThan(ROUNDS * 3);
    expect(enqueued.filter((b) => counts.get(b) !== 1)).toEqual([]);
    expect(rows.every((r) => r.n === 1)).toBe(true);
  }, 180_000);
});
