/** The panel store: per-chat view state, and actions followed from actions:run to the server's ack. */
import { describe, expect, it } from 'vitest';
import { createFakeApi, deferred, fail, ok } from '../../testing/fake-api';
import { createPanelStore } from './panel-store';

const resend = { kind: 'account.resendVerification', ticketId: 't1' } as const;

describe('panel store', () => {
  it('keeps view state per chat and only marks sections the agent has not decided on', () => {
    const store = createPanelStore({ api: createFakeApi() });
    store.getState().setSectionOpen('t1', 'returns', false);
    store.getState().keepOpen('t1', ['returns', 'transactions']);
    store.getState().select('t2', { kind: 'order', id: 'o1' });
    expect(store.getState().views.t1).toMatchObject({ open: { returns: false, transactions: true }, selection: null });
    expect(store.getState().views.t2?.selection).toEqual({ kind: 'order', id: 'o1' });
  });

  it('follows an action to done, and to refused with the reason, even when the ack beats the answer of actions:run', async () => {
    const api = createFakeApi();
    const store = createPanelStore({ api });
    api.on('actions:settled', (e) => store.getState().settle(e));
    api.handle('actions:run', () => ok({ clientMsgId: 'cm1' }));
    const done = await store.getState().run(resend, { target: 'account', summary: 'Resend' });
    expect(done.state).toBe('pending');
    api.emit('actions:settled', { clientMsgId: 'cm1', ticketId: 't1', status: 'applied', code: null, reason: null });
    expect(store.getState().actions[0]?.state).toBe('done');

    const answer = deferred<ReturnType<typeof ok<{ clientMsgId: string }>>>();
    api.handle('actions:run', () => answer.promise);
    const running = store.getState().run(resend, { target: 'account', summary: 'Resend' });
    expect(store.getState().actions[1]?.state).toBe('sending');
    api.emit('actions:settled', { clientMsgId: 'cm2', ticketId: 't1', status: 'rejected', code: 'invalid', reason: 'This account is already verified.' });
    answer.resolve(ok({ clientMsgId: 'cm2' }));
    expect(await running).toMatchObject({ state: 'refused', reason: 'This account is already verified.' });
  });

  it('shows main’s refusal (offline) as not sent, and forgets everything on reset', async () => {
    const api = createFakeApi({ 'actions:run': () => fail('offline', 'This account action needs a connection to the desk server.') });
    const store = createPanelStore({ api });
    expect(await store.getState().run(resend, { target: 'account', summary: 'Resend' })).toMatchObject({ state: 'failed', reason: 'This account action needs a connection to the desk server.' });
    store.getState().select('t1', { kind: 'order', id: 'o1' });
    store.getState().reset();
    expect(store.getState()).toMatchObject({ views: {}, actions: [] });
  });
});
