/**
 * The sync engine (SYNC.md): optimistic writes wait in the cache's outbox and are pushed in seq
 * order; pulls are applied atomically; live events are hints with gap detection; reconnects back
 * off with jitter; a heartbeat notices a dead connection within seconds; must-resync rebuilds
 * the cache and keeps the outbox. Every operation runs one at a time, in order.
 */
import WebSocket from 'ws';
import type { SyncStatus } from '../../shared/api/contract';
import type { AgentServerFrame } from '../../shared/protocol/agent-ws';
import { CLOSE_CODES, PROTOCOL_VERSION } from '../../shared/protocol/errors';
import type { Ack } from '../../shared/protocol/mutations';
import { MAX_PUSH_BATCH } from '../../shared/protocol/mutations';
import type { Change } from '../../shared/protocol/sync';
import type { Cache } from '../cache/cache';
import { backoffDelay } from './backoff';
import { ClientTooOldError, MustResyncError, SessionEndedError, TransientError, type ServerClient } from './server-client';

export type EngineEvent =
  | { type: 'tickets'; ticketIds: string[] }
  | { type: 'messages'; ticketIds: string[] }
  | { type: 'status'; status: SyncStatus }
  | { type: 'offered'; ticketId: string; reference: string }
  | { type: 'typing'; ticketId: string; typing: boolean }
  | { type: 'presence'; agentId: string; presence: 'available' | 'away' | 'offline' }
  | { type: 'colleague'; ticketId: string; agentId: string; name: string; state: 'viewing' | 'typing' | 'left' }
  | { type: 'session-ended'; reason: string }
  /** Acks of ticket and account actions (replies and notes carry theirs on the message row). */
  | { type: 'actions'; settled: { ack: Ack; ticketId: string }[] }
  /** Supervisors: the board as the server pushed it (unchecked here; the runtime parses it). */
  | { type: 'board'; board: unknown };

export interface EngineLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface SyncEngineOptions {
  cache: Cache;
  server: ServerClient;
  token: string;
  log: EngineLog;
  now?: () => Date;
  random?: () => number;
  /** How often the socket is pinged, and how long a pong may take before the socket counts as dead. */
  heartbeatMs?: number;
  pongTimeoutMs?: number;
  pullPageSize?: number;
}

const isFeedCursor = (c: string) => /^\d+$/.test(c);

/**
 * Refused for too many connections (4008, or 429 before the handshake): the next try waits at
 * least this long, since the cause (another window, a burst from the same network) takes a
 * while to go away; the agent sees the server's sentence meanwhile.
 */
export const TOO_MANY_CONNECTIONS_RETRY_MS = 10_000;
const TOO_MANY_CONNECTIONS = 'Too many connections to the desk server from this sign-in or network; retrying shortly.';

export function createSyncEngine(opts: SyncEngineOptions) {
  const { cache, server, log } = opts;
  const now = opts.now ?? (() => new Date());
  const random = opts.random ?? Math.random;
  const heartbeatMs = opts.heartbeatMs ?? 10_000;
  const pongTimeoutMs = opts.pongTimeoutMs ?? 5_000;
  // Big pages: each page is one transaction with an fsync (synchronous=FULL), so fewer is faster.
  const pageSize = opts.pullPageSize ?? 1000;

  const listeners = new Set<(e: EngineEvent) => void>();
  let ws: WebSocket | null = null;
  let stopped = true;
  let connection: SyncStatus['connection'] = 'offline';
  let live = false; // subscribed and caught up
  let attempt = 0;
  let nextRetryAt: string | null = null;
  let reconnectTimer: NodeJS.Timeout | null = null;
  let pushTimer: NodeJS.Timeout | null = null;
  let pushAttempt = 0;
  let heartbeat: NodeJS.Timeout | null = null;
  let lastHeard = 0;
  let initialSync: SyncStatus['initialSync'] = null;
  let problem: string | null = null;
  /** The HTTP status the last upgrade was refused with, if it was. */
  let refusedStatus: number | null = null;
  let chain: Promise<void> = Promise.resolve();
  /** The chat the agent has on screen: told to the server again after every reconnect. */
  let viewing: string | null = null;

  const emit = (e: EngineEvent) => {
    for (const l of listeners) {
      try {
        l(e);
      } catch (err) {
        log.error({ err }, 'sync: event listener failed');
      }
    }
  };
  const status = (): SyncStatus => ({
    connection,
    outbox: cache.outbox.size(),
    lastSyncedAt: cache.state.get().lastSyncedAt,
    attempt,
    nextRetryAt,
    initialSync,
    problem,
  });
  const emitStatus = () => emit({ type: 'status', status: status() });

  /** Runs operations one at a time, in order; a failure never breaks the chain. */
  function run(op: () => Promise<void>): Promise<void> {
    chain = chain.then(op).catch((err) => handleError(err));
    return chain;
  }

  function handleError(err: unknown): void {
    if (err instanceof SessionEndedError) {
      problem = err.message;
      emit({ type: 'session-ended', reason: err.message });
      void stop();
      return;
    }
    if (err instanceof ClientTooOldError) {
      problem = err.message;
      log.warn({ err: err.message }, 'sync: client too old; the outbox is kept');
      dropSocket();
      emitStatus();
      return;
    }
    if (err instanceof TransientError) {
      log.warn({ err: err.message }, 'sync: transient failure');
      dropSocket();
      return;
    }
    log.error({ err }, 'sync: operation failed');
    dropSocket();
  }

  // ---- applying changes -----------------------------------------------------------------------

  function apply(changes: Change[], cursor: string, epoch: string): void {
    const { ticketIds, messageTicketIds } = cache.applyPage(changes, { cursor, epoch });
    if (ticketIds.length) emit({ type: 'tickets', ticketIds });
    if (messageTicketIds.length) emit({ type: 'messages', ticketIds: messageTicketIds });
  }

  async function pullUntilCaughtUp(): Promise<void> {
    for (;;) {
      const state = cache.state.get();
      let page;
      try {
        page = await server.pull(state.cursor, state.epoch, pageSize);
      } catch (err) {
        if (err instanceof MustResyncError) {
          resync();
          continue;
        }
        throw err;
      }
      if (state.cursor !== '' && state.epoch && page.epoch !== state.epoch) {
        resync();
        continue;
      }
      apply(page.changes, page.cursor, page.epoch);
      initialSync = page.progress && page.hasMore ? page.progress : null;
      emitStatus();
      if (!page.hasMore) return;
    }
  }

  /** The cache is disposable, the outbox is not (SYNC.md §14). */
  function resync(): void {
    log.warn({}, 'sync: must resync; rebuilding the cache, keeping the outbox');
    cache.resetServerData();
    emit({ type: 'tickets', ticketIds: [] });
  }

  // ---- pushing --------------------------------------------------------------------------------

  async function flushOutbox(): Promise<void> {
    const clientId = cache.state.get().clientId;
    for (;;) {
      const entries = cache.outbox.list(MAX_PUSH_BATCH);
      if (entries.length === 0) {
        pushAttempt = 0;
        return;
      }
      let acks: Ack[];
      try {
        acks = (await server.push({ clientId, protocol: PROTOCOL_VERSION, mutations: entries.map((e) => e.mutation) })).acks;
      } catch (err) {
        if (err instanceof TransientError) {
          schedulePushRetry(entries.map((e) => e.clientMsgId), err.message);
          return;
        }
        throw err;
      }
      // The server acknowledges a prefix; anything after it is retried (never marked sent).
      const known = new Set(entries.map((e) => e.clientMsgId));
      cache.outbox.applyAcks(acks.filter((a) => known.has(a.clientMsgId)));
      const settled = entries.flatMap((e) => {
        const ack = e.kind.startsWith('message.') ? undefined : acks.find((a) => a.clientMsgId === e.clientMsgId);
        return ack ? [{ ack, ticketId: e.mutation.ticketId }] : [];
      });
      const touched = [...new Set(entries.filter((e) => acks.some((a) => a.clientMsgId === e.clientMsgId)).map((e) => e.mutation.ticketId))];
      if (touched.length) {
        emit({ type: 'messages', ticketIds: touched });
        emit({ type: 'tickets', ticketIds: touched });
      }
      if (settled.length) emit({ type: 'actions', settled });
      emitStatus();
      if (acks.length < entries.length) {
        schedulePushRetry(entries.slice(acks.length).map((e) => e.clientMsgId), 'the server stopped mid-batch');
        return;
      }
    }
  }

  function schedulePushRetry(ids: string[], error: string): void {
    const delay = backoffDelay(pushAttempt++, random);
    cache.outbox.recordFailure(ids, error, new Date(now().getTime() + delay).toISOString());
    if (pushTimer) clearTimeout(pushTimer);
    pushTimer = setTimeout(() => {
      pushTimer = null;
      kick();
    }, delay);
    pushTimer.unref?.();
    emitStatus();
  }

  // ---- the live connection --------------------------------------------------------------------

  function connect(): void {
    if (stopped) return;
    connection = 'connecting';
    nextRetryAt = null;
    emitStatus();
    const socket = new WebSocket(server.wsUrl(), { handshakeTimeout: 10_000 });
    ws = socket;
    lastHeard = Date.now();
    refusedStatus = null;
    // Refused before the handshake: remember why, then let the socket close as a failed connection.
    socket.on('unexpected-response', (_req, res) => {
      refusedStatus = res.statusCode ?? null;
      res.resume();
      socket.terminate();
    });
    socket.on('open', () => socket.send(JSON.stringify({ type: 'auth', token: opts.token, protocol: PROTOCOL_VERSION })));
    socket.on('message', (data) => {
      lastHeard = Date.now();
      let frame: AgentServerFrame;
      try {
        frame = JSON.parse(data.toString()) as AgentServerFrame;
      } catch {
        return;
      }
      onFrame(socket, frame);
    });
    socket.on('pong', () => (lastHeard = Date.now()));
    socket.on('error', (err) => log.warn({ err: err.message }, 'sync: socket error'));
    socket.on('close', (code, reason) => onClose(socket, code, reason.toString()));
  }

  function onFrame(socket: WebSocket, frame: AgentServerFrame): void {
    switch (frame.type) {
      case 'ready':
        void run(async () => {
          if (socket !== ws) return;
          const state = cache.state.get();
          if (state.epoch && state.epoch !== frame.epoch && state.cursor !== '') resync();
          // Reconnect order (SYNC.md §11): push the outbox oldest first, pull until caught up, go live.
          await flushOutbox();
          await pullUntilCaughtUp();
          if (socket !== ws || socket.readyState !== WebSocket.OPEN) return;
          const s = cache.state.get();
          socket.send(JSON.stringify({ type: 'subscribe', cursor: s.cursor, epoch: s.epoch ?? frame.epoch }));
          live = true;
          if (viewing) socket.send(JSON.stringify({ type: 'viewing', ticketId: viewing }));
          connection = 'online';
          attempt = 0;
          problem = null;
          startHeartbeat(socket);
          emitStatus();
          if (cache.outbox.size() > 0) kick();
        });
        return;
      case 'changes':
        void run(async () => {
          if (socket !== ws) return;
          const cursor = cache.state.get().cursor;
          if (!isFeedCursor(cursor)) return pullUntilCaughtUp();
          const at = Number(cursor);
          if (frame.seq <= at) return; // already applied through a pull
          if (frame.from > at) return pullUntilCaughtUp(); // a gap: the pull is the truth
          apply(frame.changes, String(frame.seq), cache.state.get().epoch ?? '');
          emitStatus();
        });
        return;
      case 'behind':
        void run(pullUntilCaughtUp);
        return;
      case 'must_resync':
        void run(async () => {
          resync();
          await pullUntilCaughtUp();
          const s = cache.state.get();
          if (socket === ws && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'subscribe', cursor: s.cursor, epoch: s.epoch }));
        });
        return;
      case 'chat.offered':
        emit({ type: 'offered', ticketId: frame.ticketId, reference: frame.reference });
        return;
      case 'typing':
        emit({ type: 'typing', ticketId: frame.ticketId, typing: frame.typing });
        return;
      case 'presence':
        emit({ type: 'presence', agentId: frame.agentId, presence: frame.presence });
        return;
      case 'colleague':
        emit({ type: 'colleague', ticketId: frame.ticketId, agentId: frame.agentId, name: frame.name, state: frame.state });
        return;
      case 'board':
        emit({ type: 'board', board: frame.board });
        return;
      case 'error':
        log.warn({ code: frame.code, message: frame.message }, 'sync: server error frame');
        return;
      case 'pong':
      case 'queues':
        return;
    }
  }

  function startHeartbeat(socket: WebSocket): void {
    stopHeartbeat();
    heartbeat = setInterval(() => {
      if (socket !== ws) return stopHeartbeat();
      if (Date.now() - lastHeard > heartbeatMs + pongTimeoutMs) {
        log.warn({}, 'sync: heartbeat missed; reconnecting');
        socket.terminate();
        return;
      }
      socket.send(JSON.stringify({ type: 'ping', t: Date.now() }));
    }, Math.min(heartbeatMs, pongTimeoutMs));
    heartbeat.unref?.();
  }
  function stopHeartbeat(): void {
    if (heartbeat) clearInterval(heartbeat);
    heartbeat = null;
  }

  function onClose(socket: WebSocket, code: number, reason: string): void {
    if (socket !== ws) return;
    ws = null;
    live = false;
    stopHeartbeat();
    if (code === CLOSE_CODES.sessionRevoked || code === CLOSE_CODES.unauthorized) {
      problem = 'Your session has ended; sign in again.';
      emit({ type: 'session-ended', reason: reason || problem });
      void stop();
      return;
    }
    if (stopped) return;
    connection = 'offline';
    let delay = backoffDelay(attempt++, random);
    if (code === CLOSE_CODES.tooManyConnections || refusedStatus === 429) {
      problem = reason || TOO_MANY_CONNECTIONS;
      delay = Math.max(delay, TOO_MANY_CONNECTIONS_RETRY_MS);
      log.warn({ code, status: refusedStatus }, 'sync: refused for too many connections; backing off');
    } else if (refusedStatus === 421) {
      problem = 'The desk server does not answer to this address; ask its administrator to add the name with --public-host.';
    }
    nextRetryAt = new Date(now().getTime() + delay).toISOString();
    emitStatus();
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect();
    }, delay);
    reconnectTimer.unref?.();
  }

  function dropSocket(): void {
    if (ws) ws.terminate();
  }

  // ---- public ---------------------------------------------------------------------------------

  function start(): void {
    if (!stopped) return;
    stopped = false;
    connect();
  }

  async function stop(): Promise<void> {
    stopped = true;
    live = false;
    connection = 'offline';
    if (reconnectTimer) clearTimeout(reconnectTimer);
    if (pushTimer) clearTimeout(pushTimer);
    reconnectTimer = pushTimer = null;
    stopHeartbeat();
    const s = ws;
    ws = null;
    s?.close(CLOSE_CODES.normal, 'bye');
    await chain.catch(() => undefined);
  }

  /** Ephemeral frames go out only while live; nothing is queued for them (SYNC.md: never in the feed). */
  function sendLive(frame: object): void {
    if (live && ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
  }

  /** The chat on screen (null: none), for colleagues' collision hints; re-sent after a reconnect. */
  function setViewing(ticketId: string | null): void {
    if (viewing === ticketId) return;
    viewing = ticketId;
    sendLive({ type: 'viewing', ticketId });
  }

  /** The agent types (or stopped) in a chat: the customer hears of a reply, colleagues of both. */
  function sendTyping(ticketId: string, typing: boolean, kind: 'reply' | 'note'): void {
    sendLive({ type: 'typing', ticketId, typing, kind });
  }

  /** Push soon: after an enqueue, or when a retry is due. */
  function kick(): void {
    if (stopped || !live) return;
    void run(flushOutbox);
  }

  /** The agent pressed "Retry now": reconnect at once if offline, else push. */
  function retryNow(): void {
    if (stopped) return;
    if (reconnectTimer) {
      clearTimeout(reconnectTimer);
      reconnectTimer = null;
      connect();
      return;
    }
    if (pushTimer) clearTimeout(pushTimer);
    pushTimer = null;
    pushAttempt = 0;
    kick();
  }

  return {
    start,
    stop,
    kick,
    retryNow,
    setViewing,
    sendTyping,
    status,
    /** Resolves when every queued operation so far has finished (tests, shutdown). */
    idle: () => chain,
    isLive: () => live,
    on(listener: (e: EngineEvent) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
export type SyncEngine = ReturnType<typeof createSyncEngine>;
