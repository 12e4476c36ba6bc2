// @vitest-environment jsdom
/**
 * The context panel in jsdom with Testing Library: sections in the order of the chat's category,
 * remembered per chat and kept open across a re-order; the orders tree and the transactions list
 * by keyboard; filters; the write-back key into the composer; the confirm dialogs (Esc cancels
 * without running anything, Enter runs the action with the right input); pending → done /
 * refused with the server's reason; account actions disabled offline; the visitor card alone.
 */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type ActionInput, type SessionState, type TicketDetail } from '../../../shared/api/contract';
import type { AgentRow, Category } from '../../../shared/domain';
import { StoresContext } from '../../app/hooks';
import { createStores, type Stores } from '../../app/stores';
import { createFakeApi, fail, flush, ok, syncStatus, type FakeApi } from '../../testing/fake-api';
import { Composer } from '../composer/Composer';
import { useShortcuts } from '../shell/use-shortcuts';
import { ContextPanel } from './ContextPanel';
import { panelDetail } from './test-fixtures';
import { panelStoreFor } from './use-panel';

const agent: AgentRow = { id: 'agent-1', email: 'maja@desk.example', name: 'Maja Lindqvist', role: 'agent', tier: 1, regions: ['eu-north'], capacity: 8, presence: 'available', presenceReason: null };
const session = (a: AgentRow = agent): SessionState => ({ serverUrl: 'http://127.0.0.1:4780', agent: a, signedIn: true });
const nbsp = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

let api: FakeApi;
let stores: Stores;
let clientIds = 0;

beforeEach(async () => {
  clientIds = 0;
  api = createFakeApi({
    'canned:list': () => ok([]),
    'settings:get': () => ok(DEFAULT_SETTINGS),
    'drafts:save': () => ok(null),
    'actions:run': () => ok({ clientMsgId: `cm${++clientIds}` }),
    'tickets:get': ({ ticketId }) => ok(panelDetail(ticketId)),
  });
  stores = createStores(api);
  stores.session.getState().apply(session());
  stores.sync.getState().apply(syncStatus());
  open(panelDetail('t1'));
  await stores.cannedReplies.getState().load();
});
afterEach(cleanup);

// jsdom lays nothing out: give the virtualised transactions list the size it has on screen.
const realSize = {
  clientHeight: Object.getOwnPropertyDescriptor(Element.prototype, 'clientHeight')!,
  clientWidth: Object.getOwnPropertyDescriptor(Element.prototype, 'clientWidth')!,
};
beforeAll(() => {
  for (const [prop, px] of [['clientHeight', 264], ['clientWidth', 320]] as const)
    Object.defineProperty(HTMLElement.prototype, prop, {
      configurable: true,
      get(this: HTMLElement) {
        return this.classList.contains('tx-list') ? px : realSize[prop].get!.call(this);
      },
    });
});
afterAll(() => {
  delete (HTMLElement.prototype as Partial<Record<'clientHeight' | 'clientWidth', number>>).clientHeight;
  delete (HTMLElement.prototype as Partial<Record<'clientHeight' | 'clientWidth', number>>).clientWidth;
});

function open(d: TicketDetail) {
  act(() => stores.conversation.setState({ ticketId: d.ticket.id, detail: d }));
}

/** The console's one key handler: the panel's keys are commands of the keymap table. */
function KeyHandler() {
  useShortcuts();
  return null;
}

function renderPanel({ withComposer = false } = {}) {
  const ticket = stores.conversation.getState().detail!.ticket;
  render(
    createElement(
      StoresContext.Provider,
      { value: stores },
      createElement(KeyHandler),
      withComposer ? createElement(Composer, { ticket }) : null,
      createElement(ContextPanel, { fallbackName: 'Anna' }),
    ),
  );
  return userEvent.setup();
}

const panel = () => screen.getByRole('complementary', { name: 'Customer context' });
const sectionTitles = () => within(panel()).getAllByRole('button', { expanded: undefined }).filter((b) => b.classList.contains('panel-section__toggle')).map((b) => b.querySelector('.panel-section__title')!.textContent);
const toggleOf = (title: string) => within(panel()).getByRole('button', { name: new RegExp(`^${title}`) });
const isOpen = (title: string) => toggleOf(title).getAttribute('aria-expanded') === 'true';
const runs = () => api.callsTo('actions:run') as ActionInput[];

describe('sections by category', () => {
  const order = (category: Category) => {
    cleanup();
    open(panelDetail('t1', { category }));
    renderPanel();
    return sectionTitles();
  };

  it('puts the category’s own sections first (UX.md §2), the rest after them collapsed, previous chats last', () => {
    expect(order('payment_delay')).toEqual(['Transactions', 'Orders & plans', 'Payment methods', 'Account & verification', 'Returns & refunds', 'Arrears', 'Device & app']);
    expect(isOpen('Transactions')).toBe(true);
    expect(isOpen('Account & verification')).toBe(false);
    expect(order('account_verification')).toEqual(['Account & verification', 'Payment methods', 'Orders & plans', 'Returns & refunds', 'Transactions', 'Arrears', 'Device & app']);
    expect(isOpen('Account & verification')).toBe(true);
    expect(isOpen('Orders & plans')).toBe(false); // "Plans (collapsed)"
    expect(order('refund_return').slice(0, 3)).toEqual(['Orders & plans', 'Returns & refunds', 'Transactions']);
    expect(order('missed_payment').slice(0, 3)).toEqual(['Arrears', 'Payment methods', 'Orders & plans']);
    expect(order('technical_glitch').slice(0, 3)).toEqual(['Device & app', 'Transactions', 'Orders & plans']);
  });

  it('skips sections the data has nothing for', () => {
    cleanup();
    open(panelDetail('t1', { category: 'missed_payment' }, { returns: [], transactions: [], installments: [] }));
    renderPanel();
    expect(sectionTitles()).toEqual(['Payment methods', 'Orders & plans', 'Account & verification', 'Device & app']);
  });

  it('remembers what the agent opened per chat, and a new category never collapses an open section', async () => {
    const user = renderPanel();
    await user.click(toggleOf('Returns & refunds'));
    expect(isOpen('Returns & refunds')).toBe(true);
    await user.click(toggleOf('Payment methods'));
    expect(isOpen('Payment methods')).toBe(false);

    open(panelDetail('t2'));
    expect(isOpen('Returns & refunds')).toBe(false); // another chat, its own defaults
    open(panelDetail('t1'));
    expect(isOpen('Returns & refunds')).toBe(true);
    expect(isOpen('Payment methods')).toBe(false);

    // Recategorised: transactions were open by default and stay open, though no longer first.
    open(panelDetail('t1', { category: 'account_verification' }));
    await flush();
    expect(sectionTitles()[0]).toBe('Account & verification');
    expect(isOpen('Transactions')).toBe(true);
    expect(isOpen('Returns & refunds')).toBe(true);
  });

  it('shows the account: verification, attempts, failure reason and the spending limit in the customer’s locale', () => {
    cleanup();
    open(panelDetail('t1', { category: 'account_verification' }));
    renderPanel();
    const account = within(panel()).getByRole('region', { name: 'Account & verification' });
    expect(nbsp(account.textContent)).toContain('KYC failed 2 attempts');
    expect(account.textContent).toContain('ID document has expired');
    expect(nbsp(account.textContent)).toContain('15 000,00 kr');
  });
});

describe('orders, installments and transactions', () => {
  it('puts the order named in the pre-chat form first and marks it; the tree works by keyboard', async () => {
    const user = renderPanel();
    const tree = within(panel()).getByRole('tree', { name: 'Orders and installments' });
    const items = within(tree).getAllByRole('treeitem');
    expect(items[0]!.textContent).toContain('ORD-58213');
    expect(items[0]!.textContent).toContain('Pre-chat form');
    expect(items[0]!.textContent).toContain('2/4 paid');
    // Overdue installment highlighted with its days past due.
    const overdue = within(tree).getAllByRole('treeitem').find((i) => i.classList.contains('tree-inst--late'));
    expect(overdue?.textContent).toMatch(/Overdue \d+ d/);
    expect(nbsp(overdue?.textContent)).toContain('+35,00 kr fee');

    items[0]!.focus();
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}{Enter}');
    const selected = within(tree).getByRole('treeitem', { selected: true });
    expect(selected.getAttribute('aria-level')).toBe('2');
    expect(selected.textContent).toContain('#3');
    await user.keyboard('{ArrowLeft}'); // to its order
    expect(document.activeElement).toBe(items[0]);
    await user.keyboard('{ArrowLeft}'); // collapses it
    expect(items[0]!.getAttribute('aria-expanded')).toBe('false');
    expect(within(tree).queryByText('#3')).toBeNull();
  });

  it('filters transactions (the category’s default first) and selects one by keyboard', async () => {
    const user = renderPanel();
    const section = within(panel()).getByRole('region', { name: 'Transactions' });
    const list = within(section).getByRole('listbox', { name: 'Transactions' });
    // A payment delay starts on payments.
    expect((within(section).getByLabelText('Kind') as HTMLSelectElement).value).toBe('payment');
    expect(within(list).getAllByRole('option')).toHaveLength(2);
    await user.selectOptions(within(section).getByLabelText('Status'), 'failed');
    expect(within(list).getAllByRole('option').map((o) => o.textContent)).toEqual([expect.stringContaining('REF-T3')]);
    expect(within(list).getByRole('option').textContent).toContain('Insufficient funds');
    await user.selectOptions(within(section).getByLabelText('Status'), 'all');
    await user.selectOptions(within(section).getByLabelText('Kind'), 'all');
    expect(within(list).getAllByRole('option')).toHaveLength(4);
    expect(section.textContent).toContain('4');

    list.focus();
    await user.keyboard('{ArrowDown}{Enter}');
    const chosen = within(list).getByRole('option', { selected: true });
    expect(chosen.textContent).toContain('REF-T3'); // newest first: t4, then t3
    expect(list.getAttribute('aria-activedescendant')).toBe(chosen.id);

    // The filter is remembered for this chat.
    open(panelDetail('t2'));
    expect((within(panel()).getByLabelText('Kind') as HTMLSelectElement).value).toBe('payment');
    open(panelDetail('t1'));
    expect((within(panel()).getByLabelText('Kind') as HTMLSelectElement).value).toBe('all');
  });
});

describe('write-back', () => {
  it('inserts the selected transaction’s summary into the reply at the caret with Ctrl+Shift+I', async () => {
    const user = renderPanel({ withComposer: true });
    const box = screen.getByLabelText('Reply to the customer') as HTMLTextAreaElement;
    await user.type(box, 'Hej! ');
    const list = within(panel()).getByRole('listbox', { name: 'Transactions' });
    await user.click(within(list).getAllByRole('option')[1]!);
    await user.keyboard('{Control>}{Shift>}I{/Shift}{/Control}');
    expect(nbsp(box.value)).toBe('Hej! Betalning på 474,75 kr den 10 feb. (delbetalning 2 av 4 för order ORD-58213), via kort, referens REF-T2: genomförd 10 feb.');
    expect(document.activeElement).toBe(box);
    expect(within(panel()).getByRole('status').textContent).toBe('Inserted the transaction into the reply.');
  });

  it('follows the reply language the agent chose for the chat, and says what to do with nothing selected', async () => {
    const user = renderPanel({ withComposer: true });
    const box = screen.getByLabelText('Reply to the customer') as HTMLTextAreaElement;
    fireEvent.keyDown(document, { key: 'I', code: 'KeyI', ctrlKey: true, shiftKey: true });
    expect(within(panel()).getByRole('status').textContent).toMatch(/^Select an order, installment or transaction first/);
    expect(box.value).toBe('');
    act(() => stores.cannedReplies.getState().setLanguage('t1', 'en'));
    await user.click(within(panel()).getAllByRole('treeitem')[0]!);
    fireEvent.keyDown(document, { key: 'I', code: 'KeyI', ctrlKey: true, shiftKey: true });
    expect(nbsp(box.value)).toBe('Order ORD-58213 at Stadium, 1 899,00 kr, Pay in 4 — 2 of 4 paid, next 474,75 kr due 10 Mar');
  });

  it('ignores the key under AltGraph (a typed character on some layouts)', () => {
    renderPanel({ withComposer: true });
    panelStoreFor(stores).getState().select('t1', { kind: 'order', id: 'o1' });
    const e = new KeyboardEvent('keydown', { key: 'I', ctrlKey: true, shiftKey: true, bubbles: true, cancelable: true });
    Object.defineProperty(e, 'getModifierState', { value: (k: string) => k === 'AltGraph' });
    document.dispatchEvent(e);
    expect((screen.getByLabelText('Reply to the customer') as HTMLTextAreaElement).value).toBe('');
  });
});

describe('actions with a confirm step', () => {
  const dialog = () => screen.getByRole('dialog');

  it('Esc cancels the due-date extension without running anything; Enter runs it with the restated date', async () => {
    const user = renderPanel();
    const launcher = within(panel()).getByRole('button', { name: 'Extend due date…' });
    await user.click(launcher);
    expect(dialog().textContent).toContain('Move installment 3 of 4 of order ORD-58213 (Stadium, Pay in 4)');
    expect(nbsp(dialog().textContent)).toContain('474,75 kr');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(runs()).toEqual([]);
    expect(document.activeElement).toBe(launcher);

    await user.click(launcher);
    const date = within(dialog()).getByLabelText('New due date') as HTMLInputElement;
    expect(document.activeElement).toBe(date);
    expect(date.value).toBe('2026-03-17');
    expect(date.max).toBe('2026-03-24'); // tier 1: 14 days
    const long = (day: string) => new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
    expect(dialog().textContent).toContain(`from ${long('2026-03-10')} to ${long('2026-03-17')}: 7 days later`);
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(runs()).toEqual([{ kind: 'account.extendDueDate', ticketId: 't1', installmentId: 'i3', newDueDate: '2026-03-17' }]);
    await flush();
    const results = within(panel()).getByRole('list', { name: 'Action results' });
    expect(results.textContent).toContain('Pending: waiting for the server');

    act(() => api.emit('actions:settled', { clientMsgId: 'cm1', ticketId: 't1', status: 'applied', code: null, reason: null }));
    expect(results.textContent).toContain('Done');
  });

  it('shows the server’s refusal reason next to the action', async () => {
    const user = renderPanel();
    await user.click(within(panel()).getByRole('button', { name: 'Extend due date…' }));
    await user.keyboard('{Enter}');
    await flush();
    act(() => api.emit('actions:settled', { clientMsgId: 'cm1', ticketId: 't1', status: 'rejected', code: 'forbidden_role', reason: 'You can extend a due date by at most 14 days; escalate for more.' }));
    const results = within(panel()).getByRole('list', { name: 'Action results' });
    expect(results.textContent).toContain('Refused: You can extend a due date by at most 14 days; escalate for more.');
  });

  it('refuses a date past the agent’s limit before sending, and gives seniors 30 days', async () => {
    const user = renderPanel();
    await user.click(within(panel()).getByRole('button', { name: 'Extend due date…' }));
    fireEvent.change(within(dialog()).getByLabelText('New due date'), { target: { value: '2026-03-30' } });
    expect(within(dialog()).getByRole('button', { name: /^Extend due date/ })).toHaveProperty('disabled', true);
    expect(dialog().textContent).toContain('up to 14 days later for your role');
    await user.keyboard('{Enter}');
    expect(runs()).toEqual([]);
    await user.keyboard('{Escape}');

    cleanup();
    stores.session.getState().apply(session({ ...agent, role: 'senior', tier: 2 }));
    const u2 = renderPanel();
    await u2.click(within(panel()).getByRole('button', { name: 'Extend due date…' }));
    expect((within(dialog()).getByLabelText('New due date') as HTMLInputElement).max).toBe('2026-04-09');
  });

  it('pauses installments for an open return from the return’s row', async () => {
    const user = renderPanel();
    await user.click(toggleOf('Returns & refunds'));
    const returns = within(panel()).getByRole('region', { name: 'Returns & refunds' });
    expect(returns.textContent).toContain('Payments not paused');
    await user.click(within(returns).getByRole('button', { name: 'Pause payments… (ORD-58213)' }));
    expect(nbsp(dialog().textContent)).toContain('Pause the 2 unpaid installments, 949,50 kr in total, of order ORD-58213 (Stadium, Pay in 4) while the return (Wrong size, in transit) is open');
    await user.click(within(dialog()).getByRole('button', { name: /^Pause payments/ }));
    expect(runs()).toEqual([{ kind: 'account.pauseInstallments', ticketId: 't1', orderId: 'o1', returnId: 'r1' }]);
    await flush();
    expect(within(returns).getByRole('list', { name: 'Pause' }).textContent).toContain('Pending');
  });

  it('resends the verification link; offline, account actions are disabled with "Needs connection" and main’s error is shown', async () => {
    const user = renderPanel();
    await user.click(toggleOf('Account & verification')); // not a verification chat: the link sits in the section
    await user.click(within(panel()).getByRole('button', { name: 'Resend verification link…' }));
    expect(dialog().textContent).toContain('a••••••d@example.com');
    expect(dialog().textContent).toContain('ID document has expired');
    await user.keyboard('{Enter}');
    expect(runs()).toEqual([{ kind: 'account.resendVerification', ticketId: 't1' }]);

    act(() => stores.sync.getState().apply(syncStatus({ connection: 'offline' })));
    const extend = within(panel()).getByRole('button', { name: 'Extend due date…' }) as HTMLButtonElement;
    expect(extend.disabled).toBe(true);
    expect(extend.title).toBe('Needs connection');
    expect(within(panel()).getByText(/^Needs connection: account actions wait/)).toBeTruthy();
    // Case actions still queue offline.
    expect((within(panel()).getByRole('button', { name: 'Transfer' }) as HTMLButtonElement).disabled).toBe(false);

    // A race: main refuses it (it went offline between the click and the call).
    act(() => stores.sync.getState().apply(syncStatus()));
    api.handle('actions:run', () => fail('offline', 'This account action needs a connection to the desk server.'));
    await user.click(within(panel()).getByRole('button', { name: 'Extend due date…' }));
    await user.keyboard('{Enter}');
    await flush();
    expect(within(panel()).getByRole('list', { name: 'Action results' }).textContent).toContain('Not sent: This account action needs a connection to the desk server.');
  });

  it('escalates only with a reason', async () => {
    const user = renderPanel();
    await user.click(within(panel()).getByRole('button', { name: 'Escalate' }));
    expect(dialog().textContent).toContain('Escalate AD-0001 to a senior agent');
    await user.keyboard('{Enter}');
    expect(runs()).toEqual([]);
    expect(screen.getByRole('dialog')).toBeTruthy();
    await user.click(within(dialog()).getByLabelText('Formal complaint'));
    await user.type(within(dialog()).getByLabelText('Reason (required)'), 'Customer asks for a formal complaint');
    await user.keyboard('{Enter}');
    expect(runs()).toEqual([{ kind: 'ticket.escalate', ticketId: 't1', to: 'complaint', reason: 'Customer asks for a formal complaint' }]);
  });

  it('transfers to the queue with a note, sets the category and the priority', async () => {
    const user = renderPanel();
    await user.click(within(panel()).getByRole('button', { name: 'Transfer' }));
    await user.type(within(dialog()).getByLabelText(/^Note for the next agent/), 'Waiting for the bank');
    await user.keyboard('{Enter}');
    // Online, the dialog waits for the server's answer (a refusal would show in it), then closes.
    await flush();
    expect(within(dialog()).getByText('Waiting for the desk server…')).toBeTruthy();
    act(() => api.emit('actions:settled', { clientMsgId: 'cm1', ticketId: 't1', status: 'applied', code: null, reason: null }));
    expect(screen.queryByRole('dialog')).toBeNull();
    await user.click(within(panel()).getByRole('button', { name: 'Category' }));
    await user.click(within(dialog()).getByLabelText('Missed payment'));
    expect(dialog().textContent).toContain('from Payment delay to Missed payment');
    await user.keyboard('{Enter}');
    await user.click(within(panel()).getByRole('button', { name: 'Priority' }));
    await user.keyboard('{Enter}'); // unchanged: nothing to confirm
    expect(screen.getByRole('dialog')).toBeTruthy();
    await user.click(within(dialog()).getByLabelText('Urgent'));
    await user.keyboard('{Enter}');
    expect(runs()).toEqual([
      { kind: 'ticket.transfer', ticketId: 't1', toAgentId: null, note: 'Waiting for the bank' },
      { kind: 'ticket.setCategory', ticketId: 't1', category: 'missed_payment' },
      { kind: 'ticket.setPriority', ticketId: 't1', priority: 'urgent' },
    ]);
  });

  it('offers the category’s own action first in the quick row, the others in their sections', async () => {
    const quickRow = () => within(within(panel()).getByRole('group', { name: 'Quick actions' })).getAllByRole('button').map((b) => b.textContent);
    expect(renderPanel() && quickRow()).toEqual(['Extend due date…', 'Transfer', 'Escalate', 'Category', 'Priority']);
    cleanup();
    open(panelDetail('t1', { category: 'account_verification' }));
    renderPanel();
    expect(quickRow()).toEqual(['Resend verification link…', 'Escalate', 'Transfer', 'Category', 'Priority']);
    cleanup();
    open(panelDetail('t1', { category: 'refund_return' }));
    const user = renderPanel();
    expect(quickRow()).toEqual(['Pause payments…', 'Transfer', 'Escalate', 'Category', 'Priority']);
    // Extend sits under the orders, for the selected installment.
    await user.click(within(panel()).getAllByRole('treeitem').find((i) => i.textContent?.includes('#4'))!);
    await user.click(within(within(panel()).getByRole('region', { name: 'Orders & plans' })).getByRole('button', { name: 'Extend due date…' }));
    expect(screen.getByRole('dialog').textContent).toContain('Move installment 4 of 4');
  });

  it('offers no actions on a chat that is not the agent’s', () => {
    cleanup();
    open(panelDetail('t1', { assigneeId: 'someone-else', offeredAt: null }));
    renderPanel();
    expect((within(panel()).getByRole('button', { name: 'Transfer' }) as HTMLButtonElement).disabled).toBe(true);
    expect(within(panel()).getByText('This chat is assigned to someone else.', { selector: '.quick-actions__note' })).toBeTruthy();
  });
});

describe('visitor and folding', () => {
  it('keeps an unverified visitor to the visitor card', () => {
    cleanup();
    const d = panelDetail('t1');
    d.context.customer = { ...d.context.customer!, identity: 'visitor' };
    open(d);
    renderPanel();
    expect(within(panel()).getByRole('heading', { name: 'Unverified visitor' })).toBeTruthy();
    expect(within(panel()).queryByRole('group', { name: 'Quick actions' })).toBeNull();
    expect(within(panel()).queryByRole('tree')).toBeNull();
  });

  it('hides and shows with Ctrl+Shift+O', async () => {
    const user = renderPanel();
    await user.keyboard('{Control>}{Shift>}O{/Shift}{/Control}');
    expect(screen.queryByRole('complementary', { name: 'Customer context' })).toBeNull();
    const toggle = screen.getByRole('button', { name: 'Show the customer panel' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await user.click(toggle);
    expect(panel()).toBeTruthy();
  });
});
