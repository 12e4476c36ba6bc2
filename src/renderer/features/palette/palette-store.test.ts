import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SearchHit } from '../../../shared/api/contract';
import { createFakeApi, deferred, fail, ok } from '../../testing/fake-api';
import { createPaletteStore, referenceIntent } from './palette-store';
import { filterItems, inPalette, matchScore } from './palette-entries';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const hit = (ticketId: string, snippet: string): SearchHit => ({ ticketId, messageId: null, reference: 'JXQR-8V5K', customerName: 'Anna', snippet });

describe('palette store', () => {
  it('searches the offline cache as you type, once per pause, and drops stale answers', async () => {
    const slow = deferred<ReturnType<typeof ok<SearchHit[]>>>();
    const api = createFakeApi({ 'tickets:search': ({ query }) => (query === 'ref' ? slow.promise : ok([hit('t2', `\u0002${query}\u0003und`)])) });
    const store = createPaletteStore({ api, debounceMs: 100 });
    store.getState().setQuery('r', 'all');
    expect(store.getState().search).toEqual({ status: 'idle' }); // one letter: no search
    store.getState().setQuery('re', 'all');
    vi.advanceTimersByTime(50);
    store.getState().setQuery('ref', 'all');
    vi.advanceTimersByTime(100);
    expect(api.callsTo('tickets:search')).toEqual([{ query: 'ref', limit: 20 }]);
    expect(store.getState().search.status).toBe('loading');
    store.getState().setQuery('refu', 'all');
    vi.advanceTimersByTime(100);
    await vi.waitFor(() => expect(store.getState().search).toMatchObject({ status: 'done', query: 'refu' }));
    slow.resolve(ok([hit('t1', 'stale')])); // the answer for "ref" arrives late
    await Promise.resolve();
    expect(store.getState().search).toMatchObject({ status: 'done', query: 'refu', hits: [{ ticketId: 't2' }] });
  });

  it('says when search fails, and keeps the old hits while the next search runs', async () => {
    const api = createFakeApi({ 'tickets:search': ({ query }) => (query === 'boom' ? fail('not_signed_in', 'Sign in first.') : ok([hit('t1', query)])) });
    const store = createPaletteStore({ api, debounceMs: 0 });
    store.getState().setQuery('plan', 'all');
    await vi.runAllTimersAsync();
    store.getState().setQuery('plans', 'all');
    expect(store.getState().search).toMatchObject({ status: 'loading', hits: [{ ticketId: 't1' }] });
    store.getState().setQuery('boom', 'all');
    await vi.runAllTimersAsync();
    expect(store.getState().search).toEqual({ status: 'error', query: 'boom', message: 'Sign in first.' });
  });

  it('looks up a case by reference: found, missing, mistyped', async () => {
    const api = createFakeApi({
      'tickets:search': () => ok([]),
      'tickets:byReference': ({ reference }) => ok(reference === 'JXQR-8V5K' ? { ticketId: 't7', reference, customerName: 'Anna' } : null),
    });
    const store = createPaletteStore({ api, debounceMs: 0 });
    store.getState().setQuery('jxqr 8v5k', 'all');
    expect(store.getState().reference).toEqual({ status: 'loading', reference: 'JXQR-8V5K' });
    await vi.runAllTimersAsync();
    expect(store.getState().reference).toEqual({ status: 'found', hit: { ticketId: 't7', reference: 'JXQR-8V5K', customerName: 'Anna' } });
    store.getState().setQuery('KPQR-7M29', 'reference');
    await vi.runAllTimersAsync();
    expect(store.getState().reference).toEqual({ status: 'missing', reference: 'KPQR-7M29' });
    expect(api.callsTo('tickets:search')).toHaveLength(1); // reference mode does not search
    store.getState().setQuery('JXQR-8V5X', 'all');
    expect(store.getState().reference).toMatchObject({ status: 'invalid', message: expect.stringContaining('mistyped') });
    store.getState().setQuery('payments', 'all'); // a search word, not a reference
    expect(store.getState().reference).toEqual({ status: 'none' });
  });

  it('forgets everything on reset, and late answers stay dropped', async () => {
    const late = deferred<ReturnType<typeof ok<SearchHit[]>>>();
    const api = createFakeApi({ 'tickets:search': () => late.promise });
    const store = createPaletteStore({ api, debounceMs: 0 });
    store.getState().setQuery('anna', 'search');
    await vi.runAllTimersAsync();
    store.getState().reset();
    late.resolve(ok([hit('t1', 'x')]));
    await Promise.resolve();
    expect(store.getState()).toMatchObject({ query: '', search: { status: 'idle' }, reference: { status: 'none' } });
  });

  it('takes sources from other features and lets them go', () => {
    const store = createPaletteStore({ api: createFakeApi() });
    const off = store.getState().registerSource({ id: 'canned', heading: 'Canned replies', items: () => [] });
    store.getState().registerSource({ id: 'macros', heading: 'Macros', items: () => [] });
    expect(store.getState().sources.map((s) => s.id)).toEqual(['canned', 'macros']);
    off();
    expect(store.getState().sources.map((s) => s.id)).toEqual(['macros']);
  });
});

describe('palette filtering', () => {
  const items = [
    { label: 'Resolve', keywords: ['done', 'close'] },
    { label: 'Set presence: Away', keywords: ['status', 'break'] },
    { label: 'Reply', keywords: ['composer'] },
    { label: 'Switch light / dark theme', keywords: ['dark mode'] },
    { label: 'Next chat' },
  ];
  it('ranks label starts, then word starts, then keywords; every word must match', () => {
    expect(filterItems(items, 're').map((i) => i.label)).toEqual(['Resolve', 'Reply', 'Set presence: Away']); // starts before inside words
    expect(filterItems(items, 'dark').map((i) => i.label)).toEqual(['Switch light / dark theme']);
    expect(filterItems(items, 'break').map((i) => i.label)).toEqual(['Set presence: Away']);
    expect(filterItems(items, 'presence away').map((i) => i.label)).toEqual(['Set presence: Away']);
    expect(filterItems(items, 'presence xyz')).toEqual([]);
    expect(filterItems(items, '')).toHaveLength(items.length);
    expect(matchScore('NEXT', { label: 'Next chat' })).toBe(100);
    expect(matchScore('cafe', { label: 'Café notes' })).toBeGreaterThan(0); // accents folded
  });

  it('offers commands, not reserved tab keys or widget keys', () => {
    expect(inPalette('resolve')).toBe(true);
    expect(inPalette('setAway')).toBe(true);
    expect(inPalette('goToTab1')).toBe(false);
    expect(inPalette('dialogClose')).toBe(false);
    expect(inPalette('listDown')).toBe(false);
  });

  it('recognises references only where they are meant', () => {
    expect(referenceIntent('jxqr-8v5k', 'all')).toEqual({ reference: 'JXQR-8V5K' });
    expect(referenceIntent('JXQR', 'all')).toBeNull();
    expect(referenceIntent('JXQR', 'reference')).toMatchObject({ invalid: expect.stringContaining('8 characters') });
    expect(referenceIntent('OOOO-1111', 'all')).toMatchObject({ invalid: expect.stringContaining('no 0, 1, I or O') });
  });
});
