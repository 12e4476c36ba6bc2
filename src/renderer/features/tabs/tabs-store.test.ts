/**
 * The tab strip's store, with a fake main: a stable order (new tabs on the right, activating never
 * re-sorts), Ctrl+N positions, Alt+J/K wrapping, the oldest unanswered chat, closing (the next tab
 * opens, the draft stays in main), reopening the last closed, kept per agent through tabs:*, and
 * "Resolved · Undo". Then the whole console's stores through bootstrap: selecting a chat opens a
 * tab, switching shows held chats at once, closing saves the draft and reopening brings it back.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OpenTab, SessionState, TabsState, TicketSummary } from '../../../shared/api/contract';
import type { AgentRow } from '../../../shared/domain';
import { createStores } from '../../app/stores';
import { runCommand } from '../../app/commands';
import { bootstrap } from '../../bootstrap';
import { createFakeApi, detail, flush, message, ok, summary, syncStatus } from '../../testing/fake-api';
import { canDecline, createTabsStore, nextAfter, oldestUnanswered, pendingOffers } from './tabs-store';

const NOW = Date.parse('2026-05-01T10:10:00.000Z');
const ago = (s: number) => new Date(NOW - s * 1000).toISOString();
const waiting = (id: string, secondsAgo: number, over: Partial<TicketSummary> = {}) => summary(id, { waitingSince: ago(secondsAgo), replyDueAt: ago(-300), ...over });
const ids = (tabs: readonly OpenTab[]) => tabs.map((t) => t.ticketId);

function tabsStore(stored: TabsState = { tabs: [], activeId: null, closed: [] }) {
  let saved: TabsState | null = null;
  const resolved: string[] = [];
  const api = createFakeApi({
    'tabs:get': () => ok(stored),
    'tabs:save': (s) => ((saved = s), ok(null)),
    'tickets:summaries': ({ ticketIds }) => ok(ticketIds.map((id) => summary(id))),
  });
  const store = createTabsStore({ api, resolveChat: (id) => void resolved.push(id), now: () => NOW, saveDelayMs: 10, undoMs: 3000 });
  return { api, store, saved: () => saved, resolved };
}

afterEach(() => vi.useRealTimers());

describe('tabs store', () => {
  it('keeps a stable order: new tabs on the right, activating or updating never re-sorts', async () => {
    const { store } = tabsStore();
    await store.getState().load();
    for (const id of ['a', 'b', 'c']) store.getState().open(id);
    expect(ids(store.getState().tabs)).toEqual(['a', 'b', 'c']);
    expect(store.getState().activeId).toBe('c');
    store.getState().open('a'); // already open: activated where it is
    store.getState().setMode('b', 'note');
    store.getState().setScroll('c', { anchorId: 'm1', offset: 4 });
    expect(ids(store.getState().tabs)).toEqual(['a', 'b', 'c']);
    expect(store.getState().activeId).toBe('a');
    store.getState().open('d', { activate: false });
    expect(ids(store.getState().tabs)).toEqual(['a', 'b', 'c', 'd']);
    expect(store.getState().activeId).toBe('a');
    // The palette's "Move tab right" and dragging do reorder, on purpose.
    expect(store.getState().move('a', 1)).toBe(true);
    expect(ids(store.getState().tabs)).toEqual(['b', 'a', 'c', 'd']);
    expect(store.getState().move('b', -1)).toBe(false);
    store.getState().moveTo('d', 0);
    expect(ids(store.getState().tabs)).toEqual(['d', 'b', 'a', 'c']);
  });

  it('goes to a position with Ctrl+1…8 (9 is the last tab) and wraps with Alt+J / Alt+K', async () => {
    const { store } = tabsStore();
    await store.getState().load();
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f']) store.getState().open(id);
    expect(store.getState().goTo(2)).toBe(true);
    expect(store.getState().activeId).toBe('b');
    expect(store.getState().goTo(6)).toBe(true);
    expect(store.getState().activeId).toBe('f');
    expect(store.getState().goTo(7)).toBe(false);
    expect(store.getState().activeId).toBe('f');
    store.getState().goTo(1);
    expect(store.getState().goTo(9)).toBe(true);
    expect(store.getState().activeId).toBe('f');
    store.getState().cycle(1);
    expect(store.getState().activeId).toBe('a');
    store.getState().cycle(-1);
    expect(store.getState().activeId).toBe('f');
    store.getState().cycle(-1);
    expect(store.getState().activeId).toBe('e');
  });

  it('finds the oldest unanswered chat: waiting on the agent, not on the customer, not done', () => {
    const rows = [
      waiting('new', 30),
      waiting('oldest-but-pending', 900, { status: 'pending' }),
      waiting('oldest-but-resolved', 800, { status: 'resolved' }),
      waiting('old', 600),
      summary('answered', { waitingSince: null }),
    ];
    expect(oldestUnanswered(rows, NOW)).toBe('old');
    expect(oldestUnanswered([summary('answered')], NOW)).toBeNull();
  });

  it('closes a tab and opens its right neighbour (else the left); the closed ones can come back, newest first', async () => {
    const { store, api } = tabsStore();
    await store.getState().load();
    for (const id of ['a', 'b', 'c']) store.getState().open(id);
    store.getState().activate('b');
    store.getState().setMode('b', 'note');
    store.getState().close();
    expect(ids(store.getState().tabs)).toEqual(['a', 'c']);
    expect(store.getState().activeId).toBe('c');
    store.getState().close('c');
    expect(store.getState().activeId).toBe('a');
    // Closing resolves nothing and touches no draft: main keeps the draft.
    expect(api.callsTo('actions:run')).toEqual([]);
    expect(api.callsTo('drafts:save')).toEqual([]);
    expect(store.getState().reopen()).toBe(true);
    expect(ids(store.getState().tabs)).toEqual(['a', 'c']);
    expect(store.getState().activeId).toBe('c');
    expect(store.getState().reopen()).toBe(true);
    expect(ids(store.getState().tabs)).toEqual(['a', 'c', 'b']);
    // It comes back as it was: still a note.
    expect(store.getState().tabs.find((t) => t.ticketId === 'b')?.mode).toBe('note');
    expect(store.getState().reopen()).toBe(false);
  });

  it('closes the tabs of chats that left the cache (escalated beyond the agent), for good; the others stay', async () => {
    const gone = new Set<string>();
    const api = createFakeApi({
      'tabs:get': () => ok({ tabs: [], activeId: null, closed: [] }),
      'tabs:save': () => ok(null),
      'tickets:summaries': ({ ticketIds }) => ok(ticketIds.filter((id) => !gone.has(id)).map((id) => summary(id))),
    });
    const store = createTabsStore({ api, now: () => NOW, saveDelayMs: 10 });
    await store.getState().load();
    for (const id of ['a', 'b', 'c']) store.getState().open(id);
    store.getState().activate('b');
    await store.getState().closeGone(['a', 'b', 'x']);
    expect(ids(store.getState().tabs)).toEqual(['a', 'b', 'c']); // all still in the cache
    gone.add('b');
    await store.getState().closeGone(['b', 'x']);
    expect(ids(store.getState().tabs)).toEqual(['a', 'c']);
    expect(store.getState().activeId).toBe('c');
    // Not among the closed ones: Ctrl+Shift+T does not bring a chat back that the agent cannot read.
    expect(ids(store.getState().closed)).toEqual([]);
    expect(store.getState().reopen()).toBe(false);
  });

  it('is kept per agent in main: restored on load, saved a moment after each change, merged with tabs opened meanwhile', async () => {
    const stored: TabsState = { tabs: [{ ticketId: 's1', mode: 'note', scroll: null }, { ticketId: 's2', mode: 'reply', scroll: { anchorId: 'm7', offset: 12 } }], activeId: 's2', closed: [] };
    const { store, saved } = tabsStore(stored);
    store.getState().open('early'); // selected before the stored strip arrived
    await store.getState().load();
    expect(ids(store.getState().tabs)).toEqual(['s1', 's2', 'early']);
    expect(store.getState().activeId).toBe('early');
    expect(store.getState().summaries.s1?.id).toBe('s1');
    await new Promise((r) => setTimeout(r, 30));
    expect(saved()).toMatchObject({ tabs: [{ ticketId: 's1', mode: 'note' }, { ticketId: 's2', scroll: { anchorId: 'm7', offset: 12 } }, { ticketId: 'early' }], activeId: 'early' });
    store.getState().close('s1');
    await store.getState().flush();
    expect(saved()).toMatchObject({ tabs: [{ ticketId: 's2' }, { ticketId: 'early' }], closed: [{ ticketId: 's1', mode: 'note' }] });
  });

  it('resolves after "Resolved · Undo" runs out, then opens the next tab that needs a reply; Undo cancels', async () => {
    vi.useFakeTimers();
    const api = createFakeApi({
      'tabs:get': () => ok({ tabs: [], activeId: null, closed: [] }),
      'tabs:save': () => ok(null),
      'tickets:summaries': ({ ticketIds }) => ok(ticketIds.map((id) => (id === 'c' ? waiting('c', 60) : summary(id)))),
    });
    const resolved: string[] = [];
    const store = createTabsStore({ api, resolveChat: (id) => void resolved.push(id), now: () => NOW, undoMs: 3000 });
    await store.getState().load();
    for (const id of ['a', 'b', 'c']) store.getState().open(id);
    await vi.waitFor(() => expect(Object.keys(store.getState().summaries)).toHaveLength(3));
    store.getState().activate('a');
    store.getState().resolveWithUndo('a');
    expect(store.getState().resolving?.ticketId).toBe('a');
    vi.advanceTimersByTime(2000);
    store.getState().undoResolve();
    vi.advanceTimersByTime(5000);
    expect(resolved).toEqual([]);
    expect(ids(store.getState().tabs)).toEqual(['a', 'b', 'c']);

    store.getState().resolveWithUndo('a');
    vi.advanceTimersByTime(3000);
    expect(resolved).toEqual(['a']);
    expect(ids(store.getState().tabs)).toEqual(['b', 'c']);
    expect(store.getState().activeId).toBe('c'); // b is answered, c waits on the agent
    expect(store.getState().resolving).toBeNull();
  });

  it('picks what comes after a tab goes', () => {
    const tabs = ['a', 'b', 'c', 'd'].map((ticketId) => ({ ticketId, mode: 'reply' as const, scroll: null }));
    expect(nextAfter(tabs, 'b', {}, NOW)).toBe('c');
    expect(nextAfter(tabs, 'd', {}, NOW)).toBe('c');
    expect(nextAfter(tabs, 'c', { a: waiting('a', 10) }, NOW)).toBe('a');
    expect(nextAfter(tabs.slice(0, 1), 'a', {}, NOW)).toBeNull();
  });

  it('lists offers routing made to the agent, oldest first, until accepted, declined or answered', () => {
    const offered = (id: string, at: number, over: Partial<TicketSummary> = {}) => summary(id, { assigneeId: 'me', offeredAt: ago(at), acceptedAt: null, ...over });
    const mine = [offered('o2', 5), offered('o1', 50), offered('taken', 60, { acceptedAt: ago(1) }), offered('other', 70, { assigneeId: 'you' }), offered('replied', 80, { firstResponseAt: ago(2) })];
    expect(pendingOffers(mine, 'me', {}).map((t) => t.id)).toEqual(['o1', 'o2']);
    expect(pendingOffers(mine, 'me', { o1: true }).map((t) => t.id)).toEqual(['o2']);
    expect(canDecline(mine[0]!, 'me')).toBe(true);
    expect(canDecline(mine[2]!, 'me')).toBe(false);
  });

  it('offers a chat a colleague answered before escalating or transferring it here; it cannot be declined', () => {
    const escalated = summary('esc', { assigneeId: 'me', offeredAt: ago(10), acceptedAt: null, firstResponseAt: ago(120) });
    expect(pendingOffers([escalated], 'me', {}).map((t) => t.id)).toEqual(['esc']);
    expect(canDecline(escalated, 'me')).toBe(false); // the desk server refuses: it goes on, by transfer
    // Once this agent has answered it (the reply maybe still in the outbox), it is no longer an offer.
    expect(pendingOffers([{ ...escalated, firstResponseAt: ago(1) }], 'me', {})).toEqual([]);
  });
});

// ---- the console's stores together (bootstrap wiring) -------------------------------------------

const agent: AgentRow = { id: 'agent-1', email: 'a@b', name: 'Maja', role: 'agent', tier: 1, regions: ['se'], capacity: 8, presence: 'available', presenceReason: null };
const session: SessionState = { serverUrl: 'http://127.0.0.1:4780', agent, signedIn: true };

describe('tabs in the console', () => {
  let drafts: Record<string, { body: string; mode: 'reply' | 'note' }>;
  beforeEach(() => {
    drafts = {};
  });

  function console_() {
    const api = createFakeApi({
      'session:get': () => ok(session),
      'tickets:list': ({ view }) => ok(view === 'mine' ? ['t1', 't2', 't3'].map((id) => summary(id)) : []),
      'tickets:get': ({ ticketId }) => ok(detail(ticketId)),
      'tickets:summaries': ({ ticketIds }) => ok(ticketIds.map((id) => summary(id))),
      'messages:page': ({ ticketId }) => ok({ messages: [message(`${ticketId}-m1`, '1', { ticketId })], hasMore: false }),
      'drafts:get': ({ ticketId }) => ok(drafts[ticketId] ? { ticketId, ...drafts[ticketId]!, updatedAt: 'x' } : null),
      'drafts:save': ({ ticketId, body, mode }) => ((drafts[ticketId] = { body, mode }), ok(null)),
      'tabs:get': () => ok({ tabs: [], activeId: null, closed: [] }),
      'tabs:save': () => ok(null),
      'sync:status': () => ok(syncStatus()),
      'activity:viewing': () => ok(null),
      'activity:typing': () => ok(null),
    });
    const stores = createStores(api);
    const dispose = bootstrap({ state: () => 'up', onState: () => () => {} }, stores, { playOfferSound: () => {} });
    return { api, stores, dispose };
  }

  it('opens a tab when a chat is selected; switching shows a held chat at once and tells main what the agent views', async () => {
    const { api, stores, dispose } = console_();
    await vi.waitFor(() => expect(stores.tabs.getState().loaded).toBe(true));
    stores.tickets.getState().select('t1');
    stores.tickets.getState().select('t2');
    expect(ids(stores.tabs.getState().tabs)).toEqual(['t1', 't2']);
    await vi.waitFor(() => expect(stores.conversation.getState().chats.t1?.messages).toHaveLength(1));
    await vi.waitFor(() => expect(stores.conversation.getState().chats.t2?.messages).toHaveLength(1));
    const pages = api.callsTo('messages:page').length;
    expect(runCommand(stores, 'prevChat')).toBe(true); // Alt+K
    // Same tick: the chat is on screen without asking main.
    expect(stores.conversation.getState()).toMatchObject({ ticketId: 't1', loading: false });
    expect(stores.conversation.getState().messages.map((m) => m.id)).toEqual(['t1-m1']);
    expect(stores.tickets.getState().selectedId).toBe('t1');
    expect(api.callsTo('messages:page')).toHaveLength(pages);
    expect(api.callsTo('activity:viewing').at(-1)).toEqual({ ticketId: 't1' });
    expect(runCommand(stores, 'goToTab2')).toBe(true);
    expect(stores.conversation.getState().ticketId).toBe('t2');
    dispose();
  });

  it('closing a tab never loses its draft; reopening brings the chat and its draft back', async () => {
    const { api, stores, dispose } = console_();
    await vi.waitFor(() => expect(stores.tabs.getState().loaded).toBe(true));
    stores.tickets.getState().select('t1');
    await vi.waitFor(() => expect(stores.drafts.getState().drafts.t1?.loaded).toBe(true));
    stores.drafts.getState().edit('t1', 'Half a reply');
    stores.drafts.getState().setMode('t1', 'note');
    expect(runCommand(stores, 'closeTab')).toBe(true);
    expect(stores.tabs.getState().tabs).toEqual([]);
    expect(stores.conversation.getState().ticketId).toBeNull();
    await vi.waitFor(() => expect(drafts.t1).toEqual({ body: 'Half a reply', mode: 'note' }));
    expect(api.callsTo('actions:run')).toEqual([]); // closing is not resolving
    stores.drafts.getState().reset(); // as after a restart: only main has it
    expect(runCommand(stores, 'reopenTab')).toBe(true);
    expect(stores.tabs.getState().activeId).toBe('t1');
    await vi.waitFor(() => expect(stores.drafts.getState().drafts.t1).toMatchObject({ body: 'Half a reply', mode: 'note' }));
    dispose();
  });

  it('tells main the agent is typing, and stops on send', async () => {
    const { api, stores, dispose } = console_();
    await vi.waitFor(() => expect(stores.tabs.getState().loaded).toBe(true));
    stores.tickets.getState().select('t3');
    await vi.waitFor(() => expect(stores.drafts.getState().drafts.t3?.loaded).toBe(true));
    stores.drafts.getState().edit('t3', 'H');
    stores.drafts.getState().edit('t3', 'Hi');
    expect(api.callsTo('activity:typing')).toEqual([{ ticketId: 't3', typing: true, kind: 'reply' }]);
    await stores.drafts.getState().clear('t3');
    expect(api.callsTo('activity:typing').at(-1)).toEqual({ ticketId: 't3', typing: false, kind: 'reply' });
    dispose();
    await flush();
  });
});
