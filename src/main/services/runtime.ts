/**
 * The signed-in agent's runtime: its own offline cache file, the sync engine, the mapping of
 * engine events to API events, cache eviction and attachment prefetch.
 */
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { EventChannel } from '../../shared/api/channels';
import type { EventPayload } from '../../shared/api/contract';
import { Board } from '../../shared/protocol/supervisor';
import { createAssistService, type AssistService } from '../assist/assist-service';
import { createCache, type Cache } from '../cache/cache';
import { openCache } from '../cache/db';
import type { DesktopLog } from '../desktop';
import { createSyncEngine, type SyncEngine } from '../sync/engine';
import type { ServerClient } from '../sync/server-client';
import type { SettingsStore } from './settings-store';

const EVICT_EVERY_MS = 10 * 60_000;
const PREFETCH_DELAY_MS = 2_000;

export interface RuntimeOptions {
  cacheDir: string;
  agentId: string;
  serverUrl: string;
  server: ServerClient;
  token: string;
  settings: SettingsStore;
  log: DesktopLog;
  heartbeatMs?: number;
  pongTimeoutMs?: number;
  random?: () => number;
  now?: () => Date;
  nativeBinding?: string;
  emit<E extends EventChannel>(channel: E, payload: EventPayload<E>): void;
  onSessionEnded(): void;
}

export interface Runtime {
  agentId: string;
  cache: Cache;
  /** Suggested replies, similar cases and summaries from the cache (issue 9). */
  assist: AssistService;
  engine: SyncEngine;
  server: ServerClient;
  start(): void;
  close(): Promise<void>;
  /** Deletes this agent's cache files (after close). */
  wipe(): void;
}

/** One cache file per agent and server, so two agents on one machine never share data. */
export function cacheFileFor(cacheDir: string, serverUrl: string, agentId: string): string {
  const key = createHash('sha256').update(`${serverUrl}\n${agentId}`).digest('hex').slice(0, 24);
  return path.join(cacheDir, `${key}.sqlite`);
}

export function createRuntime(o: RuntimeOptions): Runtime {
  const file = cacheFileFor(o.cacheDir, o.serverUrl, o.agentId);
  const filesDir = path.join(o.cacheDir, 'files');
  const cache = createCache(openCache(file, { nativeBinding: o.nativeBinding }), filesDir, o.now);
  cache.state.set({ serverUrl: o.serverUrl, agentId: o.agentId });
  const engine = createSyncEngine({ cache, server: o.server, token: o.token, log: o.log, heartbeatMs: o.heartbeatMs, pongTimeoutMs: o.pongTimeoutMs, random: o.random, now: o.now });
  let prefetchTimer: NodeJS.Timeout | null = null;
  let closed = false;
  const assist = createAssistService({ cache, fetchCases: () => o.server.assistCorpus(), isLive: () => engine.isLive(), log: o.log, now: o.now });

  engine.on((e) => {
    switch (e.type) {
      case 'tickets':
        o.emit('tickets:changed', { ticketIds: e.ticketIds });
        schedulePrefetch();
        return;
      case 'messages':
        for (const ticketId of e.ticketIds) o.emit('messages:changed', { ticketId });
        schedulePrefetch();
        return;
      case 'status':
        o.emit('sync:status', e.status);
        // Back online: the resolved cases assist ranks from are fetched when due.
        void assist.refresh();
        return;
      case 'offered':
        o.emit('chat:offered', { ticketId: e.ticketId, reference: e.reference });
        return;
      case 'typing':
        o.emit('typing', { ticketId: e.ticketId, typing: e.typing });
        return;
      case 'presence':
        o.emit('presence:changed', { agentId: e.agentId, presence: e.presence });
        return;
      case 'colleague':
        o.emit('colleagues:activity', { ticketId: e.ticketId, agentId: e.agentId, name: e.name, state: e.state });
        return;
      case 'session-ended':
        o.onSessionEnded();
        return;
      case 'board': {
        // A frame from the wire: only a board the contract accepts reaches the renderer.
        const board = Board.safeParse(e.board);
        if (board.success) o.emit('supervisor:board', board.data);
        else o.log.warn({ issue: board.error.issues[0]?.message }, 'sync: a board frame did not parse; dropped');
        return;
      }
      case 'actions':
        for (const { ack, ticketId } of e.settled)
          o.emit('actions:settled', {
            clientMsgId: ack.clientMsgId,
            ticketId,
            status: ack.status,
            code: ack.status === 'rejected' ? ack.code : null,
            reason: ack.status === 'rejected' ? ack.reason : null,
          });
        return;
    }
  });

  const evict = () => {
    try {
      const { evictedTickets } = cache.evict(o.settings.get().cacheLimitMb * 1024 * 1024);
      if (evictedTickets) o.log.info({ evictedTickets }, 'cache: evicted old closed tickets');
    } catch (err) {
      o.log.warn({ err }, 'cache: eviction failed');
    }
  };
  const evictTimer = setInterval(evict, EVICT_EVERY_MS);
  evictTimer.unref?.();

  /** Screenshots of the agent's open chats are fetched ahead, so they show offline too. */
  function schedulePrefetch(): void {
    if (prefetchTimer || closed) return;
    prefetchTimer = setTimeout(() => {
      prefetchTimer = null;
      void prefetch();
    }, PREFETCH_DELAY_MS);
    prefetchTimer.unref?.();
  }
  async function prefetch(): Promise<void> {
    if (!engine.isLive()) return;
    for (const t of cache.tickets.list('mine', o.agentId, 50)) {
      const detail = cache.tickets.detail(t.id);
      for (const a of detail?.attachments ?? []) {
        if (closed || cache.attachments.readFile(a.sha256)) continue;
        try {
          const { data } = await o.server.downloadAttachment(a.id);
          cache.attachments.writeFile(a.sha256, data);
        } catch (err) {
          o.log.warn({ err: err instanceof Error ? err.message : String(err), attachmentId: a.id }, 'prefetch: attachment not fetched');
        }
      }
    }
  }

  return {
    agentId: o.agentId,
    cache,
    assist,
    engine,
    server: o.server,
    start() {
      evict();
      engine.start();
    },
    async close() {
      closed = true;
      clearInterval(evictTimer);
      if (prefetchTimer) clearTimeout(prefetchTimer);
      await engine.stop();
      cache.close();
    },
    wipe() {
      for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    },
  };
}
