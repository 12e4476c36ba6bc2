// @vitest-environment jsdom
/**
 * The Transfer dialog in jsdom with Testing Library: the team queue first, then colleagues from
 * `agents:forTransfer` (presence, load, the ones who cannot take it disabled with the reason);
 * type to filter, arrows to move, Enter transfers to the chosen one; the dialog waits for the
 * server and shows its refusal; offline it hands the transfer to the outbox and closes.
 */
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type ActionInput, type SessionState, type TransferCandidate } from '../../../shared/api/contract';
import type { AgentRow } from '../../../shared/domain';
import { StoresContext } from '../../app/hooks';
import { createStores, type Stores } from '../../app/stores';
import { createFakeApi, flush, ok, syncStatus, type FakeApi } from '../../testing/fake-api';
import { ContextPanel } from './ContextPanel';
import { panelDetail } from './test-fixtures';

const me: AgentRow = { id: 'agent-1', email: 'maja@desk.example', name: 'Maja Lindqvist', role: 'agent', tier: 1, regions: ['eu-north'], capacity: 8, presence: 'available', presenceReason: null };
const session: SessionState = { serverUrl: 'http://127.0.0.1:4780', agent: me, signedIn: true };

const colleague = (id: string, name: string, over: Partial<TransferCandidate> = {}): TransferCandidate => ({
  id,
  name,
  role: 'agent',
  tier: 1,
  presence: 'available',
  presenceReason: null,
  openChats: 2,
  capacity: 8,
  available: true,
  reason: null,
  ...over,
});

const COLLEAGUES: TransferCandidate[] = [
  colleague('a-elias', 'Elias Berg', { openChats: 3 }),
  colleague('a-nora', 'Nora Ekström', { role: 'supervisor', tier: 3, openChats: 1, capacity: 6 }),
  colleague('a-jonas', 'Jonas Weber', { openChats: 7, capacity: 7, available: false, reason: 'Jonas is at capacity (7/7 chats).' }),
  colleague('a-sam', 'Sam Stone', { presence: 'away', available: false, reason: 'Sam is away.' }),
];

let api: FakeApi;
let stores: Stores;
let clientIds = 0;

beforeEach(async () => {
  clientIds = 0;
  api = createFakeApi({
    'canned:list': () => ok([]),
    'settings:get': () => ok(DEFAULT_SETTINGS),
    'actions:run': () => ok({ clientMsgId: `cm${++clientIds}` }),
    'tickets:get': ({ ticketId }) => ok(panelDetail(ticketId)),
    'agents:forTransfer': () => ok(COLLEAGUES),
  });
  stores = createStores(api);
  stores.session.getState().apply(session);
  stores.sync.getState().apply(syncStatus());
  act(() => stores.conversation.setState({ ticketId: 't1', detail: panelDetail('t1') }));
  await stores.cannedReplies.getState().load();
});
afterEach(cleanup);

async function openTransfer() {
  render(createElement(StoresContext.Provider, { value: stores }, createElement(ContextPanel, { fallbackName: 'Anna' })));
  const user = userEvent.setup();
  await user.click(within(screen.getByRole('complementary', { name: 'Customer context' })).getByRole('button', { name: 'Transfer' }));
  await flush();
  return user;
}

const dialog = () => screen.getByRole('dialog', { name: 'Transfer the chat' });
const filterBox = () => within(dialog()).getByRole('combobox', { name: 'Transfer to' });
const listbox = () => within(dialog()).getByRole('listbox', { name: 'Transfer to' });
const options = () => within(listbox()).getAllByRole('option');
const activeOption = () => options().find((o) => o.getAttribute('aria-selected') === 'true')!;
const runs = () => api.callsTo('actions:run') as ActionInput[];
const confirmButton = () => within(dialog()).getByRole('button', { name: /^Transfer/ });

describe('the Transfer dialog', () => {
  it('lists the team queue first, then colleagues with presence and load, the unavailable ones disabled with the reason', async () => {
    await openTransfer();
    expect(api.callsTo('agents:forTransfer')).toEqual([{ ticketId: 't1' }]);
    expect(options().map((o) => o.querySelector('.transfer-option__name')!.textContent)).toEqual(['Team queue', 'Elias Berg', 'Nora Ekström', 'Jonas Weber', 'Sam Stone']);
    // The focus starts in the filter, on the queue.
    expect(document.activeElement).toBe(filterBox());
    expect(activeOption().textContent).toContain('Team queue');
    expect(filterBox().getAttribute('aria-activedescendant')).toBe(activeOption().id);
    const elias = options()[1]!;
    expect(elias.textContent).toContain('3/8');
    expect(elias.textContent).toContain('3 of 8 chats');
    expect(elias.querySelector('.presence-dot--available')).not.toBeNull();
    expect(elias.getAttribute('aria-disabled')).toBeNull();
    const sam = options()[4]!;
    expect(sam.getAttribute('aria-disabled')).toBe('true');
    expect(sam.querySelector('.presence-dot--away')).not.toBeNull();
    expect(sam.textContent).toContain('Sam is away.');
  });

  it('filters by name as you type (accents ignored), and Enter transfers to the match with the note', async () => {
    const user = await openTransfer();
    await user.keyboard('ekstrom');
    expect(options().map((o) => o.querySelector('.transfer-option__name')!.textContent)).toEqual(['Team queue', 'Nora Ekström']);
    expect(activeOption().textContent).toContain('Nora Ekström');
    expect(confirmButton().textContent).toContain('Transfer to Nora');
    await user.type(within(dialog()).getByLabelText(/^Note for the next agent/), 'Asked for a supervisor');
    await user.click(filterBox());
    await user.keyboard('{Enter}');
    expect(runs()).toEqual([{ kind: 'ticket.transfer', ticketId: 't1', toAgentId: 'a-nora', note: 'Asked for a supervisor' }]);
  });

  it('moves with the arrows; a disabled colleague cannot be chosen and says why; the queue is one arrow up', async () => {
    const user = await openTransfer();
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}');
    expect(activeOption().textContent).toContain('Jonas Weber');
    expect((confirmButton() as HTMLButtonElement).disabled).toBe(true);
    expect(dialog().textContent).toContain('Jonas is at capacity (7/7 chats).');
    await user.keyboard('{Enter}');
    expect(runs()).toEqual([]);
    await user.keyboard('{ArrowUp}{ArrowUp}{ArrowUp}{ArrowUp}');
    expect(activeOption().textContent).toContain('Team queue');
    await user.keyboard('{Enter}');
    expect(runs()).toEqual([{ kind: 'ticket.transfer', ticketId: 't1', toAgentId: null }]);
  });

  it('waits for the server: a refusal shows in the dialog and the list is asked again; an applied transfer closes it', async () => {
    const user = await openTransfer();
    await user.keyboard('{ArrowDown}{Enter}');
    await flush();
    expect(runs()).toEqual([{ kind: 'ticket.transfer', ticketId: 't1', toAgentId: 'a-elias' }]);
    expect(within(dialog()).getByText('Waiting for the desk server…')).toBeTruthy();
    expect((confirmButton() as HTMLButtonElement).disabled).toBe(true);

    // Elias went away in the meantime: the server says so, here.
    api.handle('agents:forTransfer', () => ok(COLLEAGUES.map((c) => (c.id === 'a-elias' ? { ...c, presence: 'away', available: false, reason: 'Elias is away.' } : c))));
    act(() => api.emit('actions:settled', { clientMsgId: 'cm1', ticketId: 't1', status: 'rejected', code: 'conflict', reason: 'Elias is away.' }));
    await flush();
    expect(within(dialog()).getByRole('alert').textContent).toBe('Not transferred: Elias is away.');
    expect(document.activeElement).toBe(filterBox()); // the keyboard carries on from the filter
    expect(api.callsTo('agents:forTransfer')).toHaveLength(2);
    expect(options()[1]!.getAttribute('aria-disabled')).toBe('true');

    // Nora then: applied, and the dialog is gone.
    await user.keyboard('{ArrowDown}{Enter}');
    await flush();
    expect(runs().at(-1)).toEqual({ kind: 'ticket.transfer', ticketId: 't1', toAgentId: 'a-nora' });
    act(() => api.emit('actions:settled', { clientMsgId: 'cm2', ticketId: 't1', status: 'applied', code: null, reason: null }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('refreshes colleagues when someone’s presence changes', async () => {
    await openTransfer();
    api.handle('agents:forTransfer', () => ok(COLLEAGUES.map((c) => (c.id === 'a-sam' ? { ...c, presence: 'available', available: true, reason: null } : c))));
    act(() => api.emit('presence:changed', { agentId: 'a-sam', presence: 'available' }));
    await flush();
    expect(options()[4]!.getAttribute('aria-disabled')).toBeNull();
  });

  it('offline, hands the transfer to the outbox and closes (the panel follows it)', async () => {
    stores.sync.getState().apply(syncStatus({ connection: 'offline' }));
    const user = await openTransfer();
    await user.keyboard('{ArrowDown}{Enter}');
    await flush();
    expect(runs()).toEqual([{ kind: 'ticket.transfer', ticketId: 't1', toAgentId: 'a-elias' }]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
