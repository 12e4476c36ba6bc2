/**
 * The desktop's main-process services, the same under Electron and in the browser host: the
 * signed-in runtime (one offline cache per agent, the sync engine) and the typed API handlers.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { EventChannel } from '../shared/api/channels';
import type { EventPayload, SessionState } from '../shared/api/contract';
import { createDispatcher, type Dispatch } from './api/dispatch';
import type { SecretStore } from './secrets';
import { createHandlers } from './services/handlers';
import { createRuntime, type Runtime } from './services/runtime';
import { createSessionStore } from './services/session-store';
import { createSettingsStore } from './services/settings-store';
import { createServerClient } from './sync/server-client';

export interface DesktopLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface DesktopOptions {
  userDataDir: string;
  secrets: SecretStore;
  log: DesktopLog;
  /**
   * The desk server the desktop was started with (`npm start -- --server-url URL`, or the one
   * `npm start` runs): the login form offers it, before the address of the last session.
   */
  serverUrl?: string;
  /** Tests shorten the heartbeat to notice a dead connection quickly. */
  heartbeatMs?: number;
  pongTimeoutMs?: number;
  /** Tests inject these: the network (to lose an ack) and the jitter (to keep retries short). */
  fetchImpl?: typeof fetch;
  random?: () => number;
  /** The desktop's clock (tests skew it by a year: ordering must never depend on it). */
  now?: () => Date;
  /** better-sqlite3's addon built for Electron's ABI; absent under Node. */
  sqliteNativeBinding?: string;
}

export interface Desktop {
  dispatch: Dispatch;
  onEvent(listener: (channel: EventChannel, payload: unknown) => void): () => void;
  /** The runtime of the signed-in agent, if any (tests, OS integration). */
  runtime(): Runtime | null;
  close(): Promise<void>;
}

export async function createDesktop(opts: DesktopOptions): Promise<Desktop> {
  mkdirSync(opts.userDataDir, { recursive: true });
  const listeners = new Set<(channel: EventChannel, payload: unknown) => void>();
  const emit = <E extends EventChannel>(channel: E, payload: EventPayload<E>) => {
    for (const l of listeners) {
      try {
        l(channel, payload);
      } catch (err) {
        opts.log.error({ err }, 'desktop: event listener failed');
      }
    }
  };
  const settings = createSettingsStore(path.join(opts.userDataDir, 'settings.json'));
  const sessions = createSessionStore(path.join(opts.userDataDir, 'session.json'), opts.secrets);
  let runtime: Runtime | null = null;

  const sessionState = (): SessionState => {
    const s = sessions.get();
    const signedIn = runtime !== null;
    return { serverUrl: signedIn ? s.serverUrl : (opts.serverUrl ?? s.serverUrl), agent: s.agent, signedIn };
  };

  async function openRuntime(serverUrl: string, agentId: string, token: string): Promise<Runtime> {
    const server = createServerClient(serverUrl, () => token, opts.fetchImpl);
    const rt = createRuntime({
      cacheDir: path.join(opts.userDataDir, 'cache'),
      agentId,
      serverUrl,
      server,
      token,
      settings,
      log: opts.log,
      heartbeatMs: opts.heartbeatMs,
      pongTimeoutMs: opts.pongTimeoutMs,
      random: opts.random,
      now: opts.now,
      nativeBinding: opts.sqliteNativeBinding,
      emit,
      onSessionEnded: () => {
        void closeRuntime().then(() => {
          sessions.signOut();
          emit('session:changed', sessionState());
        });
      },
    });
    rt.start();
    return rt;
  }

  async function closeRuntime(): Promise<void> {
    const rt = runtime;
    runtime = null;
    await rt?.close();
  }

  // Resume a stored session: the desktop works offline from its cache at once.
  const saved = sessions.get();
  if (saved.serverUrl && saved.agent && saved.token) {
    try {
      runtime = await openRuntime(saved.serverUrl, saved.agent.id, saved.token);
    } catch (err) {
      opts.log.error({ err }, 'desktop: could not reopen the cache');
    }
  }

  const handlers = createHandlers({
    settings,
    sessions,
    log: opts.log,
    runtime: () => runtime,
    sessionState,
    emit,
    async signIn(serverUrl, email, password) {
      const server = createServerClient(serverUrl, () => null, opts.fetchImpl);
      const login = await server.login(email, password);
      await closeRuntime();
      sessions.signIn(server.baseUrl, login.agent, login.token);
      runtime = await openRuntime(server.baseUrl, login.agent.id, login.token);
      emit('session:changed', sessionState());
      return sessionState();
    },
    async signOut(keepCache) {
      const rt = runtime;
      await rt?.server.logout().catch(() => undefined);
      await closeRuntime();
      if (rt && !keepCache) rt.wipe();
      sessions.signOut();
      emit('session:changed', sessionState());
    },
  });

  return {
    dispatch: createDispatcher(handlers, opts.log),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    runtime: () => runtime,
    close: closeRuntime,
  };
}
