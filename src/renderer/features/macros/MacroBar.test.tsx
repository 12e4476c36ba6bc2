// @vitest-environment jsdom
/**
 * The macro bar with the real composer: a macro's reply lands in the composer, the bar says
 * what will follow and offers Undo; Undo puts the composer back; Enter sends the reply, then the
 * held steps go and the bar says Done (Undo gone). A failed step says so, with Retry.
 */
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement, Fragment } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type SessionState } from '../../../shared/api/contract';
import type { AgentRow, CannedReplyRow, Macro } from '../../../shared/domain';
import { StoresContext } from '../../app/hooks';
import { createStores, type Stores } from '../../app/stores';
import { createFakeApi, detail, fail, message, ok, type FakeApi } from '../../testing/fake-api';
import { Composer } from '../composer/Composer';
import { MacroBarView } from './MacroBar';
import type { MacroRun } from './macros-store';
import { MacroLayer } from './MacroLayer';

const agent: AgentRow = { id: 'agent-1', email: 'maja@desk.example', name: 'Maja Lindqvist', role: 'agent', tier: 1, regions: ['se'], capacity: 8, presence: 'available', presenceReason: null };
const session: SessionState = { serverUrl: 'http://127.0.0.1:4780', agent, signedIn: true };
const MACROS: Macro[] = [
  {
    id: 'm1', category: 'payment_delay', title: 'Payment found', position: 0, inputs: [], unsupported: null, version: 1,
    steps: [{ type: 'insertCannedReply', shortcut: 'pd-found', replyId: null }, { type: 'addNote', body: 'Matched.' }, { type: 'resolve' }],
  },
];
const REPLIES: CannedReplyRow[] = [{ id: 'r1', category: 'payment_delay', language: 'en', title: 'Payment found and matched', shortcut: 'pd-found', body: 'Good news: your payment is matched.', version: 1 }];

let api: FakeApi;
let stores: Stores;

beforeEach(async () => {
  api = createFakeApi({
    'macros:list': () => ok(MACROS),
    'canned:list': () => ok(REPLIES),
    'settings:get': () => ok(DEFAULT_SETTINGS),
    'drafts:save': () => ok(null),
    'messages:send': ({ body, kind }) => ok(message(`local:${kind}`, '~1', { authorKind: kind === 'note' ? 'note' : 'agent', body, delivery: 'pending' })),
    'actions:run': () => ok({ clientMsgId: 'a1' }),
  });
  stores = createStores(api);
  stores.session.getState().apply(session);
  stores.conversation.setState({ ticketId: 't1', detail: detail('t1', { assigneeId: agent.id }) });
  await stores.cannedReplies.getState().load();
  await stores.macros.getState().load();
});
afterEach(cleanup);

function renderPane() {
  const ticket = stores.conversation.getState().detail!.ticket;
  render(createElement(StoresContext.Provider, { value: stores }, createElement(Fragment, null, createElement(MacroLayer, { ticketId: 't1' }), createElement(Composer, { ticket }))));
  return { box: screen.getByLabelText('Reply to the customer') as HTMLTextAreaElement, user: userEvent.setup() };
}

describe('the macro bar', () => {
  it('offers Undo until the reply is sent; Undo puts the composer back', async () => {
    const { box, user } = renderPane();
    await user.click(box);
    await user.keyboard('Hi!');
    await act(() => stores.macros.getState().run('m1'));
    expect(box.value).toBe('Hi!\n\nGood news: your payment is matched.');
    const bar = screen.getByRole('status');
    expect(bar.textContent).toBe('Macro “Payment found” did: reply “Payment found and matched” in the composer · on send: note, resolveUndo');
    await user.click(within(bar).getByRole('button', { name: 'Undo Macro “Payment found”' }));
    expect(box.value).toBe('Hi!');
    expect(screen.getByRole('status').textContent).toBe('');
    expect(api.callsTo('messages:send')).toEqual([]);
  });

  it('says Done once the reply is sent and its steps went, and Undo is gone', async () => {
    const { box, user } = renderPane();
    await act(() => stores.macros.getState().run('m1'));
    await user.click(box);
    await user.keyboard('{Enter}');
    await screen.findByText(/Done/);
    expect(screen.getByRole('status').textContent).toBe('Macro “Payment found” · Done: reply sent “Payment found and matched” · note added · resolved');
    expect(screen.queryByRole('button', { name: /Undo/ })).toBeNull();
    expect(api.calls.filter((c) => c.channel === 'messages:send' || c.channel === 'actions:run').map((c) => [c.channel, (c.input as { kind: string }).kind])).toEqual([
      ['messages:send', 'reply'],
      ['messages:send', 'note'],
      ['actions:run', 'ticket.setStatus'],
    ]);
  });

  it('says which step failed and retries from it', async () => {
    api.handle('actions:run', () => fail('cache_error', 'The disk is full.'));
    const { box, user } = renderPane();
    await act(() => stores.macros.getState().run('m1'));
    await user.click(box);
    await user.keyboard('{Enter}');
    await screen.findByText(/stopped/);
    expect(screen.getByRole('status').textContent).toContain('Macro “Payment found” stopped: The disk is full. Not done yet: resolve.');
    api.handle('actions:run', () => ok({ clientMsgId: 'a2' }));
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    await screen.findByText(/Done/);
  });

  it('shows a macro that did not start, and the previous chat’s result after "next chat"', () => {
    const run: MacroRun = {
      ticketId: 't0', macroId: 'm1', title: 'Close', phase: 'done', did: ['reply sent'], held: [], applied: ['resolved', 'next chat opened'],
      before: { body: '', mode: 'reply' }, fill: { ctx: {} as never, formatting: {} as never, inputs: [], values: {}, today: '' }, error: null, nextTicketId: 't1',
    };
    render(createElement(MacroBarView, { run, fromChat: 'Anna Lind', onUndo: () => {}, onRetry: () => {}, onDismiss: () => {} }));
    expect(document.body.textContent).toBe('Macro “Close” · Done in Anna Lind’s chat: reply sent · resolved');
  });
});
