// @vitest-environment jsdom
/**
 * Triage in the console, in jsdom: the header's language and mood chips and the "Looks like"
 * category (a click or Ctrl+Shift+L sets it through the panel's set-category action); the chat
 * list row marks an angry customer with an icon and the word and shows a foreign language's
 * code; a customer message in another language than the chat's says which.
 */
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement, Fragment } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type ActionInput, type SessionState } from '../../../shared/api/contract';
import type { AgentRow, TicketRow } from '../../../shared/domain';
import { StoresContext } from '../../app/hooks';
import { createStores, type Stores } from '../../app/stores';
import { ChatRow } from '../chat-list/ChatRow';
import { ConversationHeader } from '../conversation/ConversationHeader';
import { MessageItem } from '../conversation/MessageItem';
import { useShortcuts } from '../shell/use-shortcuts';
import { panelDetail } from '../customer/test-fixtures';
import { createFakeApi, flush, message, ok, summary, type FakeApi } from '../../testing/fake-api';

const me: AgentRow = { id: 'agent-1', email: 'maja@desk.example', name: 'Maja Lindqvist', role: 'agent', tier: 1, regions: ['eu-north'], capacity: 8, presence: 'available', presenceReason: null };
const session: SessionState = { serverUrl: 'http://127.0.0.1:4780', agent: me, signedIn: true };

let api: FakeApi;
let stores: Stores;

beforeEach(() => {
  api = createFakeApi({ 'settings:get': () => ok(DEFAULT_SETTINGS), 'actions:run': () => ok({ clientMsgId: 'cm1' }) });
  stores = createStores(api);
  stores.session.getState().apply(session);
});
afterEach(cleanup);

function Keys() {
  useShortcuts();
  return null;
}

function renderHeader(over: Partial<TicketRow>) {
  const d = panelDetail('t1');
  d.ticket = { ...d.ticket, assigneeId: 'agent-1', status: 'open', category: 'payment_delay', ...over };
  act(() => stores.conversation.setState({ ticketId: 't1', detail: d }));
  render(createElement(StoresContext.Provider, { value: stores }, createElement(Fragment, null, createElement(Keys), createElement(ConversationHeader, { ticket: d.ticket, customerName: 'Anna Lind' }))));
  return userEvent.setup();
}
const triage = () => screen.queryByRole('group', { name: 'Read from the chat on arrival' });
const runs = () => api.callsTo('actions:run') as ActionInput[];

describe('triage chips in the conversation header', () => {
  it('shows the language, an angry mood and the category it looks like', () => {
    renderHeader({ language: 'de', mood: 'angry', categorySuggestion: { category: 'refund_return', confidence: 0.82, source: 'model' } });
    const group = triage()!;
    expect(within(group).getByText(/German/).textContent).toBe('DE · German');
    expect(within(group).getByText('Angry')).toBeTruthy();
    const suggestion = within(group).getByRole('button', { name: /Looks like: Refund \/ return · 82%/ });
    expect(suggestion.getAttribute('aria-keyshortcuts')).toBe('Control+Shift+L');
    expect(suggestion.title).toMatch(/^From the first message\. Set the category to Refund \/ return \(Ctrl\+Shift\+L\)$/);
  });

  it('says when the category came from keywords', () => {
    renderHeader({ language: 'pl', mood: null, categorySuggestion: { category: 'missed_payment', confidence: 0.4, source: 'keywords' } });
    expect(within(triage()!).getByRole('button', { name: /Looks like: Missed payment · 40%/ }).title).toMatch(/keywords/);
  });

  it('shows unhappy and happy moods, not neutral or unmeasured; no suggestion when it is the case’s category', () => {
    renderHeader({ language: 'en', mood: 'unhappy', categorySuggestion: { category: 'payment_delay', confidence: 0.9, source: 'model' } });
    expect(within(triage()!).getByText('Unhappy')).toBeTruthy();
    expect(within(triage()!).queryByRole('button')).toBeNull();
    cleanup();
    renderHeader({ language: 'en', mood: 'happy' });
    expect(within(triage()!).getByText('Happy')).toBeTruthy();
    cleanup();
    renderHeader({ language: null, mood: 'neutral', categorySuggestion: null });
    expect(triage()).toBeNull();
    cleanup();
    renderHeader({});
    expect(triage()).toBeNull(); // an older server: no triage fields at all
  });

  it('a click sets the suggested category through the set-category action', async () => {
    const user = renderHeader({ categorySuggestion: { category: 'refund_return', confidence: 0.82, source: 'model' } });
    await user.click(within(triage()!).getByRole('button', { name: /Looks like/ }));
    await act(flush);
    expect(runs()).toEqual([{ kind: 'ticket.setCategory', ticketId: 't1', category: 'refund_return' }]);
  });

  it('Ctrl+Shift+L sets it too, also from the composer; not when the chat is someone else’s', async () => {
    const user = renderHeader({ categorySuggestion: { category: 'refund_return', confidence: 0.82, source: 'model' } });
    await user.keyboard('{Control>}{Shift>}L{/Shift}{/Control}');
    await act(flush);
    expect(runs()).toEqual([{ kind: 'ticket.setCategory', ticketId: 't1', category: 'refund_return' }]);
    cleanup();
    const other = renderHeader({ assigneeId: 'agent-2', categorySuggestion: { category: 'refund_return', confidence: 0.82, source: 'model' } });
    expect(within(triage()!).queryByRole('button')).toBeNull(); // shown, not offered
    await other.keyboard('{Control>}{Shift>}L{/Shift}{/Control}');
    await act(flush);
    expect(runs()).toHaveLength(1);
  });
});

describe('the chat list row', () => {
  const renderRow = (over: Parameters<typeof summary>[1]) =>
    render(createElement(ChatRow, { ticket: summary('t1', over), now: Date.parse('2026-05-01T10:02:00.000Z'), selected: false, active: false, typing: false, id: 'row-t1', onSelect: () => {} }));

  it('marks an angry customer with an icon and the word, and shows a foreign language’s code', () => {
    renderRow({ mood: 'angry', language: 'de', customerName: 'Jonas Weber' });
    const row = screen.getByRole('option');
    expect(row.className).toContain('chat-row--angry');
    expect(within(row).getByRole('img', { name: 'Angry customer' })).toBeTruthy();
    expect(within(row).getByText('Angry')).toBeTruthy();
    expect(within(row).getByText('DE')).toBeTruthy();
    expect(within(row).getByText('Writes in German')).toBeTruthy();
  });

  it('shows neither for a calm English-speaking customer, nor the mood once the case is resolved', () => {
    renderRow({ mood: 'unhappy', language: 'en' });
    const row = screen.getByRole('option');
    expect(within(row).queryByRole('img', { name: 'Angry customer' })).toBeNull();
    expect(within(row).queryByText('EN')).toBeNull();
    cleanup();
    renderRow({ mood: 'angry', status: 'resolved' });
    expect(within(screen.getByRole('option')).queryByText('Angry')).toBeNull();
  });
});

describe('a customer message in another language', () => {
  const actions = { retry() {}, edit() {}, discard() {} };
  it('says which, when it differs from the chat’s', () => {
    render(createElement(MessageItem, { message: message('m1', '1', { language: 'sv', body: 'Hej, var är min återbetalning?' }), actions, rowError: undefined, ticketLanguage: 'en' }));
    expect(screen.getByText('Written in Swedish')).toBeTruthy();
    expect(screen.getByText('SV')).toBeTruthy();
  });

  it('says nothing when it is the chat’s language, unknown, or an agent’s message', () => {
    const { rerender } = render(createElement(MessageItem, { message: message('m1', '1', { language: 'en' }), actions, rowError: undefined, ticketLanguage: 'en' }));
    expect(screen.queryByText(/Written in/)).toBeNull();
    rerender(createElement(MessageItem, { message: message('m2', '2', { language: null }), actions, rowError: undefined, ticketLanguage: 'en' }));
    expect(screen.queryByText(/Written in/)).toBeNull();
    rerender(createElement(MessageItem, { message: message('m3', '3', { language: 'sv', authorKind: 'agent' }), actions, rowError: undefined, ticketLanguage: 'en' }));
    expect(screen.queryByText(/Written in/)).toBeNull();
  });
});
