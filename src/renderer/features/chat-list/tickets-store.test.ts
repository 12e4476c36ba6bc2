import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TicketSummary, TicketView } from '../../../shared/api/contract';
import { createFakeApi, deferred, fail, ok, summary } from '../../testing/fake-api';
import { createTicketsStore, findSummary, TYPING_TTL_MS, viewCount } from './tickets-store';

afterEach(() => vi.useRealTimers());

const rowsFor: Record<string, TicketSummary[]> = {
  mine: [summary('a'), summary('b'), summary('c')],
  queue: [summary('q', { status: 'queued', assigneeId: null })],
  all: [summary('a'), summary('b'), summary('c'), summary('q')],
};

describe('tickets store', () => {
  it('loads every view on reload', async () => {
    const api = createFakeApi({ 'tickets:list': ({ view }) => ok(rowsFor[view] ?? []) });
    const store = createTicketsStore({ api });
    expect(store.getState().lists.mine).toBeNull();
    await store.getState().reload();
    expect(store.getState().lists.mine?.map((t) => t.id)).toEqual(['a', 'b', 'c']);
    expect(store.getState().lists.queue?.map((t) => t.id)).toEqual(['q']);
    expect(api.callsTo('tickets:list')).toEqual([
      { view: 'mine', limit: 200 },
      { view: 'queue', limit: 200 },
      { view: 'all', limit: 200 },
    ]);
  });

  it('coalesces reloads that arrive while one is running into one more', async () => {
    const gates: ReturnType<typeof deferred<void>>[] = [];
    const api = createFakeApi({
      'tickets:list': async ({ view }) => {
        const gate = deferred<void>();
        gates.push(gate);
        await gate.promise;
        return ok(rowsFor[view] ?? []);
      },
    });
    const store = createTicketsStore({ api });
    const first = store.getState().reload(['mine']);
    void store.getState().reload(['mine']);
    void store.getState().reload(['mine']);
    void store.getState().reload(['mine']);
    gates[0]?.resolve();
    await vi.waitFor(() => expect(gates).toHaveLength(2));
    gates[1]?.resolve();
    await first;
    expect(api.callsTo('tickets:list')).toHaveLength(2);
    expect(store.getState().loading.mine).toBe(false);
  });

  it('keeps the rows on screen when a reload fails', async () => {
    let failNext = false;
    const api = createFakeApi({ 'tickets:list': ({ view }) => (failNext ? fail('cache_error', 'disk full') : ok(rowsFor[view] ?? [])) });
    const store = createTicketsStore({ api });
    await store.getState().reload(['mine']);
    failNext = true;
    await store.getState().reload(['mine']);
    expect(store.getState().lists.mine).toHaveLength(3);
    expect(store.getState().errors.mine?.message).toBe('disk full');
  });

  it('loads a view the first time it is shown', async () => {
    const api = createFakeApi({ 'tickets:list': ({ view }) => ok(rowsFor[view] ?? []) });
    const store = createTicketsStore({ api });
    store.getState().setView('queue');
    expect(store.getState().view).toBe('queue');
    await vi.waitFor(() => expect(store.getState().lists.queue).toHaveLength(1));
    store.getState().setView('mine');
    store.getState().setView('queue');
    await vi.waitFor(() => expect(store.getState().lists.mine).toHaveLength(3));
    expect(api.callsTo('tickets:list').filter((c) => (c as { view: TicketView }).view === 'queue')).toHaveLength(1);
  });

  it('moves the selection with Alt+J / Alt+K within the current view, stopping at the ends', async () => {
    const api = createFakeApi({ 'tickets:list': ({ view }) => ok(rowsFor[view] ?? []) });
    const store = createTicketsStore({ api });
    await store.getState().reload();
    store.getState().selectRelative(1);
    expect(store.getState().selectedId).toBe('a');
    store.getState().selectRelative(1);
    store.getState().selectRelative(1);
    store.getState().selectRelative(1);
    expect(store.getState().selectedId).toBe('c');
    store.getState().selectRelative(-1);
    expect(store.getState().selectedId).toBe('b');
  });

  it('drops answers that arrive after a reset (signed out meanwhile)', async () => {
    const gate = deferred<void>();
    const api = createFakeApi({
      'tickets:list': async ({ view }) => {
        await gate.promise;
        return ok(rowsFor[view] ?? []);
      },
    });
    const store = createTicketsStore({ api });
    const loading = store.getState().reload(['mine']);
    store.getState().reset();
    gate.resolve();
    await loading;
    expect(store.getState().lists.mine).toBeNull();
  });

  it('shows typing until it stops or times out', () => {
    vi.useFakeTimers();
    const store = createTicketsStore({ api: createFakeApi() });
    store.getState().setTyping('a', true);
    expect(store.getState().typing).toEqual({ a: true });
    store.getState().setTyping('a', false);
    expect(store.getState().typing).toEqual({});
    store.getState().setTyping('b', true);
    vi.advanceTimersByTime(TYPING_TTL_MS + 1);
    expect(store.getState().typing).toEqual({});
  });

  it('counts rows, capped at the list limit', () => {
    expect(viewCount(null)).toBe('');
    expect(viewCount([summary('a')])).toBe('1');
    expect(viewCount(Array.from({ length: 200 }, (_, i) => summary(String(i))))).toBe('200+');
    expect(findSummary({ mine: null, queue: [summary('q')], all: null }, 'q')?.id).toBe('q');
  });
});
