/**
 * The sync engine's status as main reports it, the link to main itself (browser host), and the
 * short "Back online · N sent" moment after a reconnect.
 */
import { createStore } from 'zustand/vanilla';
import type { ApiError, ConnectionState, DeskApi, SyncStatus } from '../../../shared/api/contract';
import type { Presence } from '../../../shared/domain';

export const BACK_ONLINE_MS = 3_000;

/** 'up' under Electron always; in the browser host, whether the page still reaches main. */
export type HostLink = 'connecting' | 'up' | 'down' | 'refused';

export interface SyncStoreState {
  status: SyncStatus | null;
  host: HostLink;
  /** Shown for a few seconds after the connection comes back. */
  backOnline: { sent: number } | null;
  retryPending: boolean;
  error: ApiError | null;
  load(): Promise<void>;
  /** A `sync:status` event from main. */
  apply(status: SyncStatus): void;
  retryNow(): Promise<void>;
  setHost(link: HostLink): void;
  reset(): void;
}

export function createSyncStore({ api, backOnlineMs = BACK_ONLINE_MS }: { api: DeskApi; backOnlineMs?: number }) {
  let wasOffline = false;
  /** The largest outbox seen while offline: what the reconnect has to send. */
  let outboxWhileOffline = 0;
  let backOnlineTimer: ReturnType<typeof setTimeout> | null = null;

  const clearBackOnlineTimer = () => {
    if (backOnlineTimer) clearTimeout(backOnlineTimer);
    backOnlineTimer = null;
  };

  return createStore<SyncStoreState>()((set, get) => ({
    status: null,
    host: 'up',
    backOnline: null,
    retryPending: false,
    error: null,

    async load() {
      const r = await api.invoke('sync:status', null);
      if (r.ok) get().apply(r.value);
      else set({ error: r.error });
    },

    apply(status) {
      if (status.connection === 'offline') {
        if (!wasOffline) outboxWhileOffline = 0;
        wasOffline = true;
        outboxWhileOffline = Math.max(outboxWhileOffline, status.outbox);
        clearBackOnlineTimer();
        return set({ status, backOnline: null, error: null });
      }
      if (status.connection === 'online' && wasOffline) {
        wasOffline = false;
        clearBackOnlineTimer();
        backOnlineTimer = setTimeout(() => {
          backOnlineTimer = null;
          set({ backOnline: null });
        }, backOnlineMs);
        return set({ status, backOnline: { sent: Math.max(0, outboxWhileOffline - status.outbox) }, error: null });
      }
      if (status.connection === 'connecting' && wasOffline) {
        outboxWhileOffline = Math.max(outboxWhileOffline, status.outbox);
        return set({ status, error: null });
      }
      // Online and still in the "back online" moment: the count follows the draining outbox.
      const back = get().backOnline;
      if (back && status.connection === 'online') {
        const sent = Math.max(back.sent, outboxWhileOffline - status.outbox);
        return set({ status, backOnline: sent === back.sent ? back : { sent }, error: null });
      }
      set({ status, error: null });
    },

    async retryNow() {
      if (get().retryPending) return;
      set({ retryPending: true });
      const r = await api.invoke('sync:retryNow', null);
      set({ retryPending: false, error: r.ok ? null : r.error });
    },

    setHost(host) {
      if (get().host !== host) set({ host });
    },

    reset() {
      wasOffline = false;
      outboxWhileOffline = 0;
      clearBackOnlineTimer();
      set({ status: null, backOnline: null, retryPending: false, error: null });
    },
  }));
}

export type SyncStore = ReturnType<typeof createSyncStore>;

/** Whether the offline banner shows: offline, or still reconnecting after a drop. */
export function isReconnecting(status: SyncStatus | null): boolean {
  if (!status) return false;
  return status.connection === 'offline' || (status.connection === 'connecting' && status.attempt > 0);
}

/** The connection as the header shows it: the page's link to main, then main's link to the server. */
export function connectionOf(s: Pick<SyncStoreState, 'host' | 'status'>): ConnectionState {
  if (s.host === 'down' || s.host === 'refused') return 'offline';
  if (s.host === 'connecting') return 'connecting';
  return s.status?.connection ?? 'connecting';
}

/** Whether the desk can't hear the agent now: offline, reconnecting after a drop, or main unreachable. */
export function isDisconnected(s: Pick<SyncStoreState, 'host' | 'status'>): boolean {
  return s.host === 'down' || s.host === 'refused' || isReconnecting(s.status);
}

/** The presence to show: "Offline" while disconnected, whatever the agent last chose (customers see no one). */
export function shownPresence(chosen: Presence, s: Pick<SyncStoreState, 'host' | 'status'>): Presence {
  return isDisconnected(s) ? 'offline' : chosen;
}
