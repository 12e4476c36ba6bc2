// @vitest-environment jsdom
/**
 * The console in jsdom with a fake main: the tab strip is a tablist named "Open chats" with a tab
 * per chat (the active one selected and in the tab order), arrow keys move and open, Delete
 * closes; a tab with an unread customer message is marked until the agent reads it, a customer
 * typing shows "…"; an offer shows with Accept / Decline and its keys; a colleague in the chat
 * shows in the header.
 */
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type SessionState, type TicketSummary } from '../../../shared/api/contract';
import type { AgentRow } from '../../../shared/domain';
import { StoresContext } from '../../app/hooks';
import { createStores } from '../../app/stores';
import { bootstrap } from '../../bootstrap';
import { createFakeApi, detail, message, ok, summary, syncStatus } from '../../testing/fake-api';
import { Console } from '../shell/Console';

beforeAll(() => {
  Element.prototype.scrollIntoView = function scrollIntoView() {};
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
  document.hasFocus = () => true;
});

const agent: AgentRow = { id: 'agent-1', email: 'maja@desk.example', name: 'Maja Lindqvist', role: 'agent', tier: 1, regions: ['se'], capacity: 8, presence: 'available', presenceReason: null };
const session: SessionState = { serverUrl: 'http://127.0.0.1:4780', agent, signedIn: true };

function setup() {
  const rows: Record<string, TicketSummary> = {
    t1: summary('t1', { customerName: 'Anna Kowalska' }),
    t2: summary('t2', { customerName: 'Erik Johansson', unread: 2, lastMessagePreview: 'Hello?' }),
    t3: summary('t3', { customerName: 'Omar Haddad' }),
    offer: summary('offer', { customerName: 'Lena Berg', offeredAt: '2026-05-01T10:00:00.000Z', acceptedAt: null, lastMessagePreview: 'Where is my refund?' }),
  };
  const chimes: number[] = [];
  const api = createFakeApi({
    'session:get': () => ok(session),
    'settings:get': () => ok({ ...DEFAULT_SETTINGS, theme: 'light' }),
    'tickets:list': ({ view }) => ok(view === 'mine' ? Object.values(rows) : []),
    'tickets:summaries': ({ ticketIds }) => ok(ticketIds.flatMap((id) => (rows[id] ? [rows[id]] : []))),
    'tickets:get': ({ ticketId }) => ok(detail(ticketId)),
    'messages:page': ({ ticketId }) => ok({ messages: [message(`${ticketId}-m1`, '2026-05-01T10:00|1', { ticketId, body: `first words in ${ticketId}` })], hasMore: false }),
    'tickets:markRead': ({ ticketId }) => {
      rows[ticketId] = { ...rows[ticketId]!, unread: 0 };
      queueMicrotask(() => api.emit('tickets:changed', { ticketIds: [ticketId] }));
      return ok(null);
    },
    'drafts:get': () => ok(null),
    'drafts:save': () => ok(null),
    'tabs:get': () => ok({ tabs: [], activeId: null, closed: [] }),
    'tabs:save': () => ok(null),
    'sync:status': () => ok(syncStatus()),
    'activity:viewing': () => ok(null),
    'activity:typing': () => ok(null),
    'actions:run': () => ok({ clientMsgId: 'c1' }),
  });
  const stores = createStores(api);
  const dispose = bootstrap({ state: () => 'up', onState: () => () => {} }, stores, { playOfferSound: () => void chimes.push(1) });
  render(createElement(StoresContext.Provider, { value: stores }, createElement(Console)));
  return { api, stores, dispose, chimes, user: userEvent.setup() };
}

let disposeLast: (() => void) | null = null;
afterEach(() => {
  cleanup();
  disposeLast?.();
  disposeLast = null;
});

async function withTabs(...ids: string[]) {
  const t = setup();
  disposeLast = t.dispose;
  await waitFor(() => expect(t.stores.tabs.getState().loaded).toBe(true));
  for (const id of ids) act(() => t.stores.tickets.getState().select(id));
  await screen.findByRole('textbox', { name: 'Reply to the customer' });
  return t;
}

const strip = () => screen.getByRole('tablist', { name: 'Open chats' });

describe('tab strip', () => {
  it('is a tablist of the open chats: one tab each, the active one selected and focusable, the chat its tabpanel', async () => {
    await withTabs('t1', 't3');
    const tabs = within(strip()).getAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual(['Anna K.', 'Omar H.']);
    expect(tabs[0]!.getAttribute('title')).toBe('Anna Kowalska · AD-t1');
    expect(tabs.map((t) => t.getAttribute('aria-selected'))).toEqual(['false', 'true']);
    expect(tabs.map((t) => t.tabIndex)).toEqual([-1, 0]);
    expect(tabs[1]!.getAttribute('aria-keyshortcuts')).toBe('Control+2');
    const panel = screen.getByRole('tabpanel');
    expect(tabs[1]!.getAttribute('aria-controls')).toBe(panel.id);
    expect(panel.getAttribute('aria-labelledby')).toBe(tabs[1]!.id);
    expect(within(panel).getByRole('region', { name: 'Conversation with Omar Haddad' })).toBeTruthy();
    expect(within(panel).getByRole('log', { name: 'Conversation' })).toBeTruthy();
  });

  it('moves with the arrow keys (opening the chat), closes with Delete, and keeps the other threads mounted', async () => {
    const { user, stores } = await withTabs('t1', 't3');
    within(strip()).getByRole('tab', { name: /Omar/ }).focus();
    await user.keyboard('{ArrowLeft}');
    expect(stores.conversation.getState().ticketId).toBe('t1');
    expect(document.activeElement).toBe(within(strip()).getByRole('tab', { name: /Anna/ }));
    expect(within(screen.getByRole('tabpanel')).getByRole('region', { name: 'Conversation with Anna Kowalska' })).toBeTruthy();
    // Both threads are in the page; only the active one is visible.
    expect(document.querySelectorAll('.thread-slot')).toHaveLength(2);
    expect(document.querySelectorAll('.thread-slot.is-active')).toHaveLength(1);
    await user.keyboard('{Delete}');
    expect(within(strip()).getAllByRole('tab').map((t) => t.textContent)).toEqual(['Omar H.']);
    expect(stores.conversation.getState().ticketId).toBe('t3');
    await waitFor(() => expect(document.activeElement).toBe(within(strip()).getByRole('tab', { name: /Omar/ })));
    expect(document.querySelectorAll('.thread-slot')).toHaveLength(1);
  });

  it('marks a tab with an unread customer message until the agent reads it, and shows a customer typing', async () => {
    const { stores, api } = await withTabs('t1', 't2', 't1');
    const erik = () => within(strip()).getByRole('tab', { name: /Erik/ });
    expect(erik().textContent).toBe('Erik J., 2 unread');
    expect(erik().querySelector('.chat-tab__dot')).not.toBeNull();
    expect(erik().classList.contains('is-unread')).toBe(true);
    // t2 was shown once; the agent reading it is what clears the mark: open it and it goes.
    api.handle('tickets:markRead', () => ok(null)); // nothing read while Anna's chat is on screen
    act(() => api.emit('typing', { ticketId: 't2', typing: true }));
    expect(erik().textContent).toBe('Erik J., customer typing…');
    act(() => api.emit('typing', { ticketId: 't2', typing: false }));
    expect(erik().querySelector('.chat-tab__dot')).not.toBeNull();
    api.handle('tickets:markRead', ({ ticketId }) => {
      queueMicrotask(() => {
        api.handle('tickets:summaries', ({ ticketIds }) => ok(ticketIds.map((id) => summary(id, { customerName: id === 't2' ? 'Erik Johansson' : id === 't1' ? 'Anna Kowalska' : id, unread: 0 }))));
        api.emit('tickets:changed', { ticketIds: [ticketId] });
      });
      return ok(null);
    });
    act(() => stores.tabs.getState().activate('t2'));
    await waitFor(() => expect(erik().textContent).toBe('Erik J.'));
    expect(erik().querySelector('.chat-tab__dot')).toBeNull();
    expect(api.callsTo('tickets:markRead')).toContainEqual({ ticketId: 't2', upTo: '2026-05-01T10:00|1' });
  });

  it('shows an offer with Accept and Decline and their keys; Ctrl+Shift+A accepts it into a tab; a chime when it arrives', async () => {
    const { user, api, stores, chimes } = await withTabs('t1');
    const offer = await screen.findByRole('region', { name: 'Chat offered to you' });
    expect(offer.textContent).toContain('Lena Berg');
    expect(offer.textContent).toContain('Where is my refund?');
    expect(within(offer).getByRole('button', { name: /Accept/ }).getAttribute('aria-keyshortcuts')).toBe('Control+Shift+A');
    expect(within(offer).getByRole('button', { name: /Decline/ }).getAttribute('aria-keyshortcuts')).toBe('Control+Shift+X');
    act(() => api.emit('chat:offered', { ticketId: 'offer', reference: 'AD-offer' }));
    expect(chimes).toHaveLength(1);
    await user.keyboard('{Control>}{Shift>}a{/Shift}{/Control}');
    expect(api.callsTo('actions:run')).toContainEqual({ kind: 'ticket.accept', ticketId: 'offer' });
    expect(stores.tabs.getState().activeId).toBe('offer');
    expect(screen.queryByRole('region', { name: 'Chat offered to you' })).toBeNull();
    await waitFor(() => expect(within(strip()).getByRole('tab', { name: /Lena/, selected: true })).toBeTruthy());
  });

  it('declines an offer with its key; no chime while Away', async () => {
    const { user, api, stores, chimes } = await withTabs('t1');
    act(() => stores.session.getState().apply({ ...session, agent: { ...agent, presence: 'away' } }));
    act(() => api.emit('chat:offered', { ticketId: 'offer', reference: 'AD-offer' }));
    expect(chimes).toHaveLength(0);
    await screen.findByRole('region', { name: 'Chat offered to you' });
    await user.keyboard('{Control>}{Shift>}x{/Shift}{/Control}');
    expect(api.callsTo('actions:run')).toContainEqual({ kind: 'ticket.decline', ticketId: 'offer' });
    expect(screen.queryByRole('region', { name: 'Chat offered to you' })).toBeNull();
    expect(stores.tabs.getState().tabs.map((t) => t.ticketId)).toEqual(['t1']);
  });

  it('says in the header when a colleague views or types in the chat', async () => {
    const { api } = await withTabs('t1');
    act(() => api.emit('colleagues:activity', { ticketId: 't1', agentId: 'sup', name: 'Nora Ekström', state: 'viewing' }));
    const header = document.querySelector('.conv-header')!;
    expect(header.textContent).toContain('Nora is viewing');
    act(() => api.emit('colleagues:activity', { ticketId: 't1', agentId: 'sup', name: 'Nora Ekström', state: 'typing' }));
    expect(header.textContent).toContain('Nora is typing…');
    act(() => api.emit('colleagues:activity', { ticketId: 't1', agentId: 'sup', name: 'Nora Ekström', state: 'left' }));
    expect(header.textContent).not.toContain('Nora');
  });
});
