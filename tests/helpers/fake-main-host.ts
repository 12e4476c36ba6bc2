/**
 * The console against a fake main, for browser tests that pin what the renderer is told: the
 * renderer built once with Vite (console-host.ts), the browser host's server (createHostServer)
 * answering from a table of handlers, headless Chromium on top. A fake main records every call,
 * answers the channels every console asks for (drafts, tabs:save, activity, sync status) unless
 * the test overrides them, and refuses anything else as "not faked".
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import type { EventChannel, InvokeChannel } from '../../src/shared/api/channels';
import type { ApiErrorCode, Result, SyncStatus } from '../../src/shared/api/contract';
import { createHostServer, type HostServer } from '../../src/main/host/server';
import { buildRenderer, CHROMIUM, CHROMIUM_ARGS, removeBuiltRenderer } from './console-host';

export { nbsp } from './console-host';

/** A channel's input as the renderer sent it (fields read loosely: the fake trusts its renderer). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type FakeInput = Record<string, any>;
export type FakeHandler = (input: FakeInput) => Result<unknown> | Promise<Result<unknown>>;
export type FakeHandlers = Partial<Record<InvokeChannel, FakeHandler>>;

export const ok = (value: unknown): Result<unknown> => ({ ok: true, value });
export const fail = (code: ApiErrorCode, message: string): Result<unknown> => ({ ok: false, error: { code, message } });

export interface FakeMain {
  /** Every call the renderer made, in order. */
  calls: { channel: string; input: unknown }[];
  /** The sync status `sync:status` answers with (online, nothing queued, synced 5 s ago, unless given). */
  status: SyncStatus;
  /** Changes the sync status and tells the renderer, as the sync engine does. */
  setStatus(change: Partial<SyncStatus>): void;
  emit(channel: EventChannel, payload: unknown): void;
  onEvent(listener: (channel: EventChannel, payload: unknown) => void): () => void;
  dispatch(channel: unknown, input: unknown): Promise<Result<unknown>>;
}

export interface FakeMainOptions {
  /** Overrides of the default sync status. */
  status?: Partial<SyncStatus>;
}

/** A fake main answering from `handlers`, over the defaults every console asks for. */
export function createFakeMain(handlers: FakeHandlers, opts: FakeMainOptions = {}): FakeMain {
  const listeners = new Set<(c: EventChannel, p: unknown) => void>();
  const main: FakeMain = {
    calls: [],
    status: { connection: 'online', outbox: 0, lastSyncedAt: new Date(Date.now() - 5_000).toISOString(), attempt: 0, nextRetryAt: null, initialSync: null, problem: null, ...opts.status },
    setStatus(change) {
      main.status = { ...main.status, ...change };
      main.emit('sync:status', main.status);
    },
    emit(channel, payload) {
      listeners.forEach((l) => l(channel, payload));
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    async dispatch(channel, input) {
      main.calls.push({ channel: String(channel), input });
      const all: FakeHandlers = { ...defaults, ...handlers };
      const handler = all[channel as InvokeChannel];
      if (!handler) return fail('invalid_input', `not faked: ${String(channel)}`);
      return handler((input ?? {}) as FakeInput);
    },
  };
  const defaults: FakeHandlers = {
    'drafts:get': () => ok(null),
    'drafts:save': () => ok(null),
    'tabs:save': () => ok(null),
    'activity:viewing': () => ok(null),
    'activity:typing': () => ok(null),
    'sync:status': () => ok(main.status),
  };
  return main;
}

export interface FakeMainHost {
  /** The host's page (http://127.0.0.1:port: a secure context). */
  url: string;
  host: HostServer;
  browser: Browser;
  main: FakeMain;
  /** Closes Chromium and the host and removes the built renderer. */
  close(): Promise<void>;
}

export interface FakeMainHostOptions {
  /** Chromium flags beyond CHROMIUM_ARGS (e.g. `--font-render-hinting=none` for steadier pictures). */
  extraArgs?: string[];
}

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

/** Builds the renderer (once per file), serves it against `main` and launches Chromium. */
export async function startFakeMainHost(main: FakeMain, opts: FakeMainHostOptions = {}): Promise<FakeMainHost> {
  const rendererDir = await buildRenderer();
  const [host, browser] = await Promise.all([
    createHostServer({ dispatch: (c, i) => main.dispatch(c, i), onEvent: (l) => main.onEvent(l), rendererDir, log: quiet }),
    chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...(opts.extraArgs ?? [])] }),
  ]);
  return {
    url: host.url,
    host,
    browser,
    main,
    async close() {
      await browser.close();
      await host.close();
      await removeBuiltRenderer();
    },
  };
}

/** Signs in on the login screen of a fake main (any password but `nope` works there) and waits for the chat list to show `firstChat`. */
export async function signIn(page: Page, firstChat: RegExp): Promise<void> {
  await page.getByLabel('Email').fill('maja@desk.example');
  await page.getByLabel('Password').fill('demo');
  await page.keyboard.press('Enter');
  await page.getByRole('listbox', { name: /chats/ }).getByRole('option', { name: firstChat }).waitFor();
}
