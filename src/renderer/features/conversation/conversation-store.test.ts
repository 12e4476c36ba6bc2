import { describe, expect, it } from 'vitest';
import type { LocalMessage } from '../../../shared/api/contract';
import { createFakeApi, deferred, detail, fail, message, ok } from '../../testing/fake-api';
import { createConversationStore, mergeNewest } from './conversation-store';

const page = (messages: LocalMessage[], hasMore = false) => ok({ messages, hasMore });

describe('conversation store', () => {
  it('opens a chat: its detail and its newest page, oldest first', async () => {
    const api = createFakeApi({
      'tickets:get': ({ ticketId }) => ok(detail(ticketId)),
      'messages:page': () => page([message('m2', '2026-05-01T10:02|m2'), message('m1', '2026-05-01T10:01|m1'), message('local:x', '~0001', { delivery: 'pending' })], true),
    });
    const store = createConversationStore({ api });
    const opening = store.getState().open('t1');
    expect(store.getState()).toMatchObject({ ticketId: 't1', loading: true, messages: [] });
    await opening;
    expect(store.getState().detail?.ticket.id).toBe('t1');
    expect(store.getState().messages.map((m) => m.id)).toEqual(['m1', 'm2', 'local:x']);
    expect(store.getState()).toMatchObject({ hasMore: true, loading: false });
    expect(api.callsTo('messages:page')).toEqual([{ ticketId: 't1', before: null, limit: 100 }]);
  });

  it('drops answers for a chat that is no longer open', async () => {
    const slow = deferred<void>();
    const api = createFakeApi({
      'tickets:get': async ({ ticketId }) => {
        if (ticketId === 't1') await slow.promise;
        return ok(detail(ticketId));
      },
      'messages:page': ({ ticketId }) => page([message(`${ticketId}-m`, '1')]),
    });
    const store = createConversationStore({ api });
    const first = store.getState().open('t1');
    await store.getState().open('t2');
    slow.resolve();
    await first;
    expect(store.getState().ticketId).toBe('t2');
    expect(store.getState().detail?.ticket.id).toBe('t2');
    expect(store.getState().messages.map((m) => m.id)).toEqual(['t2-m']);
  });

  it('loads older pages before the oldest sortKey and prepends them', async () => {
    const api = createFakeApi({
      'tickets:get': ({ ticketId }) => ok(detail(ticketId)),
      'messages:page': ({ before }) => (before ? page([message('m1', '1'), message('m2', '2')], false) : page([message('m3', '3'), message('m4', '4')], true)),
    });
    const store = createConversationStore({ api });
    await store.getState().open('t1');
    expect(await store.getState().loadOlder()).toBe(2);
    expect(api.callsTo('messages:page')[1]).toEqual({ ticketId: 't1', before: '3', limit: 100 });
    expect(store.getState().messages.map((m) => m.id)).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect(store.getState().hasMore).toBe(false);
    expect(await store.getState().loadOlder()).toBe(0);
  });

  it('reloads the newest messages over what is loaded: an acked reply replaces its local row', async () => {
    let call = 0;
    const api = createFakeApi({
      'tickets:get': ({ ticketId }) => ok(detail(ticketId)),
      'messages:page': () => {
        call++;
        return call === 1
          ? page([message('m1', '1'), message('m2', '2'), message('local:a', '~0001', { delivery: 'pending', clientMsgId: 'a' })], false)
          : page([message('m1', '1'), message('m2', '2'), message('m3', '3', { clientMsgId: 'a', authorKind: 'agent' })], false);
      },
    });
    const store = createConversationStore({ api });
    await store.getState().open('t1');
    await store.getState().reloadThread();
    expect(store.getState().messages.map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
  });

  it('merges a newest page that does not reach back to what is loaded', () => {
    const loaded = [message('m1', '1'), message('m2', '2'), message('m3', '3'), message('local:x', '~1')];
    const merged = mergeNewest(loaded, [message('m3', '3'), message('m4', '4')], true, false);
    expect(merged.messages.map((m) => m.id)).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect(merged.hasMore).toBe(false);
    expect(mergeNewest(loaded, [message('m9', '9')], false, true)).toEqual({ messages: [message('m9', '9')], hasMore: false });
  });

  it('keeps the thread on screen when a reload fails', async () => {
    let failing = false;
    const api = createFakeApi({
      'tickets:get': ({ ticketId }) => (failing ? fail('cache_error') : ok(detail(ticketId))),
      'messages:page': () => (failing ? fail('cache_error', 'read-only') : page([message('m1', '1')])),
    });
    const store = createConversationStore({ api });
    await store.getState().open('t1');
    failing = true;
    await store.getState().reloadThread();
    await store.getState().reloadDetail();
    expect(store.getState().messages).toHaveLength(1);
    expect(store.getState().detail).not.toBeNull();
    expect(store.getState().detailError).toBeNull();
    expect(store.getState().threadError?.message).toBe('read-only');
  });

  it('shows a sent message at once and returns a refusal to the composer', async () => {
    const sent = message('local:c1', '~0005', { authorKind: 'agent', delivery: 'pending', clientMsgId: 'c1', body: 'Hi' });
    const api = createFakeApi({
      'tickets:get': ({ ticketId }) => ok(detail(ticketId)),
      'messages:page': () => page([message('m1', '1')]),
      'messages:send': ({ body }) => (body.includes('4242') ? fail('invalid_input', 'card number') : ok(sent)),
    });
    const store = createConversationStore({ api });
    await store.getState().open('t1');
    expect(await store.getState().send('Hi', 'reply')).toBeNull();
    expect(api.callsTo('messages:send')[0]).toEqual({ ticketId: 't1', body: 'Hi', kind: 'reply', attachmentIds: [] });
    expect(store.getState().messages.map((m) => m.id)).toEqual(['m1', 'local:c1']);
    expect((await store.getState().send('4242 4242 4242 4242', 'reply'))?.message).toBe('card number');
  });

  it('retries and discards rejected messages, keeping a refusal beside the row', async () => {
    const rejected = message('local:r1', '~0001', { authorKind: 'agent', delivery: 'rejected', clientMsgId: 'r1', rejection: { code: 'not_assigned', reason: 'reassigned' } });
    let discardOk = false;
    const api = createFakeApi({
      'tickets:get': ({ ticketId }) => ok(detail(ticketId)),
      'messages:page': () => page(discardOk ? [] : [rejected]),
      'messages:retry': () => ok(null),
      'messages:discard': () => (discardOk ? ok(null) : fail('cache_error', 'read-only')),
    });
    const store = createConversationStore({ api });
    await store.getState().open('t1');
    await store.getState().retry('r1');
    expect(api.callsTo('messages:retry')).toEqual([{ clientMsgId: 'r1' }]);
    await store.getState().discard('r1');
    expect(store.getState().rowErrors.r1?.message).toBe('read-only');
    expect(store.getState().messages).toHaveLength(1);
    discardOk = true;
    await store.getState().discard('r1');
    expect(store.getState().rowErrors).toEqual({});
    expect(store.getState().messages).toHaveLength(0);
  });

  it('runs accept and shows it queued until the synced ticket shows it', async () => {
    let accepted = false;
    const api = createFakeApi({
      'tickets:get': ({ ticketId }) => ok(detail(ticketId, accepted ? { status: 'open', assigneeId: 'me', acceptedAt: 'now' } : { status: 'queued', assigneeId: null, acceptedAt: null })),
      'messages:page': () => page([]),
      'actions:run': () => ok({ clientMsgId: 'c1' }),
    });
    const store = createConversationStore({ api, agentId: () => 'me' });
    await store.getState().open('t1');
    await store.getState().accept();
    expect(api.callsTo('actions:run')).toEqual([{ kind: 'ticket.accept', ticketId: 't1' }]);
    expect(store.getState().queuedAction).toBe('accept');
    accepted = true;
    await store.getState().reloadDetail();
    expect(store.getState().queuedAction).toBeNull();
  });

  it('resolves with ticket.setStatus and reports a refusal', async () => {
    const api = createFakeApi({
      'tickets:get': ({ ticketId }) => ok(detail(ticketId)),
      'messages:page': () => page([]),
      'actions:run': () => fail('not_signed_in', 'Sign in first.'),
    });
    const store = createConversationStore({ api });
    await store.getState().open('t1');
    await store.getState().resolve();
    expect(api.callsTo('actions:run')).toEqual([{ kind: 'ticket.setStatus', ticketId: 't1', status: 'resolved' }]);
    expect(store.getState()).toMatchObject({ queuedAction: null, actionPending: false, actionError: { message: 'Sign in first.' } });
  });

  it('holds every open chat: switching back is instant, answers land in their own chat, closed tabs are forgotten', async () => {
    const api = createFakeApi({
      'tickets:get': ({ ticketId }) => ok(detail(ticketId)),
      'messages:page': ({ ticketId }) => page([message(`${ticketId}-m1`, '1', { ticketId })]),
    });
    const store = createConversationStore({ api });
    await store.getState().open('t1');
    await store.getState().preload('t2');
    expect(store.getState().ticketId).toBe('t1');
    expect(store.getState().chats.t2?.messages.map((m) => m.id)).toEqual(['t2-m1']);
    const calls = api.calls.length;
    void store.getState().open('t2');
    expect(store.getState()).toMatchObject({ ticketId: 't2', loading: false });
    expect(store.getState().messages.map((m) => m.id)).toEqual(['t2-m1']);
    expect(api.calls.length).toBe(calls);
    // A background chat's reload updates that chat only.
    api.handle('messages:page', ({ ticketId }) => page([message(`${ticketId}-m1`, '1', { ticketId }), message(`${ticketId}-m2`, '2', { ticketId })]));
    await store.getState().reloadThread('t1');
    expect(store.getState().chats.t1?.messages).toHaveLength(2);
    expect(store.getState().messages.map((m) => m.id)).toEqual(['t2-m1']);
    // Nothing new: the same array stays (nothing re-renders).
    const before = store.getState().chats.t1!.messages;
    await store.getState().reloadThread('t1');
    expect(store.getState().chats.t1!.messages).toBe(before);
    store.getState().keep(['t1']);
    expect(Object.keys(store.getState().chats).sort()).toEqual(['t1', 't2']); // the active chat stays
    await store.getState().open('t1');
    store.getState().keep(['t1']);
    expect(Object.keys(store.getState().chats)).toEqual(['t1']);
  });

  it('marks a chat read up to its newest message from the server, once per message', async () => {
    const api = createFakeApi({
      'tickets:get': ({ ticketId }) => ok(detail(ticketId)),
      'messages:page': () => page([message('m1', '2026-05-01T10:01|m1'), message('local:x', '~0001', { delivery: 'pending', authorKind: 'agent' })]),
      'tickets:markRead': () => ok(null),
    });
    const store = createConversationStore({ api });
    await store.getState().open('t1');
    store.getState().markRead('t1');
    store.getState().markRead('t1');
    expect(api.callsTo('tickets:markRead')).toEqual([{ ticketId: 't1', upTo: '2026-05-01T10:01|m1' }]);
  });

  it('accepts an offer that is not open, and declines one', async () => {
    const api = createFakeApi({ 'actions:run': () => ok({ clientMsgId: 'c1' }) });
    const store = createConversationStore({ api });
    await store.getState().accept('offered');
    expect(await store.getState().decline('other')).toBeNull();
    expect(api.callsTo('actions:run')).toEqual([
      { kind: 'ticket.accept', ticketId: 'offered' },
      { kind: 'ticket.decline', ticketId: 'other' },
    ]);
  });
});
