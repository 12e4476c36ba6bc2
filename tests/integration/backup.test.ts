/**
 * `npm run server -- backup` against a desk that keeps writing: customers send messages the
 * whole time, the backup runs as its own process (as an operator runs it), and the copy must be
 * a consistent snapshot holding at least everything committed before the backup began.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, clientMsgId } from '../helpers/api';
import { startTestServer, type TestServer } from '../helpers/server';
import { customerIn, startChat } from '../helpers/world';

let server: TestServer;
let outDir: string;

beforeAll(async () => {
  server = await startTestServer({ customers: 60, historicTickets: 40 });
  outDir = mkdtempSync(path.join(os.tmpdir(), 'agent-desk-backup-'));
});
afterAll(async () => {
  await server?.close();
  rmSync(outDir, { recursive: true, force: true });
});

function runCli(command: 'backup' | 'restore', args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', command, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
const runBackup = (args: string[]) => runCli('backup', args);
const runRestore = (args: string[]) => runCli('restore', args);

const counts = (db: Database.Database) => ({
  tickets: (db.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n,
  messages: (db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n,
});

describe('online backup while customers keep writing', () => {
  it('copies a consistent snapshot holding everything committed before it began', async () => {
    const chats = [];
    for (let i = 0; i < 6; i++) {
      const res = await startChat(server.url, customerIn(server.db, 'eu-north', i));
      expect(res.status).toBe(201);
      chats.push(res.body.token);
    }
    let writing = true;
    let sent = 0;
    const failures: string[] = [];
    const writers = chats.map(async (token, i) => {
      while (writing) {
        const res = await api(server.url, 'POST', '/api/chat/messages', { token, body: { clientMsgId: clientMsgId(), body: `message ${sent} from customer ${i}` } });
        if (res.status === 200) sent++;
        else failures.push(`${res.status} ${JSON.stringify(res.body)}`);
      }
    });
    while (sent < 30) await new Promise((r) => setTimeout(r, 20));

    const before = counts(server.db);
    const sentBefore = sent;
    const target = path.join(outDir, 'desk-backup.sqlite');
    const result = await runBackup(['--data-dir', server.dataDir, '--to', target]);
    const sentDuring = sent - sentBefore;
    writing = false;
    await Promise.all(writers);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/check +integrity ok, foreign keys ok/);
    expect(result.stdout).toContain(path.join(server.dataDir, 'attachments'));
    expect(failures).toEqual([]);
    expect(sentDuring).toBeGreaterThan(0); // the desk really was writing while the copy ran

    const copy = new Database(target, { readonly: true, fileMustExist: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.pragma('foreign_key_check')).toEqual([]);
      const orphans = copy.prepare('SELECT count(*) AS n FROM messages m WHERE NOT EXISTS (SELECT 1 FROM tickets t WHERE t.id = m.ticket_id)').get() as { n: number };
      expect(orphans.n).toBe(0);
      const inCopy = counts(copy);
      expect(inCopy.tickets).toBeGreaterThanOrEqual(before.tickets);
      expect(inCopy.messages).toBeGreaterThanOrEqual(before.messages);
      expect(inCopy.messages).toBeLessThanOrEqual(counts(server.db).messages);
      expect(result.stdout).toContain(`${inCopy.tickets} tickets, ${inCopy.messages} messages`);
      // The change feed is whole: the copy's head is the highest row a restored desk would serve.
      const head = copy.prepare('SELECT max(seq) AS s FROM change_feed').get() as { s: number };
      expect(head.s).toBeGreaterThan(0);
    } finally {
      copy.close();
    }
    // No temp files left beside the backup, and the live database untouched by name.
    expect(readdirSync(outDir)).toEqual(['desk-backup.sqlite']);
  }, 60_000);

  it('refuses an existing target without --force and replaces it with --force', async () => {
    const target = path.join(outDir, 'twice.sqlite');
    expect((await runBackup(['--data-dir', server.dataDir, '--to', target])).code).toBe(0);
    const again = await runBackup(['--data-dir', server.dataDir, '--to', target]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
    const forced = await runBackup(['--data-dir', server.dataDir, '--to', target, '--force']);
    expect(forced.code).toBe(0);
    expect(existsSync(target)).toBe(true);
  }, 60_000);

  it('restores a backup with a new epoch, refusing while a desk has the database open', async () => {
    const backup = path.join(outDir, 'for-restore.sqlite');
    expect((await runBackup(['--data-dir', server.dataDir, '--to', backup])).code).toBe(0);
    const inBackup = new Database(backup, { readonly: true });
    const backupEpoch = (inBackup.prepare(`SELECT value FROM meta WHERE key = 'epoch'`).get() as { value: string }).value;
    const backupCounts = counts(inBackup);
    const backupHead = (inBackup.prepare('SELECT max(seq) AS s FROM change_feed').get() as { s: number }).s;
    inBackup.close();

    // The running desk (this process) holds its database open: restoring over it is refused.
    const overRunning = await runRestore(['--from', backup, '--data-dir', server.dataDir, '--force']);
    expect(overRunning.code).toBe(2);
    expect(overRunning.stderr).toMatch(/open in another process/);

    const target = path.join(outDir, 'restored');
    mkdirSync(target);
    const restored = await runRestore(['--from', backup, '--data-dir', target]);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    const newEpoch = /epoch +([0-9a-f-]{36}) \(new; was ([0-9a-f-]{36})\)/.exec(restored.stdout);
    expect(newEpoch?.[2]).toBe(backupEpoch);
    expect(newEpoch?.[1]).not.toBe(backupEpoch);

    // A desk started on the restored folder serves the backup's data under the new epoch.
    const again = await startTestServer({ dataDir: target, keepData: true });
    try {
      const health = (await (await fetch(`${again.url}/health`)).json()) as { epoch: string; head: number };
      expect(health.epoch).toBe(newEpoch?.[1]);
      expect(health.head).toBe(backupHead);
      expect(counts(again.db)).toEqual(backupCounts);
    } finally {
      await again.close();
    }

    // Stopped now: --force replaces it, keeping the old database aside.
    const replaced = await runRestore(['--from', backup, '--data-dir', target, '--force']);
    expect(replaced.code).toBe(0);
    expect(readdirSync(target).filter((f) => f.startsWith('desk.sqlite.replaced-') && !f.endsWith('-wal') && !f.endsWith('-shm'))).toHaveLength(1);
  }, 90_000);
});
