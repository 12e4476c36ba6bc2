// @vitest-environment jsdom
/**
 * The console in jsdom with a fake main: the palette (Ctrl+K from the composer, running a
 * command, going to a case by reference, highlighted search hits, Esc and focus return), the
 * `?` overlay with a remapped key, shortcut recording that refuses AltGr, the theme, and the
 * Offline presence and initial-sync states.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type SessionState, type Settings } from '../../../shared/api/contract';
import type { AgentRow } from '../../../shared/domain';
import { StoresContext } from '../../app/hooks';
import { createStores } from '../../app/stores';
import { bootstrap } from '../../bootstrap';
import { createFakeApi, detail, message, ok, summary, syncStatus } from '../../testing/fake-api';
import { Console } from './Console';

beforeAll(() => {
  // jsdom has no layout: cmdk scrolls the selected row into view and measures its list.
  Element.prototype.scrollIntoView = function scrollIntoView() {};
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
});

const agent: AgentRow = { id: 'agent-1', email: 'maja@desk.example', name: 'Maja Lindqvist', role: 'agent', tier: 1, regions: ['se'], capacity: 8, presence: 'available', presenceReason: null };
const session: SessionState = { serverUrl: 'http://127.0.0.1:4780', agent, signedIn: true };

function setup() {
  let settings: Settings = { ...DEFAULT_SETTINGS, theme: 'light' };
  const api = createFakeApi({
    'session:get': () => ok(session),
    'tickets:list': ({ view }) => ok(view === 'queue' ? [] : [summary('t1', { customerName: 'Anna Kowalska' }), summary('t2', { customerName: 'Erik Johansson', reference: 'JXQR-8V5K' })]),
    'tickets:get': ({ ticketId }) => ok(detail(ticketId)),
    'messages:page': ({ ticketId }) => ok({ messages: [message(`${ticketId}-m1`, '1', { ticketId })], hasMore: false }),
    'drafts:get': () => ok(null),
    'drafts:save': () => ok(null),
    'sync:status': () => ok(syncStatus()),
    'settings:get': () => ok(settings),
    'settings:set': (patch) => ok((settings = { ...settings, ...(patch as Partial<Settings>) })),
    'tickets:search': ({ query }) =>
      ok([{ ticketId: 't1', messageId: 't1-m9', reference: 'AD-t1', customerName: 'Anna Kowalska', snippet: `Where is my \u0002${query}\u0003? <b>now</b>` }]),
    'tickets:byReference': ({ reference }) => ok(reference === 'JXQR-8V5K' ? { ticketId: 't2', reference, customerName: 'Erik Johansson' } : null),
    'presence:set': ({ presence }) => ok({ ...agent, presence }),
  });
  const stores = createStores(api);
  const dispose = bootstrap({ state: () => 'up', onState: () => () => {} }, stores);
  render(createElement(StoresContext.Provider, { value: stores }, createElement(Console)));
  const user = userEvent.setup();
  return { api, stores, user, dispose, settings: () => settings };
}

let disposeLast: (() => void) | null = null;
afterEach(() => {
  cleanup();
  disposeLast?.();
  disposeLast = null;
  delete document.documentElement.dataset.theme;
  delete document.documentElement.dataset.density;
});

async function signedInWithChat(): Promise<ReturnType<typeof setup>> {
  const t = setup();
  disposeLast = t.dispose;
  await waitFor(() => expect(t.stores.settings.getState().status).toBe('ready'));
  act(() => t.stores.tickets.getState().select('t1'));
  await screen.findByRole('textbox', { name: 'Reply to the customer' });
  return t;
}

const palette = () => screen.getByRole('dialog', { name: 'Command palette' });

describe('command palette', () => {
  it('opens with Ctrl+K from inside the composer, shows keys, runs a command; Esc brings focus back', async () => {
    const { user, stores } = await signedInWithChat();
    const composer = screen.getByRole('textbox', { name: 'Reply to the customer' });
    await user.click(composer);
    await user.keyboard('{Control>}k{/Control}');
    expect(palette()).toBeTruthy();
    const input = within(palette()).getByRole('combobox');
    expect(document.activeElement).toBe(input);
    // Every command is listed with the key that runs it.
    const toggle = within(palette()).getByRole('option', { name: /Toggle reply \/ note/ });
    expect(toggle.textContent).toContain('Ctrl+Shift+N');

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(composer);

    await user.keyboard('{Control>}k{/Control}');
    await user.keyboard('toggle rep');
    expect(within(palette()).getAllByRole('option')[0]?.textContent).toContain('Toggle reply / note');
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(stores.drafts.getState().drafts.t1?.mode).toBe('note');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Internal note' })));
  });

  it('hands over to the shortcuts overlay, and Esc there returns to the composer', async () => {
    const { user } = await signedInWithChat();
    const composer = screen.getByRole('textbox', { name: 'Reply to the customer' });
    await user.click(composer);
    await user.keyboard('{Control>}k{/Control}');
    await user.keyboard('keyboard short{Enter}');
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(composer);
  });

  it('moves with the arrows past disabled entries, which say why, and switches presence', async () => {
    const { user, api } = await signedInWithChat();
    await user.keyboard('{Control>}k{/Control}');
    await user.keyboard('accept');
    const accept = within(palette()).getByRole('option', { name: /Accept offered chat/ });
    expect(accept.getAttribute('aria-disabled')).toBe('true');
    expect(accept.textContent).toContain('not waiting to be accepted');

    await user.clear(within(palette()).getByRole('combobox'));
    await user.keyboard('set presence');
    const selected = () => within(palette()).getAllByRole('option').find((o) => o.getAttribute('aria-selected') === 'true')?.textContent ?? '';
    const available = within(palette()).getByRole('option', { name: /Set presence: Available/ });
    expect(available.getAttribute('aria-disabled')).toBe('true'); // already Available
    await waitFor(() => expect(selected()).toContain('Set presence: Away')); // the first entry that can run
    await user.keyboard('{ArrowDown}');
    expect(selected()).toContain('Set presence: Offline');
    await user.keyboard('{ArrowUp}');
    expect(selected()).toContain('Set presence: Away');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(api.callsTo('presence:set')).toEqual([{ presence: 'away' }]));

    // A refusal is said, not swallowed.
    api.handle('presence:set', () => ({ ok: false, error: { code: 'offline', message: 'The desk server is not reachable; try again when you are back online.' } }));
    await user.keyboard('{Control>}k{/Control}');
    await user.keyboard('set presence: offl{Enter}');
    expect((await screen.findByRole('alert')).textContent).toContain('not reachable');
  });

  it('goes to a case by its reference', async () => {
    const { user, stores, api } = await signedInWithChat();
    await user.keyboard('{Control>}k{/Control}');
    await user.keyboard('jxqr8v5k');
    const open = await within(palette()).findByRole('option', { name: /Open case JXQR-8V5K/ });
    expect(open.textContent).toContain('Erik Johansson');
    await user.keyboard('{Enter}');
    expect(stores.tickets.getState().selectedId).toBe('t2');
    expect(api.callsTo('tickets:byReference')).toContainEqual({ reference: 'JXQR-8V5K' });
  });

  it('searches the cache as you type and marks the matches, as text', async () => {
    const { user, stores } = await signedInWithChat();
    await user.keyboard('{Control>}k{/Control}');
    await user.keyboard('refund');
    const hit = await within(palette()).findByRole('option', { name: /Anna Kowalska/ });
    const marks = hit.querySelectorAll('mark');
    expect([...marks].map((m) => m.textContent)).toEqual(['refund']);
    expect(hit.textContent).toContain('<b>now</b>');
    expect(hit.querySelector('b')).toBeNull();
    await user.click(hit);
    expect(stores.tickets.getState().selectedId).toBe('t1');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('opens the search from the navigation rail, with its key in the tooltip', async () => {
    const { user, stores } = await signedInWithChat();
    const search = within(screen.getByRole('navigation', { name: 'Areas' })).getByRole('button', { name: 'Search' });
    expect(search.getAttribute('title')).toMatch(/Search cached chats \(Ctrl\+Shift\+F\)/);
    await user.click(search);
    expect(palette()).toBeTruthy();
    expect(stores.ui.getState().overlay).toBe('palette');
    await user.keyboard('refund');
    expect(await within(palette()).findByRole('option', { name: /Anna Kowalska/ })).toBeTruthy();
  });

  it('lists entries another feature registers and runs them', async () => {
    const { user, stores } = await signedInWithChat();
    const ran: string[] = [];
    act(() => {
      stores.palette.getState().registerSource({
        id: 'canned-replies',
        heading: 'Canned replies',
        items: () => [{ id: 'refund-status', label: 'Refund status (sv)', keywords: ['återbetalning'], run: () => void ran.push('refund-status') }],
      });
    });
    await user.keyboard('{Control>}k{/Control}');
    await user.keyboard('refund stat');
    await user.click(await within(palette()).findByRole('option', { name: /Refund status \(sv\)/ }));
    expect(ran).toEqual(['refund-status']);
  });
});

describe('keyboard shortcuts overlay', () => {
  it('opens with ? outside text fields and lists a remapped key as changed', async () => {
    const { user, stores } = await signedInWithChat();
    await act(async () => void (await stores.settings.getState().setShortcut('resolve', ['Mod+Shift+d'])));
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('?');
    const help = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    const resolveRow = within(help).getByText('Resolve').closest('.help__row') as HTMLElement;
    expect(resolveRow.textContent).toContain('Ctrl+Shift+D');
    expect(resolveRow.textContent).toContain('changed · default Ctrl+Shift+E');
    expect(within(help).getByText('Next chat').closest('.help__row')?.textContent).toContain('Alt+J');
    // The image viewer's and the customer panel's own keys are listed too.
    const viewer = within(help).getByRole('group', { name: 'Image viewer' });
    expect(within(viewer).getByText('Rotate counter-clockwise').closest('.help__row')?.textContent).toContain('Shift+R');
    expect(within(viewer).getByText('Next image').closest('.help__row')?.textContent).toContain('PgDn');
    const panel = within(help).getByRole('group', { name: 'Customer panel' });
    expect(panel.textContent).toContain('Ctrl+Shift+I');
    // The resolve button's tooltip follows the remap too.
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('lists a remapped panel key and a switched-off viewer key, and the panel’s tooltip follows', async () => {
    const { user, stores } = await signedInWithChat();
    await act(async () => void (await stores.settings.getState().setShortcut('customer.togglePanel', ['Mod+Shift+b'])));
    await act(async () => void (await stores.settings.getState().setShortcut('viewer.rotate', null)));
    const hide = screen.getByRole('button', { name: 'Hide the customer panel' });
    expect(hide.getAttribute('title')).toBe('Hide the customer panel (Ctrl+Shift+B)');
    expect(hide.getAttribute('aria-keyshortcuts')).toBe('Control+Shift+B');
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('?');
    const help = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    const panel = within(help).getByRole('group', { name: 'Customer panel' });
    const toggleRow = within(panel).getByText('Show or hide the customer panel').closest('.help__row') as HTMLElement;
    expect(toggleRow.textContent).toContain('Ctrl+Shift+B');
    expect(toggleRow.textContent).toContain('changed · default Ctrl+Shift+O');
    const viewer = within(help).getByRole('group', { name: 'Image viewer' });
    const rotateRow = within(viewer).getByText('Rotate clockwise').closest('.help__row') as HTMLElement;
    expect(rotateRow.textContent).toContain('Off');
    expect(within(help).getByRole('group', { name: 'Case' }).textContent).toContain('Ctrl+Shift+H');
  });

  it('does not open while typing a ? in the composer', async () => {
    const { user } = await signedInWithChat();
    await user.click(screen.getByRole('textbox', { name: 'Reply to the customer' }));
    await user.keyboard('?');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect((screen.getByRole('textbox', { name: 'Reply to the customer' }) as HTMLTextAreaElement).value).toBe('?');
  });
});

describe('settings view', () => {
  it('switches the theme at once and records a new shortcut, refusing AltGr', async () => {
    const { user, settings } = await signedInWithChat();
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    await screen.findByRole('heading', { name: 'Settings', level: 1 });

    await user.click(screen.getByRole('radio', { name: 'Dark' }));
    expect(document.documentElement.dataset.theme).toBe('dark');
    await waitFor(() => expect(settings().theme).toBe('dark'));

    await user.click(screen.getByRole('button', { name: 'Change the keys of Resolve' }));
    const recorder = screen.getByRole('button', { name: /Press keys/ });
    expect(document.activeElement).toBe(recorder);
    // Polish AltGr+S (ś) as Chromium reports it on Windows: refused, nothing saved.
    fireEvent.keyDown(recorder, { key: 'ś', code: 'KeyS', ctrlKey: true, altKey: true, modifierAltGraph: true });
    expect(screen.getByRole('alert').textContent).toMatch(/AltGr/);
    expect(settings().shortcuts).toEqual({});
    // A plain letter for a command that works everywhere: refused.
    fireEvent.keyDown(recorder, { key: 'd', code: 'KeyD' });
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/type into the composer/));
    // Ctrl+Shift+A is Accept: refused by name.
    fireEvent.keyDown(recorder, { key: 'A', code: 'KeyA', ctrlKey: true, shiftKey: true });
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('already “Accept offered chat”'));
    fireEvent.keyDown(recorder, { key: 'D', code: 'KeyD', ctrlKey: true, shiftKey: true });
    await waitFor(() => expect(settings().shortcuts).toEqual({ resolve: ['Mod+Shift+d'] }));
    expect(await screen.findByText('Resolve: Ctrl+Shift+D')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Switch off Reply' }));
    await waitFor(() => expect(settings().shortcuts).toEqual({ resolve: ['Mod+Shift+d'], reply: null }));
    await user.click(screen.getByRole('button', { name: 'Reset all shortcuts' }));
    await waitFor(() => expect(settings().shortcuts).toEqual({}));
  });
});

describe('states', () => {
  it('shows the presence as Offline while the connection is down, and the choice again after', async () => {
    const { api } = await signedInWithChat();
    expect((screen.getByRole('combobox', { name: 'Presence' }) as HTMLSelectElement).value).toBe('available');
    act(() => api.emit('sync:status', syncStatus({ connection: 'offline', attempt: 2 })));
    expect(screen.queryByRole('combobox', { name: 'Presence' })).toBeNull();
    expect(document.querySelector('.presence--disconnected')?.textContent).toContain('Offline');
    act(() => api.emit('sync:status', syncStatus({ connection: 'online' })));
    expect((screen.getByRole('combobox', { name: 'Presence' }) as HTMLSelectElement).value).toBe('available');
  });

  it('shows the initial sync as a progress bar', async () => {
    const { api } = await signedInWithChat();
    act(() => api.emit('sync:status', syncStatus({ initialSync: { done: 120, total: 400 } })));
    const bar = screen.getByRole('progressbar', { name: 'Initial sync' });
    expect(bar.getAttribute('aria-valuenow')).toBe('120');
    expect(bar.getAttribute('aria-valuemax')).toBe('400');
    expect(screen.getByText('Syncing your chats · 120 of 400')).toBeTruthy();
    act(() => api.emit('sync:status', syncStatus({ initialSync: null })));
    expect(screen.queryByRole('progressbar')).toBeNull();
  });
});
