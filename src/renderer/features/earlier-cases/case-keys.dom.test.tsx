// @vitest-environment jsdom
/**
 * The case's keys in the console (jsdom, a fake main): the earlier-cases dialog (Ctrl+Shift+H,
 * newest first, arrows + Enter open a case, Esc gives focus back, the empty and visitor states),
 * copying the reference (`.` and the header's button; the clipboard's fallback; the live
 * region), the case dialogs opened by key, and the polite refusals.
 */
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type EarlierCase, type SessionState, type Settings, type TicketDetail } from '../../../shared/api/contract';
import type { AgentRow } from '../../../shared/domain';
import { StoresContext } from '../../app/hooks';
import { createStores } from '../../app/stores';
import { bootstrap } from '../../bootstrap';
import { createFakeApi, detail, earlierCase, message, ok, summary, syncStatus, type FakeApi } from '../../testing/fake-api';
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

const earlier = earlierCase;
const EARLIER = [
  earlier('t7', 'HHHH-7777', '2026-04-20T10:00:00.000Z', { category: 'missed_payment', firstQuestion: 'Why was I charged a late fee?' }),
  earlier('t5', 'FFFF-5555', '2026-02-02T10:00:00.000Z'),
  earlier('t3', 'CCCC-3333', '2025-11-11T10:00:00.000Z', { status: 'closed', firstQuestion: null }),
];

function customerDetail(ticketId: string, identity: 'verified' | 'visitor' = 'verified', over: Partial<TicketDetail['ticket']> = {}): TicketDetail {
  const d = detail(ticketId, over);
  d.context.customer = {
    id: d.ticket.customerId,
    name: identity === 'visitor' ? 'Visitor 4821' : 'Anna Kowalska',
    email: 'anna@example.com',
    phone: '+46 70 000 00 00',
    locale: 'sv-SE',
    timeZone: 'Europe/Stockholm',
    regionId: 'se',
    country: 'SE',
    currency: 'SEK',
    device: null,
    riskFlags: [],
    identity,
    createdAt: '2024-01-01T00:00:00.000Z',
    version: 1,
  } as NonNullable<TicketDetail['context']['customer']>;
  return d;
}

function setup({ identity = 'verified', assignee = 'agent-1', cases = EARLIER }: { identity?: 'verified' | 'visitor'; assignee?: string; cases?: EarlierCase[] } = {}) {
  let settings: Settings = { ...DEFAULT_SETTINGS, theme: 'light' };
  const api: FakeApi = createFakeApi({
    'session:get': () => ok(session),
    'tickets:list': ({ view }) => ok(view === 'queue' ? [] : [summary('t1', { customerName: 'Anna Kowalska', reference: 'KPQR-7M2X', assigneeId: assignee }), summary('t7', { customerName: 'Anna Kowalska', reference: 'HHHH-7777' })]),
    'tickets:get': ({ ticketId }) => ok(customerDetail(ticketId, identity, ticketId === 't1' ? { reference: 'KPQR-7M2X', assigneeId: assignee } : {})),
    'tickets:ofCustomer': () => ok(cases),
    'messages:page': ({ ticketId }) => ok({ messages: [message(`${ticketId}-m1`, '1', { ticketId })], hasMore: false }),
    'drafts:get': () => ok(null),
    'drafts:save': () => ok(null),
    'sync:status': () => ok(syncStatus()),
    'settings:get': () => ok(settings),
    'canned:list': () => ok([]),
    'settings:set': (patch) => ok((settings = { ...settings, ...(patch as Partial<Settings>) })),
  });
  const stores = createStores(api);
  const dispose = bootstrap({ state: () => 'up', onState: () => () => {} }, stores);
  render(createElement(StoresContext.Provider, { value: stores }, createElement(Console)));
  return { api, stores, dispose, user: userEvent.setup() };
}

/** A Clipboard API for the test, after user-event's setup (which installs its own stub). */
function stubClipboard(writeText: (text: string) => Promise<void>) {
  Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
}

let disposeLast: (() => void) | null = null;
afterEach(() => {
  cleanup();
  disposeLast?.();
  disposeLast = null;
  delete (navigator as { clipboard?: unknown }).clipboard;
  vi.restoreAllMocks();
});

async function withChat(options: Parameters<typeof setup>[0] = {}) {
  const t = setup(options);
  disposeLast = t.dispose;
  await waitFor(() => expect(t.stores.settings.getState().status).toBe('ready'));
  act(() => t.stores.tickets.getState().select('t1'));
  await screen.findByRole('textbox', { name: 'Reply to the customer' });
  await waitFor(() => expect(t.stores.conversation.getState().detail?.ticket.id).toBe('t1'));
  return t;
}

const notice = () => screen.getByTestId('console-notice');
const earlierDialog = () => screen.getByRole('dialog', { name: /^Earlier cases of/ });

describe('earlier cases of the customer', () => {
  it('opens with Ctrl+Shift+H, newest first with date, category, status and first question; Enter opens the case', async () => {
    const { user, stores, api } = await withChat();
    const reply = screen.getByRole('textbox', { name: 'Reply to the customer' });
    await user.click(reply);
    await user.keyboard('{Control>}{Shift>}H{/Shift}{/Control}'); // also from the composer
    const list = await within(earlierDialog()).findByRole('listbox', { name: 'Earlier cases of Anna Kowalska' });
    expect(api.callsTo('tickets:ofCustomer')).toEqual([{ customerId: 'c-t1', exceptTicketId: 't1', limit: 50 }]);
    const options = within(list).getAllByRole('option');
    expect(options.map((o) => o.querySelector('.earlier__ref')?.textContent)).toEqual(['HHHH-7777', 'FFFF-5555', 'CCCC-3333']);
    expect(options[0]!.textContent).toContain('Missed payment');
    expect(options[0]!.textContent).toContain('Resolved');
    expect(options[0]!.textContent).toContain('Why was I charged a late fee?');
    expect(options[2]!.textContent).toContain('Closed');
    expect(options[2]!.textContent).toContain('No message from the customer in the cache');
    expect(document.activeElement).toBe(list);
    expect(options[0]!.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}{ArrowUp}');
    expect(list.getAttribute('aria-activedescendant')).toBe(options[1]!.id);
    expect(options[1]!.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(stores.tickets.getState().selectedId).toBe('t5');
  });

  it('closes with Esc and gives focus back where it was', async () => {
    const { user } = await withChat();
    const reply = screen.getByRole('textbox', { name: 'Reply to the customer' });
    await user.click(reply);
    await user.keyboard('{Control>}{Shift>}H{/Shift}{/Control}');
    await within(earlierDialog()).findByRole('listbox');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(reply);
  });

  it('says so when the cache holds no other case', async () => {
    const { user } = await withChat({ cases: [] });
    await user.keyboard('{Control>}{Shift>}H{/Shift}{/Control}');
    expect((await within(earlierDialog()).findByRole('status')).textContent).toBe('No earlier cases for Anna Kowalska.');
    expect(within(earlierDialog()).queryByRole('listbox')).toBeNull();
  });

  it('gives an unverified visitor none, without asking the cache', async () => {
    const { user, api } = await withChat({ identity: 'visitor' });
    await user.keyboard('{Control>}{Shift>}H{/Shift}{/Control}');
    expect((await within(earlierDialog()).findByRole('status')).textContent).toMatch(/^No earlier cases for Visitor 4821/);
    expect(api.callsTo('tickets:ofCustomer')).toEqual([]);
  });

  it('follows a remap: the new key opens it, the old one no longer does', async () => {
    const { user, stores } = await withChat();
    await act(async () => void (await stores.settings.getState().setShortcut('case.earlierCases', ['F8'])));
    await user.keyboard('{Control>}{Shift>}H{/Shift}{/Control}');
    expect(screen.queryByRole('dialog')).toBeNull();
    await user.keyboard('{F8}');
    expect(earlierDialog()).toBeTruthy();
  });
});

describe('copy the reference', () => {
  it('copies with `.` outside text fields and says so politely; in the composer `.` is a full stop', async () => {
    const { user } = await withChat();
    const writeText = vi.fn(async () => {});
    stubClipboard(writeText);
    const reply = screen.getByRole('textbox', { name: 'Reply to the customer' }) as HTMLTextAreaElement;
    await user.click(reply);
    await user.keyboard('.');
    expect(writeText).not.toHaveBeenCalled();
    expect(reply.value).toBe('.');
    reply.blur();
    await user.keyboard('.');
    await waitFor(() => expect(notice().textContent).toBe('Copied KPQR-7M2X to the clipboard.'));
    expect(writeText).toHaveBeenCalledWith('KPQR-7M2X');
    expect(notice().getAttribute('aria-live')).toBe('polite');
  });

  it('the header’s reference is a button that copies, with the key in its tooltip', async () => {
    const { user } = await withChat();
    const writeText = vi.fn(async () => {});
    stubClipboard(writeText);
    const button = screen.getByRole('button', { name: 'Copy the reference KPQR-7M2X' });
    expect(button.getAttribute('title')).toBe('Copy the reference (.)');
    expect(button.getAttribute('aria-keyshortcuts')).toBe('.');
    await user.click(button);
    await waitFor(() => expect(writeText).toHaveBeenCalledWith('KPQR-7M2X'));
    expect(notice().textContent).toBe('Copied KPQR-7M2X to the clipboard.');
  });

  it('falls back to a selection and execCommand when the Clipboard API refuses, and gives the reference when both fail', async () => {
    const { user } = await withChat();
    stubClipboard(async () => Promise.reject(new DOMException('Document is not focused.', 'NotAllowedError')));
    const copied: string[] = [];
    const execCommand = vi.fn((command: string) => {
      const area = document.activeElement as HTMLTextAreaElement;
      copied.push(`${command}:${area.value.slice(area.selectionStart, area.selectionEnd)}`);
      return true;
    });
    Object.defineProperty(document, 'execCommand', { configurable: true, value: execCommand });
    await user.keyboard('.');
    await waitFor(() => expect(notice().textContent).toBe('Copied KPQR-7M2X to the clipboard.'));
    expect(copied).toEqual(['copy:KPQR-7M2X']);
    expect(document.querySelector('textarea[aria-hidden="true"]')).toBeNull(); // cleaned up
    execCommand.mockReturnValue(false);
    act(() => document.body.focus());
    await user.keyboard('.');
    await waitFor(() => expect(notice().textContent).toBe('Couldn’t reach the clipboard. The reference is KPQR-7M2X.'));
    delete (document as { execCommand?: unknown }).execCommand;
  });
});

describe('case dialogs by key', () => {
  it('opens the panel’s Transfer dialog with `a`, Escalate with `!`, Category with `l`; Esc goes back', async () => {
    const { user } = await withChat();
    await user.keyboard('a');
    const transfer = await screen.findByRole('dialog', { name: 'Transfer the chat' });
    expect(within(transfer).getByRole('textbox', { name: /Note for the next agent/ }).textContent).toBe(''); // the `a` typed nothing
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('!');
    expect(await screen.findByRole('dialog', { name: 'Escalate the chat' })).toBeTruthy();
    await user.keyboard('{Escape}');
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('l');
    expect(await screen.findByRole('dialog', { name: 'Set the category' })).toBeTruthy();
  });

  it('shows each key on its quick action, and a remap there too', async () => {
    const { user, stores } = await withChat();
    const actions = screen.getByRole('group', { name: 'Quick actions' });
    const transfer = within(actions).getByRole('button', { name: 'Transfer' });
    expect(transfer.getAttribute('title')).toBe('Transfer (A)');
    expect(transfer.getAttribute('aria-keyshortcuts')).toBe('A');
    expect(within(actions).getByRole('button', { name: 'Escalate' }).getAttribute('title')).toBe('Escalate (!)');
    await act(async () => void (await stores.settings.getState().setShortcut('case.assign', ['t'])));
    expect(transfer.getAttribute('title')).toBe('Transfer (T)');
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('a');
    expect(screen.queryByRole('dialog')).toBeNull();
    await user.keyboard('t');
    expect(await screen.findByRole('dialog', { name: 'Transfer the chat' })).toBeTruthy();
  });

  it('refuses politely on a chat the agent may not write to, and with no chat open', async () => {
    const { user, stores } = await withChat({ assignee: 'agent-2' });
    await user.keyboard('a');
    await waitFor(() => expect(notice().textContent).toBe('Can’t transfer now: this chat is assigned to someone else.'));
    expect(screen.queryByRole('dialog')).toBeNull();
    act(() => stores.conversation.setState({ ticketId: null, detail: null }));
    await user.keyboard('p');
    await waitFor(() => expect(notice().textContent).toBe('Can’t set the priority now: open a chat first.'));
    await user.keyboard('.');
    await waitFor(() => expect(notice().textContent).toBe('Can’t copy a reference: open a chat first.'));
    await user.keyboard('{Control>}{Shift>}H{/Shift}{/Control}');
    await waitFor(() => expect(notice().textContent).toBe('Can’t show earlier cases: open a chat first.'));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('in the palette', () => {
  it('offers the case commands with their keys, runs one, and leaves the viewer’s keys to help', async () => {
    const { user } = await withChat();
    await user.keyboard('{Control>}k{/Control}');
    const palette = screen.getByRole('dialog', { name: 'Command palette' });
    await user.keyboard('earlier');
    const entry = await within(palette).findByRole('option', { name: /Earlier cases of this customer/ });
    expect(entry.textContent).toContain('Ctrl+Shift+H');
    await user.clear(within(palette).getByRole('combobox'));
    await user.keyboard('zoom in');
    expect(within(palette).queryByRole('option', { name: /Zoom in/ })).toBeNull();
    await user.clear(within(palette).getByRole('combobox'));
    await user.keyboard('assign');
    const assign = await within(palette).findByRole('option', { name: /Assign \/ transfer/ });
    expect(assign.textContent).toContain('A');
    await user.click(assign);
    expect(await screen.findByRole('dialog', { name: 'Transfer the chat' })).toBeTruthy();
  });
});
