/** The supervisor store on a fake main: stale answers dropped, boards kept in computation order, each range's figures kept. */
import { describe, expect, it } from 'vitest';
import type { Board, ComplaintList, FiguresResponse } from '../../../shared/protocol/supervisor';
import { createFakeApi, deferred, fail, ok } from '../../testing/fake-api';
import { createSupervisorStore, FIGURES_FOLLOW_MS } from './supervisor-store';

const board = (computedAt: string): Board => ({ computedAt, horizonSec: 120, queues: [], regions: [], agents: [], alerts: [], breachedTotal: 0, atRiskTotal: 0 });
const figures = (range: FiguresResponse['range']) => ({ range, computedAt: '2026-05-01T10:00:00.000Z', windows: [], queues: [], agents: [] }) as unknown as FiguresResponse;

describe('supervisor store', () => {
  it('drops a board answer that arrives after a sign-out', async () => {
    const held = deferred<ReturnType<typeof ok<Board>>>();
    const api = createFakeApi({ 'supervisor:board': () => held.promise });
    const store = createSupervisorStore({ api });
    const loading = store.getState().loadBoard();
    store.getState().reset();
    held.resolve(ok(board('2026-05-01T10:00:00.000Z')));
    await loading;
    expect(store.getState().board).toBeNull();
    expect(store.getState().boardLoading).toBe(false);
  });

  it('keeps the newest computation: a GET answered after a newer frame does not replace it', async () => {
    const held = deferred<ReturnType<typeof ok<Board>>>();
    const api = createFakeApi({ 'supervisor:board': () => held.promise });
    const store = createSupervisorStore({ api });
    const loading = store.getState().loadBoard();
    store.getState().applyBoard(board('2026-05-01T10:00:05.000Z'));
    held.resolve(ok(board('2026-05-01T10:00:01.000Z')));
    await loading;
    expect(store.getState().board?.computedAt).toBe('2026-05-01T10:00:05.000Z');
  });

  it('reloads the figures on screen with a board frame once they are 15 s old, not on every frame, and not before they were ever loaded', async () => {
    let t = 1_000_000;
    const api = createFakeApi({ 'supervisor:figures': ({ range }) => ok(figures(range)) });
    const store = createSupervisorStore({ api, now: () => t });
    store.getState().applyBoard(board('2026-05-01T10:00:00.000Z'));
    expect(api.callsTo('supervisor:figures')).toHaveLength(0);
    await store.getState().setRange('7d');
    t += FIGURES_FOLLOW_MS - 1;
    store.getState().applyBoard(board('2026-05-01T10:00:01.000Z'));
    expect(api.callsTo('supervisor:figures')).toHaveLength(1);
    t += 1;
    store.getState().applyBoard(board('2026-05-01T10:00:02.000Z'));
    await Promise.resolve();
    expect(api.callsTo('supervisor:figures')).toHaveLength(2);
    expect(api.callsTo('supervisor:figures')[1]).toEqual({ range: '7d' });
  });

  it('keeps each range once loaded; an error of another range than the one shown is not shown', async () => {
    const slow = deferred<ReturnType<typeof fail>>();
    const api = createFakeApi({ 'supervisor:figures': ({ range }) => (range === '30d' ? slow.promise : ok(figures(range))) });
    const store = createSupervisorStore({ api });
    await store.getState().setRange('7d');
    const late = store.getState().setRange('30d');
    await store.getState().setRange('today');
    slow.resolve(fail('offline', 'gone'));
    await late;
    expect(Object.keys(store.getState().figures).sort()).toEqual(['7d', 'today']);
    expect(store.getState().figuresError).toBeNull();
    expect(store.getState().range).toBe('today');
  });

  it('fetches the complaints again after a take-over or a reassign that succeeded, once a list is loaded; drops an answer from before a sign-out', async () => {
    const list = (computedAt: string): ComplaintList => ({ computedAt, complaints: [] });
    const api = createFakeApi({
      'supervisor:complaints': () => ok(list('2026-05-01T10:00:00.000Z')),
      'supervisor:takeOver': () => fail('conflict', 'You already have this chat.'),
    });
    const store = createSupervisorStore({ api });
    await store.getState().takeOver({ ticketId: 't1' });
    expect(api.callsTo('supervisor:complaints')).toHaveLength(0); // no list yet: nothing to refresh
    await store.getState().loadComplaints();
    await store.getState().takeOver({ ticketId: 't1' });
    expect(api.callsTo('supervisor:complaints')).toHaveLength(1); // refused: nothing changed
    api.handle('supervisor:takeOver', () => ok({} as never));
    api.handle('supervisor:reassign', () => ok({} as never));
    await store.getState().takeOver({ ticketId: 't1' });
    await store.getState().reassign({ ticketId: 't1', toAgentId: 'a1', force: false });
    expect(api.callsTo('supervisor:complaints')).toHaveLength(3);

    const held = deferred<ReturnType<typeof ok<ComplaintList>>>();
    api.handle('supervisor:complaints', () => held.promise);
    const loading = store.getState().loadComplaints();
    store.getState().reset();
    held.resolve(ok(list('2026-05-01T10:05:00.000Z')));
    await loading;
    expect(store.getState().complaints).toBeNull();
  });
});
