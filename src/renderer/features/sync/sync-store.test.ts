import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeApi, fail, ok, syncStatus } from '../../testing/fake-api';
import { BACK_ONLINE_MS, connectionOf, createSyncStore, isReconnecting, shownPresence } from './sync-store';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('sync store', () => {
  it('loads the status and follows sync:status', async () => {
    const api = createFakeApi({ 'sync:status': () => ok(syncStatus({ outbox: 3 })) });
    const store = createSyncStore({ api });
    await store.getState().load();
    expect(store.getState().status?.outbox).toBe(3);
    store.getState().apply(syncStatus({ connection: 'connecting' }));
    expect(store.getState().status?.connection).toBe('connecting');
    expect(store.getState().backOnline).toBeNull();
  });

  it('says "Back online · N sent" for 3 s after a reconnect, N from the outbox that drained', () => {
    const store = createSyncStore({ api: createFakeApi() });
    store.getState().apply(syncStatus({ outbox: 0 }));
    store.getState().apply(syncStatus({ connection: 'offline', outbox: 1, attempt: 1 }));
    store.getState().apply(syncStatus({ connection: 'offline', outbox: 2, attempt: 2 }));
    store.getState().apply(syncStatus({ connection: 'connecting', outbox: 2, attempt: 2 }));
    expect(store.getState().backOnline).toBeNull();
    store.getState().apply(syncStatus({ connection: 'online', outbox: 1 }));
    expect(store.getState().backOnline).toEqual({ sent: 1 });
    store.getState().apply(syncStatus({ connection: 'online', outbox: 0 }));
    expect(store.getState().backOnline).toEqual({ sent: 2 });
    vi.advanceTimersByTime(BACK_ONLINE_MS);
    expect(store.getState().backOnline).toBeNull();
  });

  it('does not say "Back online" for the first connection', () => {
    const store = createSyncStore({ api: createFakeApi() });
    store.getState().apply(syncStatus({ connection: 'connecting' }));
    store.getState().apply(syncStatus({ connection: 'online' }));
    expect(store.getState().backOnline).toBeNull();
  });

  it('drops the "Back online" moment when the connection goes again', () => {
    const store = createSyncStore({ api: createFakeApi() });
    store.getState().apply(syncStatus({ connection: 'offline', outbox: 1 }));
    store.getState().apply(syncStatus({ connection: 'online', outbox: 0 }));
    store.getState().apply(syncStatus({ connection: 'offline', outbox: 0 }));
    expect(store.getState().backOnline).toBeNull();
    vi.advanceTimersByTime(BACK_ONLINE_MS);
    store.getState().apply(syncStatus({ connection: 'online', outbox: 0 }));
    expect(store.getState().backOnline).toEqual({ sent: 0 });
  });

  it('asks main to retry now and reports a refusal', async () => {
    let refuse = false;
    const api = createFakeApi({ 'sync:retryNow': () => (refuse ? fail('not_signed_in', 'Sign in first.') : ok(null)) });
    const store = createSyncStore({ api });
    await store.getState().retryNow();
    expect(api.callsTo('sync:retryNow')).toHaveLength(1);
    refuse = true;
    await store.getState().retryNow();
    expect(store.getState().error?.message).toBe('Sign in first.');
  });

  it('shows the banner when offline, or reconnecting after a drop', () => {
    expect(isReconnecting(null)).toBe(false);
    expect(isReconnecting(syncStatus())).toBe(false);
    expect(isReconnecting(syncStatus({ connection: 'connecting', attempt: 0 }))).toBe(false);
    expect(isReconnecting(syncStatus({ connection: 'connecting', attempt: 2 }))).toBe(true);
    expect(isReconnecting(syncStatus({ connection: 'offline' }))).toBe(true);
  });

  it('shows the presence as Offline while the connection is down, the agent\'s choice otherwise', () => {
    const up = { host: 'up' as const, status: syncStatus() };
    expect(shownPresence('available', up)).toBe('available');
    expect(shownPresence('away', up)).toBe('away');
    expect(shownPresence('available', { host: 'up', status: syncStatus({ connection: 'offline', attempt: 1 }) })).toBe('offline');
    expect(shownPresence('available', { host: 'up', status: syncStatus({ connection: 'connecting', attempt: 3 }) })).toBe('offline');
    expect(shownPresence('available', { host: 'up', status: syncStatus({ connection: 'connecting', attempt: 0 }) })).toBe('available'); // first connect
    expect(shownPresence('available', { host: 'down', status: syncStatus() })).toBe('offline');
    expect(connectionOf({ host: 'down', status: syncStatus() })).toBe('offline');
    expect(connectionOf({ host: 'up', status: null })).toBe('connecting');
  });
});
