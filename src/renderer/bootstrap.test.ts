import { describe, expect, it } from 'vitest';
import type { SessionState } from '../shared/api/contract';
import type { AgentRow } from '../shared/domain';
import { createStores } from './app/stores';
import type { TransportState } from './api/desk-api';
import { bootstrap } from './bootstrap';
import { createFakeApi, detail, flush, message, ok, summary, syncStatus } from './testing/fake-api';

const agent: AgentRow = { id: 'agent-1', email: 'a@b', name: 'Maja', role: 'agent', tier: 1, regions: ['se'], capacity: 8, presence: 'available', presenceReason: null };
const signedIn: SessionState = { serverUrl: 'http://127.0.0.1:4780', agent, signedIn: true };

function setup(initial: SessionState = signedIn) {
  const api = createFakeApi({
    'session:get': () => ok(initial),
    'tickets:list': ({ view }) => ok(view === 'queue' ? [summary('q', { status: 'queued' })] : [summary('t1'), summary('t2')]),
    'tickets:get': ({ ticketId }) => ok(detail(ticketId)),
    'messages:page': ({ ticketId }) => ok({ messages: [message(`${ticketId}-m1`, '1', { ticketId })], hasMore: false }),
    'drafts:get': ({ ticketId }) => ok({ ticketId, body: `draft ${ticketId}`, mode: 'reply' as const, updatedAt: 'x' }),
    'drafts:save': () => ok(null),
    'sync:status': () => ok(syncStatus()),
    'canned:list': () =>
      ok([
        { id: 'r-en', category: 'payment_delay', title: 'Payment found', shortcut: 'found', body: 'Hi {{customer.firstName}}', language: 'en' as const, version: 1 },
        { id: 'r-sv', category: 'payment_delay', title: 'Betalning hittad', shortcut: 'hittad', body: 'Hej {{customer.firstName}}', language: 'sv' as const, version: 1 },
      ]),
  });
  const stores = createStores(api);
  const stateListeners = new Set<(s: TransportState) => void>();
  let transport: TransportState = 'up';
  const connection = {
    state: () => transport,
    onState: (l: (s: TransportState) => void) => (stateListeners.add(l), () => void stateListeners.delete(l)),
  };
  const setTransport = (s: TransportState) => {
    transport = s;
    stateListeners.forEach((l) => l(s));
  };
  const dispose = bootstrap(connection, stores);
  return { api, stores, dispose, setTransport };
}

describe('bootstrap', () => {
  it('lists canned replies in the command palette in the open chat’s language, and inserts one into that chat', async () => {
    const { stores } = setup();
    await flush();
    await flush();
    const source = stores.palette.getState().sources.find((x) => x.id === 'canned-replies')!;
    expect(source.items('').map((i) => i.disabled)).toEqual([expect.stringMatching(/Open a chat/)]);
    stores.tickets.getState().select('t1');
    await flush();
    const items = source.items('');
    expect(items).toHaveLength(1);
    items[0]!.run();
    expect(stores.cannedReplies.getState().insertRequest).toMatchObject({ ticketId: 't1' });
  });

  it('loads the session, then the lists and the sync status once signed in', async () => {
    const { api, stores } = setup();
    await flush();
    await flush();
    expect(stores.session.getState().phase).toBe('signedIn');
    expect(stores.tickets.getState().lists.mine?.map((t) => t.id)).toEqual(['t1', 't2']);
    expect(stores.sync.getState().status).not.toBeNull();
    expect(api.callsTo('tickets:list')).toHaveLength(3);
  });

  it('opens the selected chat with its draft, and saves the previous chat draft', async () => {
    const { api, stores } = setup();
    await flush();
    stores.tickets.getState().select('t1');
    await flush();
    expect(stores.conversation.getState().ticketId).toBe('t1');
    expect(stores.conversation.getState().messages.map((m) => m.id)).toEqual(['t1-m1']);
    expect(stores.drafts.getState().drafts.t1?.body).toBe('draft t1');
    stores.drafts.getState().edit('t1', 'changed');
    stores.tickets.getState().select('t2');
    await flush();
    expect(api.callsTo('drafts:save')).toEqual([{ ticketId: 't1', body: 'changed', mode: 'reply' }]);
    expect(stores.conversation.getState().ticketId).toBe('t2');
  });

  it('routes events: list changes reload the lists and the open detail; message changes only the open thread', async () => {
    const { api, stores } = setup();
    await flush();
    stores.tickets.getState().select('t1');
    await flush();
    const before = { lists: api.callsTo('tickets:list').length, gets: api.callsTo('tickets:get').length, pages: api.callsTo('messages:page').length };

    api.emit('tickets:changed', { ticketIds: ['t9'] });
    await flush();
    expect(api.callsTo('tickets:list').length).toBe(before.lists + 3);
    expect(api.callsTo('tickets:get').length).toBe(before.gets);
    api.emit('tickets:changed', { ticketIds: ['t1'] });
    await flush();
    expect(api.callsTo('tickets:get').length).toBe(before.gets + 1);

    api.emit('messages:changed', { ticketId: 't2' });
    await flush();
    expect(api.callsTo('messages:page').length).toBe(before.pages);
    api.emit('messages:changed', { ticketId: 't1' });
    await flush();
    expect(api.callsTo('messages:page').length).toBe(before.pages + 1);

    api.emit('sync:status', syncStatus({ connection: 'offline', outbox: 4 }));
    expect(stores.sync.getState().status?.outbox).toBe(4);
    api.emit('typing', { ticketId: 't1', typing: true });
    expect(stores.tickets.getState().typing.t1).toBe(true);
  });

  it('opens the chat a clicked notification names', async () => {
    const { api, stores } = setup();
    await flush();
    await flush();
    api.emit('chat:open', { ticketId: 't2' });
    await flush();
    expect(stores.tickets.getState().selectedId).toBe('t2');
    expect(stores.conversation.getState().ticketId).toBe('t2');
  });

  it('clears the console on sign-out and ignores list events while signed out', async () => {
    const { api, stores } = setup();
    await flush();
    stores.tickets.getState().select('t1');
    await flush();
    api.emit('session:changed', { ...signedIn, signedIn: false });
    await flush();
    expect(stores.session.getState().phase).toBe('signedOut');
    expect(stores.tickets.getState().lists.mine).toBeNull();
    expect(stores.conversation.getState().ticketId).toBeNull();
    const lists = api.callsTo('tickets:list').length;
    api.emit('tickets:changed', { ticketIds: ['t1'] });
    await flush();
    expect(api.callsTo('tickets:list').length).toBe(lists);
  });

  it('reloads everything when the host link comes back', async () => {
    const { api, stores, setTransport } = setup();
    await flush();
    stores.tickets.getState().select('t1');
    await flush();
    const gets = api.callsTo('session:get').length;
    setTransport('down');
    expect(stores.sync.getState().host).toBe('down');
    setTransport('up');
    await flush();
    expect(api.callsTo('session:get').length).toBe(gets + 1);
    expect(stores.sync.getState().host).toBe('up');
  });

  it('stops listening when disposed', async () => {
    const { api, stores, dispose } = setup();
    await flush();
    dispose();
    api.emit('sync:status', syncStatus({ outbox: 9 }));
    expect(stores.sync.getState().status?.outbox).toBe(0);
  });
});
