import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Draft } from '../../../shared/api/contract';
import { createFakeApi, deferred, fail, ok } from '../../testing/fake-api';
import { createDraftsStore, DRAFT_SAVE_DELAY_MS } from './drafts-store';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const saved = (ticketId: string, body: string, mode: Draft['mode'] = 'reply'): Draft => ({ ticketId, body, mode, updatedAt: '2026-05-01T10:00:00Z' });

describe('drafts store', () => {
  it('saves ~300 ms after the last key, once, with the latest text', async () => {
    const api = createFakeApi({ 'drafts:save': () => ok(null) });
    const store = createDraftsStore({ api });
    store.getState().edit('t1', 'H');
    store.getState().edit('t1', 'He');
    await vi.advanceTimersByTimeAsync(DRAFT_SAVE_DELAY_MS - 50);
    store.getState().edit('t1', 'Hej');
    await vi.advanceTimersByTimeAsync(DRAFT_SAVE_DELAY_MS - 1);
    expect(api.callsTo('drafts:save')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.callsTo('drafts:save')).toEqual([{ ticketId: 't1', body: 'Hej', mode: 'reply' }]);
    expect(store.getState().drafts.t1?.body).toBe('Hej');
  });

  it('keeps drafts per chat and saves the mode too', async () => {
    const api = createFakeApi({ 'drafts:save': () => ok(null) });
    const store = createDraftsStore({ api });
    store.getState().edit('t1', 'reply text');
    store.getState().setMode('t2', 'note');
    store.getState().edit('t2', 'note text');
    await vi.advanceTimersByTimeAsync(DRAFT_SAVE_DELAY_MS);
    expect(api.callsTo('drafts:save')).toEqual([
      { ticketId: 't1', body: 'reply text', mode: 'reply' },
      { ticketId: 't2', body: 'note text', mode: 'note' },
    ]);
  });

  it('restores a saved draft on open, but typing that came first wins', async () => {
    const slow = deferred<void>();
    const api = createFakeApi({
      'drafts:get': async ({ ticketId }) => {
        if (ticketId === 't2') await slow.promise;
        return ok(saved(ticketId, `saved ${ticketId}`, 'note'));
      },
      'drafts:save': () => ok(null),
    });
    const store = createDraftsStore({ api });
    await store.getState().open('t1');
    expect(store.getState().drafts.t1).toEqual({ body: 'saved t1', mode: 'note', loaded: true });

    const opening = store.getState().open('t2');
    store.getState().edit('t2', 'typed');
    slow.resolve();
    await opening;
    expect(store.getState().drafts.t2).toMatchObject({ body: 'typed', loaded: true });

    await store.getState().open('t1');
    expect(api.callsTo('drafts:get')).toHaveLength(2);
  });

  it('flushes a waiting save at once (switching chats, closing)', async () => {
    const api = createFakeApi({ 'drafts:save': () => ok(null) });
    const store = createDraftsStore({ api });
    store.getState().edit('t1', 'half a sentence');
    await store.getState().flush('t1');
    expect(api.callsTo('drafts:save')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(DRAFT_SAVE_DELAY_MS * 2);
    expect(api.callsTo('drafts:save')).toHaveLength(1);
    await store.getState().flush();
    expect(api.callsTo('drafts:save')).toHaveLength(1);
  });

  it('clears after a send and saves the empty draft immediately', async () => {
    const api = createFakeApi({ 'drafts:save': () => ok(null) });
    const store = createDraftsStore({ api });
    store.getState().setMode('t1', 'note');
    store.getState().edit('t1', 'sent text');
    await store.getState().clear('t1');
    expect(api.callsTo('drafts:save')).toEqual([{ ticketId: 't1', body: '', mode: 'note' }]);
    await vi.advanceTimersByTimeAsync(DRAFT_SAVE_DELAY_MS);
    expect(api.callsTo('drafts:save')).toHaveLength(1);
  });

  it('reports a failed save and clears the report after the next good one', async () => {
    let failing = true;
    const api = createFakeApi({ 'drafts:save': () => (failing ? fail('cache_error', 'disk full') : ok(null)) });
    const store = createDraftsStore({ api });
    store.getState().edit('t1', 'a');
    await vi.advanceTimersByTimeAsync(DRAFT_SAVE_DELAY_MS);
    expect(store.getState().saveError?.message).toBe('disk full');
    failing = false;
    store.getState().edit('t1', 'ab');
    await vi.advanceTimersByTimeAsync(DRAFT_SAVE_DELAY_MS);
    expect(store.getState().saveError).toBeNull();
  });
});
