/** The new case opens when sync brings it: at once if cached, on its tickets:changed, or the agent is told it is late. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeApi, flush, ok, summary } from '../../testing/fake-api';
import { openWhenSynced } from './open-when-synced';

afterEach(() => vi.useRealTimers());

describe('opening a case when it syncs', () => {
  it('opens it at once when the cache has it already', async () => {
    const api = createFakeApi({ 'tickets:summaries': ({ ticketIds }) => ok(ticketIds.map((id) => summary(id))) });
    const open = vi.fn();
    openWhenSynced(api, 't-new', { open, onLate: vi.fn() });
    await flush();
    expect(open).toHaveBeenCalledWith('t-new');
  });

  it('waits for tickets:changed naming it, ignores other changes, and opens it once', async () => {
    let cached: string[] = [];
    const api = createFakeApi({ 'tickets:summaries': ({ ticketIds }) => ok(ticketIds.filter((id) => cached.includes(id)).map((id) => summary(id))) });
    const open = vi.fn();
    openWhenSynced(api, 't-new', { open, onLate: vi.fn() });
    await flush();
    expect(open).not.toHaveBeenCalled();
    cached = ['t-other'];
    api.emit('tickets:changed', { ticketIds: ['t-other'] });
    await flush();
    expect(open).not.toHaveBeenCalled();
    cached = ['t-other', 't-new'];
    api.emit('tickets:changed', { ticketIds: ['t-new'] });
    api.emit('tickets:changed', { ticketIds: ['t-new'] });
    await flush();
    expect(open).toHaveBeenCalledTimes(1);
    expect(api.callsTo('tickets:summaries')).toHaveLength(3);
  });

  it('says it is late when sync does not bring it in time, and stops listening', async () => {
    vi.useFakeTimers();
    const api = createFakeApi({ 'tickets:summaries': () => ok([]) });
    const open = vi.fn();
    const onLate = vi.fn();
    openWhenSynced(api, 't-new', { open, onLate, timeoutMs: 1000 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(onLate).toHaveBeenCalledTimes(1);
    api.handle('tickets:summaries', ({ ticketIds }) => ok(ticketIds.map((id) => summary(id))));
    api.emit('tickets:changed', { ticketIds: ['t-new'] });
    await vi.advanceTimersByTimeAsync(10);
    expect(open).not.toHaveBeenCalled();
  });
});
