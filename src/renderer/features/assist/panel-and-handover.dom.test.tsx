// @vitest-environment jsdom
/**
 * Assist in the customer panel, in jsdom: "Similar resolved cases" (reference, category,
 * outcome, resolution, the customer's words shortened, all as text; when the cases were
 * fetched), and the handover summary in the transfer and escalation dialogs, which a button or
 * Ctrl+Shift+P puts into the note as plain text that goes with the action.
 */
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type ActionInput, type AssistForTicket, type HandoverSummary, type SessionState } from '../../../shared/api/contract';
import type { AgentRow } from '../../../shared/domain';
import { StoresContext } from '../../app/hooks';
import { createStores, type Stores } from '../../app/stores';
import { ContextPanel } from '../customer/ContextPanel';
import { panelDetail } from '../customer/test-fixtures';
import { createFakeApi, fail, flush, ok, syncStatus, type FakeApi } from '../../testing/fake-api';
import { handoverText } from './handover-text';

const me: AgentRow = { id: 'agent-1', email: 'maja@desk.example', name: 'Maja Lindqvist', role: 'agent', tier: 1, regions: ['eu-north'], capacity: 8, presence: 'available', presenceReason: null };
const session: SessionState = { serverUrl: 'http://127.0.0.1:4780', agent: me, signedIn: true };

const LONG = 'My refund from Stadium has not arrived although the shop confirmed the return two weeks ago and I keep getting reminders about the next installment which is due on Friday <script>alert(1)</script>';
const ASSIST: AssistForTicket = {
  replies: [],
  similar: [
    { ticketId: 'h1', reference: 'HIST-0001', category: 'refund_return', outcome: 'Refund applied', resolution: 'Paused the plan until the merchant refund landed, then applied it.', text: LONG, resolvedAt: '2026-04-20T10:00:00.000Z' },
    { ticketId: 'h2', reference: 'HIST-0002', category: 'payment_delay', outcome: null, resolution: 'Explained <b>bank</b> processing times.', text: 'Where is my payment?', resolvedAt: '2026-04-18T10:00:00.000Z' },
  ],
  casesFetchedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
};
const SUMMARY: HandoverSummary = {
  request: 'The refund for order ORD-58213 has not arrived.',
  done: ['Checked the return: received by Stadium on 2 March'],
  openQuestions: ['Will the late fee be waived?'],
  mood: 'unhappy',
  facts: ['ORD-58213 · Stadium · 1 899,00 kr', 'Installment 2 due 6 March'],
};

let api: FakeApi;
let stores: Stores;

beforeEach(async () => {
  api = createFakeApi({
    'canned:list': () => ok([]),
    'settings:get': () => ok(DEFAULT_SETTINGS),
    'actions:run': () => ok({ clientMsgId: 'cm1' }),
    'agents:forTransfer': () => ok([]),
    'assist:forTicket': () => ok(ASSIST),
    'assist:summary': () => ok(SUMMARY),
  });
  stores = createStores(api);
  stores.session.getState().apply(session);
  stores.sync.getState().apply(syncStatus());
  act(() => stores.conversation.setState({ ticketId: 't1', detail: panelDetail('t1') }));
  await stores.cannedReplies.getState().load();
});
afterEach(cleanup);

function renderPanel() {
  render(createElement(StoresContext.Provider, { value: stores }, createElement(ContextPanel, { fallbackName: 'Anna' })));
  return userEvent.setup();
}
const similar = () => screen.queryByRole('region', { name: 'Similar resolved cases' });
const runs = () => api.callsTo('actions:run') as ActionInput[];

describe('similar resolved cases in the panel', () => {
  it('lists them with reference, category, outcome, resolution and the customer’s words shortened, as text', async () => {
    await act(() => stores.assist.getState().load('t1'));
    renderPanel();
    const section = similar()!;
    const cases = within(section).getAllByRole('listitem');
    expect(cases).toHaveLength(2);
    expect(cases[0]!.textContent).toContain('HIST-0001');
    expect(within(cases[0]!).getByText('Refund / return')).toBeTruthy();
    expect(within(cases[0]!).getByText('Refund applied')).toBeTruthy();
    expect(cases[0]!.textContent).toContain('Paused the plan until the merchant refund landed, then applied it.');
    const text = cases[0]!.querySelector('.similar__text')!.textContent!;
    expect(text.length).toBeLessThan(170);
    expect(text).toMatch(/^Customer: “My refund from Stadium.*…”$/);
    expect(cases[1]!.textContent).toContain('Explained <b>bank</b> processing times.');
    expect(section.querySelector('b, script')).toBeNull();
    expect(within(section).getByText(/Cases fetched/).textContent).toBe('Cases fetched 5 minutes ago');
  });

  it('says when the cases were never fetched, and when none is like this one', async () => {
    api.handle('assist:forTicket', () => ok({ replies: [], similar: [], casesFetchedAt: null }));
    await act(() => stores.assist.getState().load('t1'));
    renderPanel();
    expect(within(similar()!).getByText('Not fetched yet (offline)')).toBeTruthy();
    expect(within(similar()!).getByText('No resolved case like this one yet.')).toBeTruthy();
  });

  it('is not there when assist answered with an error', async () => {
    api.handle('assist:forTicket', () => fail('internal', 'Assist is not available in this build yet.'));
    await act(() => stores.assist.getState().load('t1'));
    renderPanel();
    expect(similar()).toBeNull();
    expect(screen.queryByText(/not available/)).toBeNull();
  });
});

describe('the handover summary in the transfer and escalation dialogs', () => {
  async function openDialog(name: 'Transfer' | 'Escalate') {
    const user = renderPanel();
    await user.click(within(screen.getByRole('complementary', { name: 'Customer context' })).getByRole('button', { name: name }));
    await act(flush);
    const dialog = screen.getByRole('dialog', { name: name === 'Transfer' ? 'Transfer the chat' : 'Escalate the chat' });
    return { user, dialog };
  }

  it('shows it, labelled as extracted, and a button puts it into the note, which goes with the transfer', async () => {
    const { user, dialog } = await openDialog('Transfer');
    expect(api.callsTo('assist:summary')).toEqual([{ ticketId: 't1' }]);
    const summary = within(dialog).getByRole('region', { name: 'Handover summary' });
    expect(within(summary).getByText('Extracted from the conversation')).toBeTruthy();
    expect(within(summary).getByText('The refund for order ORD-58213 has not arrived.')).toBeTruthy();
    expect(within(summary).getByText('Will the late fee be waived?')).toBeTruthy();
    expect(within(summary).getByText('Unhappy')).toBeTruthy();
    const note = within(dialog).getByRole('textbox', { name: /Note for the next agent/ }) as HTMLTextAreaElement;
    await user.type(note, 'Customer prefers email.');
    await user.click(within(summary).getByRole('button', { name: /Put into the note/ }));
    await act(flush);
    expect(note.value).toBe(`Customer prefers email.\n\n${handoverText(SUMMARY)}`);
    expect(note.value).toContain('Request: The refund for order ORD-58213 has not arrived.\nDone:\n- Checked the return');
    expect(note.value).toContain('Open questions:\n- Will the late fee be waived?\nMood: Unhappy\nFacts:\n- ORD-58213');
    expect(document.activeElement).toBe(note); // to edit it
    await user.keyboard(' Thanks!');
    await user.click(within(dialog).getByRole('button', { name: /^Transfer/ }));
    await act(flush);
    expect(runs()).toEqual([{ kind: 'ticket.transfer', ticketId: 't1', toAgentId: null, note: `Customer prefers email.\n\n${handoverText(SUMMARY)} Thanks!` }]);
  });

  it('Ctrl+Shift+P puts it into the escalation reason', async () => {
    const { user, dialog } = await openDialog('Escalate');
    const reason = within(dialog).getByRole('textbox', { name: /Reason/ }) as HTMLTextAreaElement;
    expect(within(dialog).getByRole('button', { name: /Put into the reason/ }).textContent).toContain('Ctrl+Shift+P');
    await user.keyboard('{Control>}{Shift>}P{/Shift}{/Control}');
    await act(flush);
    expect(reason.value).toBe(handoverText(SUMMARY));
    expect(screen.getByRole('dialog', { name: 'Escalate the chat' })).toBeTruthy(); // still open: the agent confirms
  });

  it('shows nothing when the summary can’t be had; the dialog works as before', async () => {
    api.handle('assist:summary', () => fail('internal', 'Assist is not available in this build yet.'));
    const { user, dialog } = await openDialog('Transfer');
    expect(within(dialog).queryByRole('region', { name: 'Handover summary' })).toBeNull();
    expect(within(dialog).queryByText(/not available|Reading the conversation/)).toBeNull();
    await user.keyboard('{Control>}{Shift>}P{/Shift}{/Control}');
    const note = within(dialog).getByRole('textbox', { name: /Note for the next agent/ }) as HTMLTextAreaElement;
    expect(note.value).toBe('');
  });
});
