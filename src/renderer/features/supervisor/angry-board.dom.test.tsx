// @vitest-environment jsdom
/**
 * Angry customers on the supervisor's board (issue 9), in jsdom: the tile counts them, the list
 * shows each case's reference, region, channel, status and its agent by name, Open reads it
 * silently with the handover summary on top; each queue shows its angry count. An older desk
 * server (no angry fields) shows none of it.
 */
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type HandoverSummary, type SessionState } from '../../../shared/api/contract';
import type { AgentRow } from '../../../shared/domain';
import type { Board } from '../../../shared/protocol/supervisor';
import { StoresContext } from '../../app/hooks';
import { createStores } from '../../app/stores';
import { createFakeApi, detail, fail, flush, ok, syncStatus } from '../../testing/fake-api';
import { SupervisorView } from './SupervisorView';

const sup: AgentRow = { id: 'sup-1', email: 'sara@desk.example', name: 'Sara Supervisor', role: 'supervisor', tier: 2, regions: ['eu-north'], capacity: 4, presence: 'available', presenceReason: null };
const session: SessionState = { serverUrl: 'http://127.0.0.1:4780', agent: sup, signedIn: true };
const now = new Date().toISOString();

function board(over: Partial<Board> = {}): Board {
  return {
    computedAt: now,
    horizonSec: 120,
    queues: [
      { regionId: 'eu-north', channel: 'chat', waiting: 2, longestWaitSec: 40, expectedWaitSec: 30, breached: 0, atRisk: 0, firstResponseTargetSec: 300, angry: 2 },
      { regionId: 'uk', channel: 'email', waiting: 0, longestWaitSec: 0, expectedWaitSec: null, breached: 0, atRisk: 0, firstResponseTargetSec: 3600, angry: 0 },
    ],
    regions: [
      { regionId: 'eu-north', name: 'Nordics', available: 1, busy: 0, away: 0, load: 1, capacity: 8 },
      { regionId: 'uk', name: 'United Kingdom', available: 0, busy: 0, away: 0, load: 0, capacity: 0 },
    ],
    agents: [{ agentId: 'a-1', name: 'Maja Lindqvist', role: 'agent', regions: ['eu-north'], presence: 'available', load: 1, capacity: 8 }],
    alerts: [],
    breachedTotal: 0,
    atRiskTotal: 0,
    angry: [
      { ticketId: 't-a1', reference: 'ANGR-1111', regionId: 'eu-north', channel: 'chat', status: 'open', assigneeId: 'a-1', moodScore: -0.9 },
      { ticketId: 't-a2', reference: 'ANGR-2222', regionId: 'eu-north', channel: 'chat', status: 'queued', assigneeId: null, moodScore: -0.6 },
    ],
    angryTotal: 2,
    ...over,
  };
}

const SUMMARY: HandoverSummary = {
  request: 'I want my money back <b>now</b>',
  done: ['Agent checked the refund status'],
  openQuestions: ['When will the refund arrive?'],
  mood: 'angry',
  facts: ['Order ORD-1 at Stadium, 1 899,00 kr'],
};

function setup(b: Board) {
  const api = createFakeApi({
    'settings:get': () => ok(DEFAULT_SETTINGS),
    'supervisor:figures': () => fail('internal', 'no figures here'),
    'supervisor:complaints': () => ok({ computedAt: now, complaints: [] }),
    'supervisor:open': ({ ticketId }) => ok({ ...detailOf(ticketId), summary: SUMMARY }),
  });
  const stores = createStores(api);
  stores.session.getState().apply(session);
  stores.sync.getState().apply(syncStatus());
  stores.supervisor.getState().applyBoard(b);
  render(createElement(StoresContext.Provider, { value: stores }, createElement(SupervisorView)));
  return { api, stores, user: userEvent.setup() };
}
const detailOf = (ticketId: string) => ({ ticket: detail(ticketId).ticket, messages: [] });
afterEach(cleanup);

describe('angry customers on the board', () => {
  it('counts them in a tile and lists them with region, channel, status and the agent’s name', () => {
    setup(board());
    const tile = screen.getByText('Angry customers', { selector: '.board__tile-label' }).closest('li')!;
    expect(tile.textContent).toContain('2');
    expect(tile.className).toContain('board__tile--danger');
    const section = screen.getByRole('region', { name: /Angry customers/ });
    const rows = within(section).getAllByRole('listitem');
    expect(rows.map((r) => r.getAttribute('aria-label'))).toEqual(['ANGR-1111, angry customer', 'ANGR-2222, angry customer']);
    expect(rows[0]!.textContent).toContain('Nordics · Chat · Open · Maja Lindqvist');
    expect(rows[1]!.textContent).toContain('Nordics · Chat · New · Waiting in the queue');
  });

  it('shows each queue’s angry count in the queue table', () => {
    setup(board());
    const table = within(screen.getByRole('region', { name: 'Queues' })).getAllByRole('table')[0]!;
    const header = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(header).toContain('Angry');
    const col = header.indexOf('Angry');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[col - 1]!.textContent)).toEqual(['2', '0']);
  });

  it('says so when nobody is angry', () => {
    setup(board({ angry: [], angryTotal: 0, queues: board().queues.map((q) => ({ ...q, angry: 0 })) }));
    expect(screen.getByText('No angry customers right now.')).toBeTruthy();
  });

  it('shows none of it for an older desk server (no angry fields)', () => {
    const { angry: _a, angryTotal: _t, ...old } = board();
    setup({ ...old, queues: old.queues.map(({ angry: _q, ...q }) => q) });
    expect(screen.queryByText('Angry customers')).toBeNull();
    expect(screen.queryByRole('columnheader', { name: 'Angry' })).toBeNull();
  });

  it('Open reads the chat silently, its handover summary on top, text as text', async () => {
    const { api, user } = setup(board());
    const section = screen.getByRole('region', { name: /Angry customers/ });
    await user.click(within(section).getAllByRole('button', { name: /Open/ })[0]!);
    await act(flush);
    expect(api.callsTo('supervisor:open')).toEqual([{ ticketId: 't-a1' }]);
    const dialog = screen.getByRole('dialog', { name: 'ANGR-1111, read-only' });
    const summary = within(dialog).getByRole('region', { name: 'Handover summary' });
    expect(summary.textContent).toContain('Extracted from the conversation');
    expect(within(summary).getByText('I want my money back <b>now</b>')).toBeTruthy();
    expect(summary.querySelector('b')).toBeNull();
    expect(within(summary).getByText('When will the refund arrive?')).toBeTruthy();
    expect(within(summary).getByText('Angry')).toBeTruthy();
    // Read-only: nothing to put into a note there.
    expect(within(summary).queryByRole('button')).toBeNull();
  });
});
