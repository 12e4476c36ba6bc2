// @vitest-environment jsdom
/**
 * The supervisor console in the console shell (jsdom, a fake main): the board renders from
 * `supervisor:board`, a `board` frame updates it, the figures switch range, and each floor action
 * (presence, capacity, reassign with its forced retry, whisper, take over, silent open) shows its
 * result or the server's refusal. The view switch: rail button, Ctrl+Shift+G, and agents never see it.
 */
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type SessionState } from '../../../shared/api/contract';
import type { AgentRow, MessageRow, TicketRow } from '../../../shared/domain';
import type { Board, ComplaintItem, ComplaintList, Figures, FiguresResponse } from '../../../shared/protocol/supervisor';
import { StoresContext } from '../../app/hooks';
import { createStores } from '../../app/stores';
import { bootstrap } from '../../bootstrap';
import { createFakeApi, deferred, detail, fail, ok, syncStatus, type FakeApi } from '../../testing/fake-api';
import { Console } from '../shell/Console';

beforeAll(() => {
  Element.prototype.scrollIntoView = function scrollIntoView() {};
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
});

const sup: AgentRow = { id: 'sup-1', email: 'sara@desk.example', name: 'Sara Supervisor', role: 'supervisor', tier: 2, regions: ['eu-north', 'uk'], capacity: 4, presence: 'available', presenceReason: null };

const NOW = new Date();
const iso = (secFromNow: number) => new Date(NOW.getTime() + secFromNow * 1000).toISOString();

function board(over: Partial<Board> = {}): Board {
  return {
    computedAt: iso(0),
    horizonSec: 120,
    queues: [
      { regionId: 'eu-north', channel: 'chat', waiting: 2, longestWaitSec: 340, expectedWaitSec: 90, breached: 1, atRisk: 0, firstResponseTargetSec: 300 },
      { regionId: 'uk', channel: 'chat', waiting: 0, longestWaitSec: 0, expectedWaitSec: 30, breached: 0, atRisk: 1, firstResponseTargetSec: 300 },
    ],
    regions: [
      { regionId: 'eu-north', name: 'Nordics', available: 1, busy: 1, away: 0, load: 9, capacity: 16 },
      { regionId: 'uk', name: 'United Kingdom', available: 0, busy: 0, away: 0, load: 0, capacity: 0 },
    ],
    agents: [
      { agentId: 'a-1', name: 'Maja Lindqvist', role: 'agent', regions: ['eu-north'], presence: 'available', load: 8, capacity: 8 },
      { agentId: 'a-2', name: 'Elias Berg', role: 'agent', regions: ['eu-north'], presence: 'available', load: 1, capacity: 8 },
    ],
    alerts: [
      { ticketId: 't-breach', reference: 'BRCH-2222', regionId: 'eu-north', channel: 'chat', status: 'open', assigneeId: 'a-1', waitingSince: iso(-400), replyDueAt: iso(-100), state: 'breached', reason: 'overdue' },
      { ticketId: 't-queue', reference: 'QUEU-3333', regionId: 'eu-north', channel: 'chat', status: 'queued', assigneeId: null, waitingSince: iso(-200), replyDueAt: iso(100), state: 'at_risk', reason: 'queue_wait' },
    ],
    breachedTotal: 1,
    atRiskTotal: 1,
    ...over,
  };
}

function figures(csat: number | null, over: Partial<Figures['csat']> = {}): Figures {
  return {
    csat: { rated: csat === null ? 0 : 10, satisfied: csat === null ? 0 : Math.round(csat / 10), pct: csat, targetPct: 90, met: csat === null ? null : csat > 90, ...over },
    firstResponse: { answered: 10, avgSec: 250, withinTarget: 9, withinTargetPct: 90, targetSec: 300, met: true },
    fcr: { resolved: 10, firstContact: 8, pct: 80, targetPct: 70, met: true },
    handle: { handled: 10, avgSec: 700, medianSec: 680, withinTarget: 9, withinTargetPct: 90, targetMinSec: 600, targetMaxSec: 900, met: true },
  };
}
const figuresFor = (range: FiguresResponse['range'], csat: number): FiguresResponse => ({
  range,
  computedAt: iso(0),
  windows: [],
  queues: [{ regionId: 'eu-north', channel: 'chat', figures: figures(csat) }],
  agents: [{ agentId: 'a-1', name: 'Maja Lindqvist', figures: figures(csat - 10) }],
  total: figures(csat),
});

const HOUR = 3_600_000;
/** A complaint due in `dueInSec`, whose region is open from now for `openHours` before the deadline. */
const complaint = (id: string, reference: string, dueInSec: number, over: Partial<ComplaintItem> = {}): ComplaintItem => ({
  ticketId: id,
  reference,
  status: 'queued',
  regionId: 'eu-north',
  regionName: 'Nordics',
  customerName: 'Anna Svensson',
  assigneeId: null,
  assigneeName: null,
  openedAt: iso(-86_400),
  dueAt: iso(dueInSec),
  businessMsLeft: dueInSec > 0 ? 2 * HOUR : 0,
  businessDaysLeft: dueInSec > 0 ? 3 : 0,
  overdue: dueInSec <= 0,
  openSpans: dueInSec > 0 ? [{ start: iso(-60), end: iso(2 * 3600 - 60) }] : [],
  ...over,
});
const complaintList = (): ComplaintList => ({
  computedAt: iso(0),
  complaints: [
    complaint('t-late', 'LATE-1111', -2 * 3600 - 300, { customerName: 'Olle Berg', assigneeId: 'a-1', assigneeName: 'Maja Lindqvist', status: 'open' }),
    complaint('t-soon', 'SOON-2222', 5 * 86_400),
    complaint('t-done', 'DONE-3333', 9 * 86_400, { status: 'resolved', customerName: '<b>Eve</b>' }),
  ],
});

const ticketRow = (id: string, assigneeId: string): TicketRow => ({ ...detail(id).ticket, assigneeId });
const whisperRow = (body: string): MessageRow => ({ id: 'm-w', ticketId: 't-breach', authorKind: 'note', authorId: 'sup-1', authorName: 'Sara Supervisor', body, clientMsgId: null, attachmentIds: [], createdAt: iso(0), version: 1, whisper: true });

function setup(agent: AgentRow = sup) {
  const session: SessionState = { serverUrl: 'http://127.0.0.1:4780', agent, signedIn: true };
  const api: FakeApi = createFakeApi({
    'session:get': () => ok(session),
    'tickets:list': () => ok([]),
    'tickets:count': () => ok(0),
    'sync:status': () => ok(syncStatus()),
    'settings:get': () => ok({ ...DEFAULT_SETTINGS, theme: 'light' }),
    'canned:list': () => ok([]),
    'macros:list': () => ok([]),
    'tabs:get': () => ok({ tabs: [], activeId: null, closed: [] }),
    'tabs:save': () => ok(null),
    'supervisor:board': () => ok(board()),
    'supervisor:figures': ({ range }) => ok(figuresFor(range, range === 'today' ? 95 : 84)),
    'supervisor:complaints': () => ok(complaintList()),
  });
  const stores = createStores(api);
  const dispose = bootstrap({ state: () => 'up', onState: () => () => {} }, stores);
  render(createElement(StoresContext.Provider, { value: stores }, createElement(Console)));
  disposeLast = dispose;
  return { api, stores, user: userEvent.setup() };
}

let disposeLast: (() => void) | null = null;
afterEach(() => {
  cleanup();
  disposeLast?.();
  disposeLast = null;
});

async function onBoard() {
  const t = setup();
  await waitFor(() => expect(t.stores.session.getState().phase).toBe('signedIn'));
  await t.user.click(await screen.findByRole('button', { name: 'Supervisor board' }));
  await screen.findByRole('heading', { name: 'Floor', level: 1 });
  await screen.findByText('BRCH-2222');
  return t;
}
const alertRow = (ref: string) => screen.getByRole('listitem', { name: new RegExp(`^${ref}`) });
const tile = (label: string) => screen.getByText(label, { selector: '.board__tile-label' }).parentElement!;

describe('supervisor board', () => {
  it('renders queues, regions, alerts (breached first, highlighted) and the roster from the board', async () => {
    await onBoard();
    expect(tile('Waiting now').textContent).toContain('2');
    expect(tile('Breached').className).toContain('board__tile--danger');
    expect(tile('Agents available / busy / away').textContent).toContain('1 / 1 / 0');
    const queues = screen.getByRole('region', { name: 'Queues' });
    const nordics = within(queues).getByRole('row', { name: /Nordics · Chat/ });
    expect(nordics.className).toBe('is-breached');
    expect(nordics.textContent).toContain('1 breached');
    expect(nordics.textContent).toContain('1:30'); // expected wait
    expect(within(queues).getByRole('row', { name: /United Kingdom · Chat/ }).textContent).toContain('1 at risk');
    const alerts = screen.getByRole('region', { name: /Alerts/ });
    const rows = within(alerts).getAllByRole('listitem');
    expect(rows.map((r) => r.getAttribute('aria-label'))).toEqual(['BRCH-2222, breached', 'QUEU-3333, at risk']);
    expect(rows[0]!.textContent).toContain('Maja Lindqvist');
    expect(rows[0]!.textContent).toMatch(/Reply overdue by \d+:\d\d/);
    expect(rows[1]!.textContent).toContain('Waiting in the queue');
    // Nobody to whisper to on a queued chat.
    expect(within(rows[1]!).getByRole('button', { name: 'Whisper' })).toHaveProperty('disabled', true);
    const roster = screen.getByRole('region', { name: 'Agents' });
    expect(within(roster).getByRole('row', { name: /Maja Lindqvist/ }).textContent).toContain('8/8');
  });

  it('moves with a board frame, and ignores a frame older than the board shown', async () => {
    const { api } = await onBoard();
    act(() => api.emit('supervisor:board', board({ computedAt: iso(5), queues: [], alerts: [], breachedTotal: 0, atRiskTotal: 0 })));
    expect(await screen.findByText(/No breaches and none predicted/)).toBeTruthy();
    expect(tile('Waiting now').textContent).toContain('0');
    act(() => api.emit('supervisor:board', board({ computedAt: iso(1) })));
    expect(screen.queryByText('BRCH-2222')).toBeNull();
  });

  it('switches the figures range, each range loaded once, per queue and per agent against targets', async () => {
    const { api, user } = await onBoard();
    const section = screen.getByRole('region', { name: 'Figures' });
    await waitFor(() => expect(within(section).getAllByText('95.0 %').length).toBeGreaterThan(0));
    await user.click(within(section).getByRole('radio', { name: '7 days' }));
    await waitFor(() => expect(within(section).getAllByText('84.0 %').length).toBeGreaterThan(0));
    expect(within(section).getAllByText('Below target').length).toBeGreaterThan(0);
    expect(api.callsTo('supervisor:figures')).toContainEqual({ range: '7d' });
    // As a table: the agent's CSAT below target is said in words.
    const perAgent = within(section).getAllByRole('button', { name: 'Show as table' })[1]!;
    await user.click(perAgent);
    const row = within(section).getByRole('row', { name: /Maja Lindqvist/ });
    expect(row.textContent).toContain('74.0 %');
    expect(row.textContent).toContain('(below target)');
    const before = api.callsTo('supervisor:figures').filter((c) => (c as { range: string }).range === 'today').length;
    await user.click(within(section).getByRole('radio', { name: 'Today' }));
    expect(within(section).getAllByText('95.0 %').length).toBeGreaterThan(0); // at once, from the kept range
    expect(api.callsTo('supervisor:figures').filter((c) => (c as { range: string }).range === 'today').length).toBe(before + 1);
  });

  it('shows a figures error with Retry, and the board error keeps the board on screen', async () => {
    const { api, user, stores } = await onBoard();
    api.handle('supervisor:figures', () => fail('offline', 'The desk server is not reachable.'));
    await user.click(within(screen.getByRole('region', { name: 'Figures' })).getByRole('radio', { name: '30 days' }));
    expect((await screen.findByText(/The figures could not be loaded/)).textContent).toContain('not reachable');
    api.handle('supervisor:board', () => fail('server_error', 'Boom.'));
    await act(() => stores.supervisor.getState().loadBoard());
    expect(screen.getByText(/The board could not be refreshed \(Boom\.\)/)).toBeTruthy();
    expect(screen.getByText('BRCH-2222')).toBeTruthy();
  });

  it('reassigns: a refusal over capacity offers Assign anyway, which forces it', async () => {
    const { api, user } = await onBoard();
    api.handle('supervisor:reassign', ({ force }) => (force ? ok(ticketRow('t-breach', 'a-2')) : fail('conflict', 'Elias is at capacity. Force it to assign anyway.')));
    await user.click(within(alertRow('BRCH-2222')).getByRole('button', { name: 'Reassign' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reassign BRCH-2222' });
    // Maja has it already: only Elias is offered.
    expect(within(dialog).getAllByRole('radio').map((r) => (r as HTMLInputElement).value)).toEqual(['a-2']);
    await user.click(within(dialog).getByRole('button', { name: 'Reassign' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('Elias is at capacity');
    await user.click(within(dialog).getByRole('button', { name: 'Assign anyway' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.callsTo('supervisor:reassign')).toEqual([
      { ticketId: 't-breach', toAgentId: 'a-2', force: false },
      { ticketId: 't-breach', toAgentId: 'a-2', force: true },
    ]);
    expect(screen.getByTestId('console-notice').textContent).toContain('BRCH-2222 reassigned to Elias Berg');
  });

  it('whispers to the agent; a refusal keeps the text and says why', async () => {
    const { api, user } = await onBoard();
    api.handle('supervisor:whisper', () => fail('conflict', 'Nobody else is on this chat to whisper to.'));
    await user.click(within(alertRow('BRCH-2222')).getByRole('button', { name: 'Whisper' }));
    const dialog = await screen.findByRole('dialog', { name: 'Whisper to Maja Lindqvist' });
    await user.type(within(dialog).getByRole('textbox'), 'Offer the payment pause');
    await user.click(within(dialog).getByRole('button', { name: 'Send whisper' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('Nobody else is on this chat');
    expect(within(dialog).getByRole('textbox')).toHaveProperty('value', 'Offer the payment pause');
    api.handle('supervisor:whisper', ({ body }) => ok(whisperRow(body)));
    await user.click(within(dialog).getByRole('button', { name: 'Send whisper' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.callsTo('supervisor:whisper').at(-1)).toEqual({ ticketId: 't-breach', body: 'Offer the payment pause' });
    expect(screen.getByTestId('console-notice').textContent).toContain('Whisper sent to Maja Lindqvist');
  });

  it('takes over into the chats, or says why not', async () => {
    const { api, user, stores } = await onBoard();
    api.handle('supervisor:takeOver', () => fail('conflict', 'This case has ended; reopen it first.'));
    await user.click(within(alertRow('QUEU-3333')).getByRole('button', { name: 'Take over' }));
    let dialog = await screen.findByRole('dialog', { name: 'Take over QUEU-3333' });
    await user.click(within(dialog).getByRole('button', { name: 'Take over' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('This case has ended');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    api.handle('supervisor:takeOver', ({ ticketId }) => ok(ticketRow(ticketId, 'sup-1')));
    await user.click(within(alertRow('QUEU-3333')).getByRole('button', { name: 'Take over' }));
    dialog = await screen.findByRole('dialog', { name: 'Take over QUEU-3333' });
    await user.click(within(dialog).getByRole('button', { name: 'Take over' }));
    await waitFor(() => expect(stores.ui.getState().view).toBe('chats'));
    expect(stores.tabs.getState().tabs.map((t) => t.ticketId)).toContain('t-queue');
  });

  it('opens a chat silently: read-only, whispers flagged, text shown as text; an error offers Retry', async () => {
    const { api, user } = await onBoard();
    api.handle('supervisor:open', () => fail('not_found', 'This case does not exist.'));
    await user.click(within(alertRow('BRCH-2222')).getByRole('button', { name: 'Open' }));
    let dialog = await screen.findByRole('dialog', { name: 'BRCH-2222, read-only' });
    expect((await within(dialog).findByRole('alert')).textContent).toContain('This case does not exist');
    const customer: MessageRow = { ...whisperRow('<img src=x onerror=alert(1)>'), id: 'm-c', authorKind: 'customer', authorName: 'Anna', whisper: undefined };
    api.handle('supervisor:open', () => ok({ ticket: ticketRow('t-breach', 'a-1'), messages: [customer, whisperRow('Offer the pause')] }));
    await user.click(within(dialog).getByRole('button', { name: 'Retry' }));
    dialog = screen.getByRole('dialog', { name: 'BRCH-2222, read-only' });
    expect(await within(dialog).findByText('<img src=x onerror=alert(1)>')).toBeTruthy();
    expect(dialog.querySelector('img')).toBeNull();
    expect(within(dialog).getByText(/Sara Supervisor · whisper/)).toBeTruthy();
    expect(within(dialog).queryByRole('textbox')).toBeNull();
    // Nothing that would tell anyone: no viewing, no read marker.
    expect(api.callsTo('activity:viewing')).toEqual([]);
    expect(api.callsTo('tickets:markRead')).toEqual([]);
  });

  it('changes an agent’s presence and capacity, and shows a refusal on the row', async () => {
    const { api, user } = await onBoard();
    api.handle('supervisor:setAgent', ({ agentId, presence, capacity }) => ok({ ...sup, id: agentId, role: 'agent', presence: presence ?? 'available', capacity: capacity ?? 8 }));
    const row = screen.getByRole('row', { name: /Elias Berg/ });
    await user.selectOptions(within(row).getByRole('combobox', { name: 'Presence of Elias Berg' }), 'away');
    await user.click(within(row).getByRole('button', { name: 'Raise Elias Berg’s capacity' }));
    expect(api.callsTo('supervisor:setAgent')).toEqual([
      { agentId: 'a-2', presence: 'away' },
      { agentId: 'a-2', capacity: 9 },
    ]);
    api.handle('supervisor:setAgent', () => fail('forbidden', 'Only supervisors can do that.'));
    await user.click(within(row).getByRole('button', { name: 'Lower Elias Berg’s capacity' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Only supervisors can do that.');
  });

  it('offline: keeps the board with its time and disables the actions; back online they work again', async () => {
    const { api } = await onBoard();
    act(() => api.emit('sync:status', syncStatus({ connection: 'offline', attempt: 2, nextRetryAt: iso(8) })));
    expect(await screen.findByText(/Offline · board from/)).toBeTruthy();
    for (const name of ['Open', 'Whisper', 'Reassign', 'Take over']) expect(within(alertRow('BRCH-2222')).getByRole('button', { name })).toHaveProperty('disabled', true);
    expect(screen.getByRole('combobox', { name: 'Presence of Elias Berg' })).toHaveProperty('disabled', true);
    act(() => api.emit('sync:status', syncStatus()));
    expect(await screen.findByText(/Live · updated/)).toBeTruthy();
    expect(within(alertRow('BRCH-2222')).getByRole('button', { name: 'Reassign' })).toHaveProperty('disabled', false);
  });

  it('loading shows a skeleton after 200 ms, then the board; a first load that fails says so with Retry', async () => {
    const held = deferred<ReturnType<typeof ok<Board>>>();
    const t = setup();
    t.api.handle('supervisor:board', () => held.promise);
    await waitFor(() => expect(t.stores.session.getState().phase).toBe('signedIn'));
    act(() => t.stores.ui.getState().showView('board'));
    act(() => void t.stores.supervisor.getState().loadBoard());
    expect(screen.queryByLabelText('Loading the board')).toBeNull(); // not before 200 ms
    expect(await screen.findByLabelText('Loading the board')).toBeTruthy();
    await act(async () => held.resolve(ok(board())));
    expect(await screen.findByText('BRCH-2222')).toBeTruthy();
    expect(screen.queryByLabelText('Loading the board')).toBeNull();
    act(() => t.stores.supervisor.getState().reset());
    t.api.handle('supervisor:board', () => fail('forbidden', 'Only supervisors can do that.'));
    await act(() => t.stores.supervisor.getState().loadBoard());
    const alert = screen.getByText(/The board could not be loaded: Only supervisors can do that\./);
    t.api.handle('supervisor:board', () => ok(board()));
    await t.user.click(within(alert.closest('[role="alert"]')!).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('BRCH-2222')).toBeTruthy();
  });

  it('Ctrl+Shift+G switches between the board and the chats; an agent has no board', async () => {
    const { user, stores } = await onBoard();
    await user.keyboard('{Control>}{Shift>}G{/Shift}{/Control}');
    expect(stores.ui.getState().view).toBe('chats');
    await user.keyboard('{Control>}{Shift>}G{/Shift}{/Control}');
    expect(stores.ui.getState().view).toBe('board');
    cleanup();
    disposeLast?.();
    const agentSetup = setup({ ...sup, id: 'a-1', role: 'agent' });
    await waitFor(() => expect(agentSetup.stores.session.getState().phase).toBe('signedIn'));
    expect(screen.queryByRole('button', { name: 'Supervisor board' })).toBeNull();
    await agentSetup.user.keyboard('{Control>}{Shift>}G{/Shift}{/Control}');
    expect(agentSetup.stores.ui.getState().view).toBe('chats');
    expect(agentSetup.api.callsTo('supervisor:board')).toEqual([]);
  });
});

describe('formal complaints on the board', () => {
  const complaintRow = (ref: string) => screen.getByRole('listitem', { name: new RegExp(`^${ref}`) });

  it('lists open complaints soonest due first, overdue in red with the word, the rest with business days and business time left', async () => {
    await onBoard();
    const section = screen.getByRole('region', { name: /Formal complaints/ });
    expect(within(section).getByRole('heading', { level: 2 }).textContent).toContain('3 open · 1 overdue');
    const rows = await within(section).findAllByRole('listitem');
    expect(rows.map((r) => r.getAttribute('aria-label')?.split(',')[0])).toEqual(['LATE-1111', 'SOON-2222', 'DONE-3333']);
    expect(rows[0]!.className).toContain('complaint-list__row--overdue');
    expect(within(rows[0]!).getByText(/^Overdue by 2h 0[45]m$/).className).toContain('chip--solid-danger');
    expect(rows[0]!.textContent).toContain('Maja Lindqvist');
    expect(rows[1]!.textContent).toContain('3 business days left');
    // The business time ticks inside the open span: a minute already passed of its two hours.
    expect(rows[1]!.textContent).toMatch(/1h 5[89]m business time/);
    expect(rows[1]!.textContent).toContain('Waiting in the queue');
    // Customer text as text.
    expect(within(rows[2]!).getByText('<b>Eve</b>')).toBeTruthy();
    expect(rows[2]!.querySelector('b')).toBeNull();
    // An ended complaint cannot be taken over.
    expect(within(rows[2]!).getByRole('button', { name: 'Take over' })).toHaveProperty('disabled', true);
  });

  it('is keyboard navigable: one tab stop, arrows move, Enter opens the complaint read-only', async () => {
    const { api, user } = await onBoard();
    api.handle('supervisor:open', ({ ticketId }) => ok({ ticket: ticketRow(ticketId, 'a-1'), messages: [] }));
    await screen.findByText('LATE-1111');
    const first = complaintRow('LATE-1111');
    expect(first.tabIndex).toBe(0);
    expect(complaintRow('SOON-2222').tabIndex).toBe(-1);
    act(() => first.focus());
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(complaintRow('SOON-2222'));
    expect(complaintRow('SOON-2222').tabIndex).toBe(0);
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(complaintRow('DONE-3333'));
    await user.keyboard('{ArrowUp}{Enter}');
    expect(await screen.findByRole('dialog', { name: 'SOON-2222, read-only' })).toBeTruthy();
    expect(api.callsTo('supervisor:open')).toEqual([{ ticketId: 't-soon' }]);
  });

  it('takes a complaint over: the supervisor works it in the chats', async () => {
    const { api, user, stores } = await onBoard();
    api.handle('supervisor:takeOver', ({ ticketId }) => ok(ticketRow(ticketId, 'sup-1')));
    await screen.findByText('SOON-2222');
    await user.click(within(complaintRow('SOON-2222')).getByRole('button', { name: 'Take over' }));
    const dialog = await screen.findByRole('dialog', { name: 'Take over SOON-2222' });
    await user.click(within(dialog).getByRole('button', { name: 'Take over' }));
    await waitFor(() => expect(stores.ui.getState().view).toBe('chats'));
    expect(api.callsTo('supervisor:takeOver')).toEqual([{ ticketId: 't-soon' }]);
    expect(stores.tabs.getState().tabs.map((t) => t.ticketId)).toContain('t-soon');
  });

  it('a failed load says so with Retry; a list already shown stays', async () => {
    const t = setup();
    t.api.handle('supervisor:complaints', () => fail('server_error', 'Boom.'));
    await waitFor(() => expect(t.stores.session.getState().phase).toBe('signedIn'));
    act(() => t.stores.ui.getState().showView('board'));
    const alert = await screen.findByText(/The complaints could not be loaded: Boom\./);
    t.api.handle('supervisor:complaints', () => ok(complaintList()));
    await t.user.click(within(alert.closest('[role="alert"]')!).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('LATE-1111')).toBeTruthy();
    t.api.handle('supervisor:complaints', () => fail('server_error', 'Boom.'));
    await act(() => t.stores.supervisor.getState().loadComplaints());
    expect(screen.getByText(/The complaints could not be refreshed \(Boom\.\)/)).toBeTruthy();
    expect(screen.getByText('LATE-1111')).toBeTruthy();
  });
});
