/** Starts the desktop's main-process services (the same as Electron and the browser host run) against a server. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { InvokeChannel } from '../../src/shared/api/channels';
import type { InvokeInput, InvokeOutput, SyncStatus } from '../../src/shared/api/contract';
import { createDesktop, type Desktop, type DesktopOptions } from '../../src/main/desktop';
import { DEMO_PASSWORD } from '../../src/server/demo/seed';

export interface TestDesktop {
  desktop: Desktop;
  userDataDir: string;
  call<C extends InvokeChannel>(channel: C, input: InvokeInput<C>): Promise<InvokeOutput<C>>;
  waitFor(pred: () => boolean | Promise<boolean>, what: string, timeoutMs?: number): Promise<void>;
  status(): Promise<SyncStatus>;
  close(opts?: { keepData?: boolean }): Promise<void>;
}

const quiet = { info: () => {}, warn: () => {}, error: (o: object, m?: string) => console.error(m, o) };

export async function startDesktop(opts: Partial<DesktopOptions> & { userDataDir?: string } = {}): Promise<TestDesktop> {
  const userDataDir = opts.userDataDir ?? mkdtempSync(path.join(os.tmpdir(), 'agent-desk-desktop-'));
  let token: string | null = null;
  const desktop = await createDesktop({
    userDataDir,
    secrets: opts.secrets ?? { get: () => token, set: (v) => void (token = v) },
    log: opts.log ?? quiet,
    heartbeatMs: opts.heartbeatMs ?? 1000,
    pongTimeoutMs: opts.pongTimeoutMs ?? 1000,
    random: opts.random ?? (() => 0),
    fetchImpl: opts.fetchImpl,
    now: opts.now,
  });
  async function call<C extends InvokeChannel>(channel: C, input: InvokeInput<C>): Promise<InvokeOutput<C>> {
    const r = await desktop.dispatch(channel, input);
    if (!r.ok) throw Object.assign(new Error(`${channel}: ${r.error.code}: ${r.error.message}`), { code: r.error.code });
    return r.value as InvokeOutput<C>;
  }
  async function waitFor(pred: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000) {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (await pred()) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`timed out waiting for ${what}`);
  }
  return {
    desktop,
    userDataDir,
    call,
    waitFor,
    status: () => call('sync:status', null),
    async close({ keepData = false } = {}) {
      await desktop.close();
      if (!keepData) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export async function signIn(d: TestDesktop, serverUrl: string, email: string): Promise<void> {
  await d.call('session:login', { serverUrl, email, password: DEMO_PASSWORD });
  await d.waitFor(async () => (await d.status()).connection === 'online', 'the first sync');
}
