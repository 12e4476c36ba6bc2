// @vitest-environment jsdom
/**
 * Suggested replies above the composer, in jsdom with Testing Library: asked for when the chat
 * opens and when a message arrives in it; up to three, each inserted by its key (F1–F3) or a
 * click, filled for the chat the way the `/` picker fills it; nothing at all on an error; hidden
 * in Note mode and for chats the agent can't write to; steady while the agent types.
 */
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement, Fragment } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type AssistForTicket, type ReplySuggestion, type SessionState, type TicketDetail } from '../../../shared/api/contract';
import type { AgentRow, CannedReplyRow, TicketRow } from '../../../shared/domain';
import { StoresContext } from '../../app/hooks';
import { createStores, type Stores } from '../../app/stores';
import { useShortcuts } from '../shell/use-shortcuts';
import { createFakeApi, detail as detailOf, fail, flush, ok, type FakeApi } from '../../testing/fake-api';
import { Composer } from '../composer/Composer';
import { ReplySuggestions } from './ReplySuggestions';
import { wireAssist } from './wire';

const agent: AgentRow = { id: 'agent-1', email: 'maja@desk.example', name: 'Maja Lindqvist', role: 'agent', tier: 1, regions: ['se'], capacity: 8, presence: 'available', presenceReason: null };
const session: SessionState = { serverUrl: 'http://127.0.0.1:4780', agent, signedIn: true };

const canned = (id: string, over: Partial<CannedReplyRow> & Pick<CannedReplyRow, 'shortcut' | 'title' | 'body'>): CannedReplyRow => ({ id, category: 'refund_return', language: 'en', version: 1, ...over });
const REPLIES: CannedReplyRow[] = [
  canned('r-received', { shortcut: 'rr-received', title: 'Refund received', body: 'Hi {{customer.firstName}}, the merchant has confirmed your refund.' }),
  canned('r-window', { shortcut: 'rr-window', title: 'Return window', body: 'Hi {{customer.firstName}}, you can return it within 30 days. I am {{agent.firstName}}.' }),
  canned('r-pause', { shortcut: 'rr-pause', title: 'Payments paused', body: 'Your payments on {{ticket.reference}} are paused while the return is open.' }),
];
const suggestion = (r: CannedReplyRow, why: string): ReplySuggestion => ({ id: r.id, shortcut: r.shortcut, title: r.title, language: r.language, why });
const ASSIST: AssistForTicket = {
  replies: [suggestion(REPLIES[0]!, "matches 'refund', used in 4 similar cases"), suggestion(REPLIES[1]!, "matches 'return'"), suggestion(REPLIES[2]!, 'used in 2 similar cases')],
  similar: [],
  casesFetchedAt: '2026-05-01T09:00:00.000Z',
};

function chat(over: Partial<TicketRow> = {}): TicketDetail {
  const d = detailOf('t1', { category: 'refund_return', reference: 'ABCD-EFGH', ...over });
  d.context.customer = {
    id: 'c1', name: 'Anna Lind', email: 'anna@example.com', phone: '', locale: 'en-GB', timeZone: 'Europe/Stockholm', regionId: 'se', country: 'SE', currency: 'SEK',
    device: null, riskFlags: [], createdAt: '2025-01-01T00:00:00Z', identity: 'verified', version: 1,
  };
  return d;
}

let api: FakeApi;
let stores: Stores;
let ticket: TicketRow;
let unwire: () => void;

beforeEach(async () => {
  api = createFakeApi({
    'canned:list': () => ok(REPLIES),
    'settings:get': () => ok(DEFAULT_SETTINGS),
    'drafts:save': () => ok(null),
    'assist:forTicket': () => ok(ASSIST),
  });
  stores = createStores(api);
  stores.session.getState().apply(session);
  unwire = wireAssist(stores);
  const d = chat();
  ticket = d.ticket;
  await stores.cannedReplies.getState().load();
});
afterEach(() => {
  unwire();
  cleanup();
});

function Keys() {
  useShortcuts();
  return null;
}

async function openChat(d: TicketDetail = chat()) {
  ticket = d.ticket;
  act(() => stores.conversation.setState({ ticketId: 't1', detail: d }));
  await act(flush);
}

function renderPane() {
  const view = render(
    createElement(StoresContext.Provider, { value: stores }, createElement(Fragment, null, createElement(Keys), createElement(ReplySuggestions, { ticket }), createElement(Composer, { ticket }))),
  );
  const box = screen.getByLabelText(/Reply to the customer|Internal note/) as HTMLTextAreaElement;
  return { view, box, user: userEvent.setup() };
}
const strip = () => screen.queryByRole('toolbar', { name: 'Suggested replies' });
const buttons = () => within(strip()!).getAllByRole('button');

describe('suggested replies', () => {
  it('asks when the chat opens and shows up to three, numbered by their keys, with why', async () => {
    await openChat();
    expect(api.callsTo('assist:forTicket')).toEqual([{ ticketId: 't1' }]);
    renderPane();
    expect(buttons().map((b) => b.querySelector('.suggestion__key')?.textContent)).toEqual(['F1', 'F2', 'F3']);
    expect(buttons()[0]!.textContent).toContain('Refund received');
    expect(buttons()[0]!.textContent).toContain("matches 'refund', used in 4 similar cases");
    expect(buttons()[0]!.getAttribute('aria-keyshortcuts')).toBe('F1');
    // One tab stop: the first suggestion; the others by the arrows.
    expect(buttons().map((b) => b.tabIndex)).toEqual([0, -1, -1]);
  });

  it('asks again when a message arrives in the open chat, not for another chat', async () => {
    await openChat();
    renderPane();
    api.emit('messages:changed', { ticketId: 't1' });
    api.emit('messages:changed', { ticketId: 't9' });
    await act(flush);
    expect(api.callsTo('assist:forTicket')).toEqual([{ ticketId: 't1' }, { ticketId: 't1' }]);
  });

  it('F2 inserts the second suggestion into the reply, filled for the chat, and focus stays in the composer', async () => {
    await openChat();
    const { box, user } = renderPane();
    await user.click(box);
    await user.keyboard('{F2}');
    expect(box.value).toBe('Hi Anna, you can return it within 30 days. I am Maja.');
    expect(document.activeElement).toBe(box);
    expect(api.callsTo('messages:send')).toEqual([]);
  });

  it('a click inserts too, at the caret, without taking focus on the way', async () => {
    await openChat();
    const { box, user } = renderPane();
    await user.type(box, 'Thanks! ');
    await user.click(buttons()[2]!);
    expect(box.value).toBe('Thanks! Your payments on ABCD-EFGH are paused while the return is open.');
    expect(document.activeElement).toBe(box);
  });

  it('shows nothing, not an error, when assist answers with an error or has nothing', async () => {
    api.handle('assist:forTicket', () => fail('internal', 'Assist is not available in this build yet.'));
    await openChat();
    const { box, user, view } = renderPane();
    expect(strip()).toBeNull();
    expect(screen.queryByText(/not available/)).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    // Its key then inserts nothing.
    await user.click(box);
    await user.keyboard('{F1}');
    expect(box.value).toBe('');
    view.unmount();
    api.handle('assist:forTicket', () => ok({ replies: [], similar: [], casesFetchedAt: null }));
    await act(() => stores.assist.getState().load('t1'));
    renderPane();
    expect(strip()).toBeNull();
  });

  it('keeps what it showed when a later ask fails', async () => {
    await openChat();
    renderPane();
    api.handle('assist:forTicket', () => fail('internal', 'busy'));
    await act(() => stores.assist.getState().load('t1'));
    expect(buttons()).toHaveLength(3);
  });

  it('hides in Note mode, and its keys do nothing there', async () => {
    await openChat();
    const { box, user } = renderPane();
    expect(strip()).not.toBeNull();
    act(() => stores.drafts.getState().setMode('t1', 'note'));
    expect(strip()).toBeNull();
    await user.click(box);
    await user.keyboard('{F1}');
    expect(box.value).toBe('');
    act(() => stores.drafts.getState().setMode('t1', 'reply'));
    expect(strip()).not.toBeNull();
  });

  it('hides for a chat the agent cannot write to (assigned to someone else, closed)', async () => {
    await openChat(chat({ assigneeId: 'agent-2' }));
    const first = renderPane();
    expect(strip()).toBeNull();
    first.view.unmount();
    await openChat(chat({ status: 'closed' }));
    renderPane();
    expect(strip()).toBeNull();
  });

  it('does not appear or vanish while the agent types; new suggestions replace the old in place', async () => {
    let answer: AssistForTicket = { ...ASSIST, replies: [] };
    api.handle('assist:forTicket', () => ok(answer));
    await openChat();
    const { box, user } = renderPane();
    expect(strip()).toBeNull();
    await user.type(box, 'Let me check');
    answer = ASSIST;
    await act(() => stores.assist.getState().load('t1'));
    expect(strip()).toBeNull(); // would push the composer while typing
    await user.clear(box);
    expect(buttons()).toHaveLength(3); // the draft is empty: it shows now
    await user.type(box, 'Hi');
    answer = { ...ASSIST, replies: [ASSIST.replies[2]!] };
    await act(() => stores.assist.getState().load('t1'));
    expect(buttons().map((b) => b.querySelector('.suggestion__title')?.textContent)).toEqual(['Payments paused']);
    answer = { ...ASSIST, replies: [] };
    await act(() => stores.assist.getState().load('t1'));
    expect(buttons()).toHaveLength(1); // still there while typing
  });

  it('drops an answer that arrives after a newer one', async () => {
    const slow: ((v: ReturnType<typeof ok<AssistForTicket>>) => void)[] = [];
    api.handle('assist:forTicket', () => new Promise((resolve) => slow.push(resolve)));
    const first = stores.assist.getState().load('t1');
    const second = stores.assist.getState().load('t1');
    slow[1]!(ok({ ...ASSIST, replies: [ASSIST.replies[1]!] }));
    slow[0]!(ok(ASSIST));
    await Promise.all([first, second]);
    expect(stores.assist.getState().forTicket.t1?.replies.map((r) => r.id)).toEqual(['r-window']);
  });
});
