// @vitest-environment jsdom
/**
 * The wrap-up in the console with a fake main: the resolve key opens it (nothing is sent yet),
 * Enter resolves with the wrap-up through "Resolved · Undo", Esc sends nothing; the header shows
 * the outcome and the tags, and `#` edits the tags.
 */
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type SessionState } from '../../../shared/api/contract';
import type { AgentRow, TicketRow } from '../../../shared/domain';
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
});

const agent: AgentRow = { id: 'agent-1', email: 'maja@desk.example', name: 'Maja Lindqvist', role: 'agent', tier: 1, regions: ['se'], capacity: 8, presence: 'available', presenceReason: null };
const session: SessionState = { serverUrl: 'http://127.0.0.1:4780', agent, signedIn: true };

let dispose: (() => void) | null = null;
afterEach(() => {
  cleanup();
  dispose?.();
  dispose = null;
});

async function console_(ticket: Partial<TicketRow> = {}) {
  const api = createFakeApi({
    'session:get': () => ok(session),
    'tickets:list': ({ view }) => ok(view === 'queue' ? [] : [summary('t1', { customerName: 'Anna Kowalska', ...ticket })]),
    'tickets:get': ({ ticketId }) => ok(detail(ticketId, ticket)),
    'messages:page': ({ ticketId }) => ok({ messages: [message(`${ticketId}-m1`, '1', { ticketId })], hasMore: false }),
    'drafts:get': () => ok(null),
    'drafts:save': () => ok(null),
    'sync:status': () => ok(syncStatus()),
    'settings:get': () => ok({ ...DEFAULT_SETTINGS, theme: 'light' }),
    'actions:run': () => ok({ clientMsgId: 'cmid-1' }),
  });
  const stores = createStores(api);
  dispose = bootstrap({ state: () => 'up', onState: () => () => {} }, stores);
  render(createElement(StoresContext.Provider, { value: stores }, createElement(Console)));
  await waitFor(() => expect(stores.settings.getState().status).toBe('ready'));
  act(() => stores.tickets.getState().select('t1'));
  await screen.findByRole('textbox', { name: 'Reply to the customer' });
  return { api, stores, user: userEvent.setup() };
}

describe('resolving from the console', () => {
  it('opens the wrap-up on the resolve key; Enter resolves with it after "Resolved · Undo"', async () => {
    const { api, stores, user } = await console_({ category: 'refund_return' });
    await user.keyboard('{Control>}{Shift>}e{/Shift}{/Control}');
    const dialog = await screen.findByRole('dialog', { name: /^Resolve / });
    expect(api.callsTo('actions:run')).toEqual([]);
    await user.keyboard('2');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: /^Resolve / })).toBeNull());
    expect(dialog.isConnected).toBe(false);
    expect(stores.tabs.getState().resolving).toMatchObject({ ticketId: 't1', wrapUp: { outcome: 'workaround', category: 'refund_return', tags: [] } });
    act(() => stores.tabs.getState().flushResolve());
    await waitFor(() => expect(api.callsTo('actions:run')).toEqual([{ kind: 'ticket.resolve', ticketId: 't1', outcome: 'workaround', category: 'refund_return', tags: [] }]));
  });

  it('sends nothing when the wrap-up is cancelled with Esc', async () => {
    const { api, stores, user } = await console_();
    await user.click(screen.getByRole('button', { name: 'Resolve' }));
    await screen.findByRole('dialog', { name: /^Resolve / });
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: /^Resolve / })).toBeNull());
    expect(stores.tabs.getState().resolving).toBeNull();
    expect(api.callsTo('actions:run')).toEqual([]);
  });

  it('shows the outcome and tags in the header; # edits the tags', async () => {
    const { api, user } = await console_({ status: 'resolved', outcome: 'solved', tags: ['sepa', 'late fee'] });
    const header = document.querySelector('.conv-header') as HTMLElement;
    expect(within(header).getByText('Solved')).toBeTruthy();
    expect(within(header).getByRole('list', { name: 'Tags' }).textContent).toBe('#sepa#late fee');
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('#');
    await screen.findByRole('dialog', { name: /^Tags of / });
    await user.keyboard('{Backspace}VIP{Enter}{Enter}');
    await waitFor(() => expect(api.callsTo('actions:run')).toEqual([{ kind: 'ticket.setTags', ticketId: 't1', tags: ['sepa', 'vip'] }]));
  });
});
