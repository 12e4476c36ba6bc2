import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TicketSummary, TicketView } from '../../../shared/api/contract';
import { createFakeApi, deferred, fail, flush, listHandlers, ok, summary } from '../../testing/fake-api';
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
      { view: 'mine', limit: 200, offset: 0 },
      { view: 'queue', limit: 200, offset: 0 },
      { view: 'all', limit: 200, offset: 0 },
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

  it('shows the view’s length, compact when long, and finds a summary in any loaded page', () => {
    expect(viewCount(null)).toBe('');
    expect(viewCount(1)).toBe('1');
    expect(viewCount(1234)).toBe('1,234');
    expect(viewCount(100_000)).toBe('100K');
    expect(viewCount(12_345)).toBe('12.3K');
    expect(findSummary({ mine: null, queue: [summary('q')], all: null }, 'q')?.id).toBe('q');
    const pages = { mine: {}, queue: {}, all: { 3: [summary('deep')] } };
    expect(findSummary({ mine: null, queue: null, all: [summary('a')] }, 'deep')).toBeNull();
    expect(findSummary({ mine: null, queue: null, all: [summary('a')] }, 'deep', pages)?.id).toBe('deep');
  });
});

describe('tickets store: a windowed list', () => {
  const big = Array.from({ length: 1000 }, (_, i) => summary(`r${i}`));
  const offsets = (api: ReturnType<typeof createFakeApi>, view: TicketView = 'all') =>
    api.callsTo('tickets:list').filter((c) => (c as { view: TicketView }).view === view).map((c) => (c as { offset: number }).offset);
  const setup = (rows: () => readonly TicketSummary[] = () => big) => {
    const api = createFakeApi(listHandlers((view) => (view === 'all' ? rows() : [])));
    const store = createTicketsStore({ api, limit: 100, debounceMs: 20 });
    return { api, store };
  };

  it('holds the view’s length and only its first page until rows are shown', async () => {
    const { api, store } = setup();
    await store.getState().reload(['all']);
    expect(store.getState().totals.all).toBe(1000);
    expect(store.getState().lists.all).toHaveLength(100);
    expect(Object.keys(store.getState().pages.all)).toEqual(['0']);
    expect(api.callsTo('tickets:count')).toEqual([{ view: 'all' }]);
    // A view known to be long is counted beside its first page (asked before the page is back).
    api.calls.length = 0;
    const gate = deferred<void>();
    api.handle('tickets:list', async ({ offset = 0, limit = 100 }) => {
      await gate.promise;
      return ok(big.slice(offset, offset + limit));
    });
    const reloading = store.getState().reload(['all']);
    await flush();
    expect(api.calls.map((c) => c.channel)).toEqual(['tickets:list', 'tickets:count']);
    gate.resolve();
    await reloading;
    expect(store.getState().totals.all).toBe(1000);
  });

  it('does not count a view whose first page is short', async () => {
    const api = createFakeApi(listHandlers((view) => rowsFor[view] ?? []));
    const store = createTicketsStore({ api });
    await store.getState().reload();
    expect(store.getState().totals).toEqual({ mine: 3, queue: 1, all: 4 });
    expect(api.callsTo('tickets:count')).toEqual([]);
  });

  it('loads the pages on screen once scrolling settles, at most two at a time', async () => {
    vi.useFakeTimers();
    const { api, store } = setup();
    await store.getState().reload(['all']);
    store.getState().setView('all');
    store.getState().showRows('all', 120, 140);
    store.getState().showRows('all', 450, 470); // scrolled on before the first settled
    expect(offsets(api)).toEqual([0]);
    await vi.advanceTimersByTimeAsync(25);
    expect(offsets(api)).toEqual([0, 400]);
    expect(store.getState().pages.all[4]?.[50]?.id).toBe('r450');
    // A range over three unloaded pages: two go at once, the third when one is back.
    let inFlight = 0;
    let most = 0;
    api.handle('tickets:list', async ({ offset = 0, limit = 100 }) => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return ok(big.slice(offset, offset + limit));
    });
    store.getState().showRows('all', 550, 790);
    await vi.advanceTimersByTimeAsync(100);
    expect(offsets(api).slice(2).sort()).toEqual([500, 600, 700]);
    expect(most).toBe(2);
  });

  it('on a change reloads the first page and the pages on screen, not the others', async () => {
    vi.useFakeTimers();
    let rows = big;
    const { api, store } = setup(() => rows);
    await store.getState().reload(['all']);
    store.getState().setView('all');
    store.getState().showRows('all', 250, 270);
    await vi.advanceTimersByTimeAsync(25);
    store.getState().showRows('all', 810, 830);
    await vi.advanceTimersByTimeAsync(25);
    expect(offsets(api)).toEqual([0, 200, 800]);
    rows = [summary('new'), ...big];
    api.calls.length = 0;
    await store.getState().reload(['all']);
    expect(offsets(api)).toEqual([0, 800]);
    expect(store.getState().totals.all).toBe(1001);
    expect(store.getState().pages.all[8]?.[0]?.id).toBe('r799');
    // The page off screen is kept to show, and read again when it comes back on screen.
    expect(store.getState().pages.all[2]?.[0]?.id).toBe('r200');
    store.getState().showRows('all', 250, 270);
    await vi.advanceTimersByTimeAsync(25);
    expect(offsets(api)).toEqual([0, 800, 200]);
    expect(store.getState().pages.all[2]?.[0]?.id).toBe('r199');
    // A view not on screen reads only its first page; its pages on screen load when it is shown again.
    store.getState().setView('mine');
    api.calls.length = 0;
    await store.getState().reload(['all']);
    expect(offsets(api)).toEqual([0]);
    store.getState().setView('all');
    await vi.advanceTimersByTimeAsync(5);
    expect(offsets(api)).toEqual([0, 200]);
  });

  it('drops the pages past the end when the view shrinks', async () => {
    vi.useFakeTimers();
    let rows = big;
    const { store } = setup(() => rows);
    await store.getState().reload(['all']);
    store.getState().setView('all');
    store.getState().showRows('all', 950, 990);
    await vi.advanceTimersByTimeAsync(25);
    expect(store.getState().pages.all[9]).toHaveLength(100);
    rows = big.slice(0, 500);
    await store.getState().reload(['all']);
    expect(store.getState().totals.all).toBe(500);
    expect(store.getState().pages.all[9]).toBeUndefined();
  });

  it('End loads the last row; Alt+J steps onto a page not loaded yet', async () => {
    const { api, store } = setup();
    await store.getState().reload(['all']);
    store.getState().setView('all');
    const last = await store.getState().loadRow('all', 999);
    expect(last?.id).toBe('r999');
    expect(offsets(api)).toEqual([0, 900]);
    store.getState().select('r99');
    store.getState().selectRelative(1);
    await vi.waitFor(() => expect(store.getState().selectedId).toBe('r100'));
    expect(offsets(api)).toEqual([0, 900, 100]);
    store.getState().select('r999');
    store.getState().selectRelative(1);
    expect(store.getState().selectedId).toBe('r999');
  });
});
