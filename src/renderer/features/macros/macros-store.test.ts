import { describe, expect, it } from 'vitest';
import type { SessionState, TicketDetail } from '../../../shared/api/contract';
import type { AgentRow, CannedReplyRow, Macro } from '../../../shared/domain';
import { createStores } from '../../app/stores';
import { createFakeApi, detail, fail, flush, ok, summary } from '../../testing/fake-api';
import { doneWords } from './macros-store';
import { goToNextNeedingReply, nextNeedingReply } from './next-chat';

const agent: AgentRow = { id: 'agent-1', email: 'a@b', name: 'Maja Lind', role: 'agent', tier: 1, regions: ['se'], capacity: 8, presence: 'available', presenceReason: null };
const session: SessionState = { serverUrl: 'http://127.0.0.1:1', agent, signedIn: true };

const macro = (id: string, over: Partial<Macro>): Macro => ({ id, category: 'refund_return', title: id, position: 0, steps: [], inputs: [], unsupported: null, version: 1, ...over });
const MACROS: Macro[] = [
  macro('refund', {
    title: 'Refund confirmed',
    inputs: [{ key: 'amount', label: 'Refund amount', type: 'money', prefill: { from: 'return.refundAmount', addDays: 0, businessDays: false } }],
    steps: [
      { type: 'insertReply', text: { en: 'Hi {{customer.firstName}}, we refund {{input.amount}} for {{order.number}}.', sv: 'Hej {{customer.firstName}}! Vi återbetalar {{input.amount}} för {{order.number}}.' } },
      { type: 'addNote', body: 'Refund {{input.amount}} confirmed' },
      { type: 'setPriority', priority: 'low' },
      { type: 'resolve' },
      { type: 'nextChat' },
    ],
  }),
  macro('paused', { title: 'Payments paused', position: 1, steps: [{ type: 'insertCannedReply', shortcut: 'rr-paused', replyId: null }, { type: 'setStatus', status: 'pending' }] }),
  macro('close', { category: 'other', title: 'Close', steps: [{ type: 'insertCannedReply', shortcut: 'ot-closing', replyId: null }, { type: 'resolve' }] }),
  macro('lower', { category: 'other', title: 'Lower priority', position: 1, steps: [{ type: 'setPriority', priority: 'low' }] }),
];
const REPLIES: CannedReplyRow[] = [
  { id: 'p-en', category: 'refund_return', language: 'en', title: 'Return registered', shortcut: 'rr-paused', body: 'Your return for {{order.number}} is registered.', version: 1 },
  { id: 'p-sv', category: 'refund_return', language: 'sv', title: 'Retur registrerad', shortcut: 'rr-paused', body: 'Din retur är registrerad, {{customer.firstName}}.', version: 1 },
  { id: 'c-en', category: 'other', language: 'en', title: 'Closing', shortcut: 'ot-closing', body: 'Bye {{customer.firstName}}', version: 1 },
];

function swedishChat(ticketId: string): TicketDetail {
  const d = detail(ticketId, { category: 'refund_return', assigneeId: agent.id });
  d.context.customer = {
    id: 'c1', name: 'Anna Lind', email: 'a@example.com', phone: '', locale: 'sv-SE', timeZone: 'Europe/Stockholm', regionId: 'se', country: 'SE', currency: 'SEK',
    device: null, riskFlags: [], createdAt: '2025-01-01T00:00:00Z', identity: 'verified', version: 1,
  };
  d.context.returns = [{ id: 'r1', orderId: 'o1', customerId: 'c1', status: 'received', reason: 'Too small', refundAmountMinor: 49_900, currency: 'SEK', refundDate: null, createdAt: '2026-03-01T10:00:00Z', version: 1 }];
  return d;
}

async function setup({ details = { t1: swedishChat('t1') } as Record<string, TicketDetail>, mine = [summary('t1'), summary('t2', { waitingSince: '2026-05-01T10:00:00Z', replyDueAt: '2026-05-01T10:05:00Z' })] } = {}) {
  let seq = 0;
  const api = createFakeApi({
    'macros:list': () => ok(MACROS),
    'canned:list': () => ok(REPLIES),
    'settings:get': () => ok(undefined as never),
    'tickets:get': ({ ticketId }) => (details[ticketId] ? ok(details[ticketId]!) : fail('not_found')),
    'tickets:list': () => ok(mine),
    'messages:page': () => ok({ messages: [], hasMore: false }),
    'messages:send': ({ ticketId, body, kind }) => ok({ ...summaryMessage(ticketId, body, kind), clientMsgId: `c${++seq}` }),
    'actions:run': () => ok({ clientMsgId: `a${++seq}` }),
    'drafts:save': () => ok(null),
  });
  const stores = createStores(api);
  stores.session.getState().apply(session);
  await stores.tickets.getState().reload(['mine']);
  stores.tickets.getState().select('t1');
  await stores.conversation.getState().open('t1');
  await stores.macros.getState().load();
  const pushed = () => api.calls.filter((c) => c.channel === 'messages:send' || c.channel === 'actions:run').map((c) => ({ channel: c.channel, ...(c.input as object) }));
  return { api, stores, pushed, draft: () => stores.drafts.getState().drafts.t1 };
}

function summaryMessage(ticketId: string, body: string, kind: string) {
  return {
    id: `local:${body.length}`, ticketId, authorKind: kind === 'note' ? ('note' as const) : ('agent' as const), authorId: agent.id, authorName: agent.name, body, clientMsgId: null,
    attachmentIds: [], createdAt: '2026-05-01T10:00:00Z', version: 0, delivery: 'pending' as const, rejection: null, sortKey: '~1',
  };
}

const nbsp = (s: string | undefined) => s?.replace(/[\u00a0\u202f]/g, ' ');

describe('macros store', () => {
  it('asks the inputs first, starting from the chat’s records, and refuses a value it can’t read', async () => {
    const { stores, pushed } = await setup();
    expect(await stores.macros.getState().run('refund')).toBeNull();
    const ask = stores.macros.getState().asking!;
    expect(ask).toMatchObject({ ticketId: 't1', title: 'Refund confirmed', values: { amount: '499.00' }, currency: 'SEK' });
    expect(await stores.macros.getState().confirmInputs({ amount: 'lots' })).toEqual({ amount: 'Enter an amount, like 25 or 49.99.' });
    expect(stores.macros.getState().asking).not.toBeNull();
    stores.macros.getState().cancelInputs();
    expect(stores.macros.getState().asking).toBeNull();
    expect(stores.drafts.getState().drafts.t1?.body ?? '').toBe('');
    expect(pushed()).toEqual([]);
  });

  it('starts from the row selected in the customer panel, as canned replies do', async () => {
    const chat = swedishChat('t1');
    const order = (id: string, orderNumber: string) => ({
      id, customerId: 'c1', orderNumber, merchant: 'Urban Thread', items: [], totalMinor: 99_900, currency: 'SEK', plan: 'pay_in_30' as const, status: 'active' as const,
      placedAt: '2026-02-20T10:00:00Z', returnWindowEndsAt: '2026-04-20T10:00:00Z', version: 1,
    });
    chat.context.orders = [order('o1', 'ORD-1000001'), order('o2', 'ORD-2000002')];
    chat.context.returns = [
      { id: 'r1', orderId: 'o1', customerId: 'c1', status: 'received', reason: 'Too small', refundAmountMinor: 49_900, currency: 'SEK', refundDate: null, createdAt: '2026-03-01T10:00:00Z', version: 1 },
      { id: 'r2', orderId: 'o2', customerId: 'c1', status: 'received', reason: 'Broken', refundAmountMinor: 25_000, currency: 'SEK', refundDate: null, createdAt: '2026-03-02T10:00:00Z', version: 1 },
    ];
    const { stores } = await setup({ details: { t1: chat } });
    let selected: { kind: 'order'; id: string } | null = null;
    stores.macros.getState().setSelectionSource((ticketId) => (ticketId === 't1' ? selected : null));

    await stores.macros.getState().run('refund');
    const byDefault = stores.macros.getState().asking!.values.amount;
    stores.macros.getState().cancelInputs();

    selected = { kind: 'order', id: byDefault === '499.00' ? 'o2' : 'o1' };
    await stores.macros.getState().run('refund');
    expect(stores.macros.getState().asking!.values.amount).toBe(byDefault === '499.00' ? '250.00' : '499.00');
    await stores.macros.getState().confirmInputs(stores.macros.getState().asking!.values);
    expect(stores.drafts.getState().drafts.t1?.body).toContain(selected.id === 'o2' ? 'ORD-2000002' : 'ORD-1000001');
  });

  it('acts on the chat on screen when its key comes before the chat’s details have loaded, instead of refusing', async () => {
    const chat2 = swedishChat('t2');
    chat2.ticket.category = 'other';
    const { api, stores } = await setup({ details: { t1: swedishChat('t1'), t2: chat2 } });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    api.handle('tickets:get', async () => {
      await gate;
      return ok(chat2);
    });
    stores.tickets.getState().select('t2');
    const opening = stores.conversation.getState().open('t2');
    expect(stores.conversation.getState().detail?.ticket.id).not.toBe('t2'); // its details are on their way

    const ran = stores.macros.getState().runSlot(1); // Ctrl+Shift+1 on the chat now on screen
    await flush();
    expect(stores.macros.getState().problem).toBeNull();
    release();
    await opening;
    expect(await ran).toBeNull();
    // The general ("Other") chat's first macro, not the refund chat's; its reply is in t2's composer.
    expect(stores.drafts.getState().drafts.t2?.body).toBe('Bye Anna');
    expect(stores.macros.getState().problem).toBeNull();
  });

  it('puts the reply in the composer in the chat’s language, and holds every other step until it is sent', async () => {
    const { stores, pushed, draft } = await setup();
    await stores.macros.getState().run('refund');
    expect(await stores.macros.getState().confirmInputs({ amount: '450' })).toBeNull();
    expect(nbsp(draft()?.body)).toBe('Hej Anna! Vi återbetalar 450,00 kr för ⟦order number⟧.');
    expect(draft()?.mode).toBe('reply');
    expect(stores.ui.getState().focusRequest?.pane).toBe('composer');
    const run = stores.macros.getState().runs.t1!;
    expect(run).toMatchObject({ phase: 'waiting', did: ['reply'], held: [{ type: 'addNote' }, { type: 'setPriority' }, { type: 'resolve' }, { type: 'nextChat' }] });
    expect(pushed()).toEqual([]);
  });

  it('pushes the held steps in order once the reply is sent, resolves and opens the next chat that needs a reply', async () => {
    const { stores, pushed } = await setup();
    await stores.macros.getState().run('refund');
    await stores.macros.getState().confirmInputs({ amount: '450' });
    // The composer sends the reply, then tells the macros.
    await stores.conversation.getState().send('Hej Anna! Vi återbetalar 450,00 kr för ORD-1.', 'reply');
    await stores.macros.getState().replySent('t1');
    expect(pushed().map((c) => [c.channel, 'kind' in c ? c.kind : null])).toEqual([
      ['messages:send', 'reply'],
      ['messages:send', 'note'],
      ['actions:run', 'ticket.setPriority'],
      ['actions:run', 'ticket.setStatus'],
    ]);
    expect(nbsp((pushed()[1] as { body?: string }).body)).toBe('Refund 450,00 kr confirmed');
    expect(pushed()[3]).toMatchObject({ ticketId: 't1', status: 'resolved' });
    expect(stores.tickets.getState().selectedId).toBe('t2');
    expect(stores.macros.getState().runs.t1).toMatchObject({ phase: 'done', held: [], nextTicketId: 't2', applied: ['note added', 'priority Low', 'resolved', 'next chat opened'], did: ['reply sent'] });
    expect(stores.macros.getState().undo('t1')).toBe(false);
  });

  it('undoes exactly before the reply is sent: the composer as it was, nothing pushed, ever', async () => {
    const { stores, pushed, draft } = await setup();
    stores.drafts.getState().edit('t1', 'Hej! Ett ögonblick.');
    stores.drafts.getState().setMode('t1', 'note');
    await stores.macros.getState().run('paused');
    expect(draft()?.body).toBe('Hej! Ett ögonblick.\n\nDin retur är registrerad, Anna.');
    expect(draft()?.mode).toBe('reply');
    expect(stores.macros.getState().undo('t1')).toBe(true);
    expect(draft()).toMatchObject({ body: 'Hej! Ett ögonblick.', mode: 'note' });
    expect(stores.macros.getState().runs.t1).toBeUndefined();
    await stores.macros.getState().replySent('t1');
    expect(pushed()).toEqual([]);
  });

  it('binds Ctrl+Shift+N to the chat’s category first, then the general macros', async () => {
    const { stores, draft } = await setup();
    await stores.macros.getState().runSlot(3); // refund, paused, close, lower
    expect(draft()?.body).toBe('Bye Anna');
    expect(await stores.macros.getState().runSlot(9)).toBe('No macro on key 9 for this chat.');
    expect(stores.macros.getState().problem).toEqual({ ticketId: 't1', message: 'No macro on key 9 for this chat.' });
  });

  it('replaces a macro whose reply is not sent yet when another one runs', async () => {
    const { stores, draft } = await setup();
    await stores.macros.getState().run('paused');
    await stores.macros.getState().run('close');
    expect(draft()?.body).toBe('Bye Anna');
    expect(stores.macros.getState().runs.t1?.macroId).toBe('close');
  });

  it('applies a macro without a reply at once', async () => {
    const { stores, pushed } = await setup();
    await stores.macros.getState().run('lower');
    expect(pushed()).toEqual([{ channel: 'actions:run', kind: 'ticket.setPriority', ticketId: 't1', priority: 'low' }]);
    expect(stores.macros.getState().runs.t1?.phase).toBe('done');
  });

  it('stops at a step that fails, says which, and Retry goes on from it', async () => {
    const { api, stores, pushed } = await setup();
    await stores.macros.getState().run('refund');
    await stores.macros.getState().confirmInputs({ amount: '450' });
    api.handle('actions:run', () => fail('cache_error', 'The disk is full.'));
    await stores.macros.getState().replySent('t1');
    expect(stores.macros.getState().runs.t1).toMatchObject({ phase: 'failed', error: { message: 'The disk is full.' }, applied: ['note added'] });
    expect(stores.macros.getState().runs.t1?.held.map((s) => s.type)).toEqual(['setPriority', 'resolve', 'nextChat']);
    expect(stores.tickets.getState().selectedId).toBe('t1');
    api.handle('actions:run', () => ok({ clientMsgId: 'x' }));
    await stores.macros.getState().retry('t1');
    expect(stores.macros.getState().runs.t1?.phase).toBe('done');
    expect(pushed().filter((c) => c.channel === 'messages:send' && 'kind' in c && c.kind === 'note')).toHaveLength(1);
    expect(stores.tickets.getState().selectedId).toBe('t2');
  });

  it('refuses a chat that is not the agent’s, and says why', async () => {
    const { stores } = await setup({ details: { t1: { ...swedishChat('t1'), ticket: { ...swedishChat('t1').ticket, assigneeId: 'someone-else' } } } });
    expect(await stores.macros.getState().run('close')).toMatch(/not yours/);
    expect(stores.macros.getState().runs).toEqual({});
  });

  it('does not move an agent who already went to another chat before the steps went', async () => {
    const { stores } = await setup();
    await stores.macros.getState().run('refund');
    await stores.macros.getState().confirmInputs({ amount: '450' });
    stores.tickets.getState().select('t3');
    await stores.macros.getState().replySent('t1');
    expect(stores.tickets.getState().selectedId).toBe('t3');
    expect(stores.macros.getState().runs.t1?.applied.at(-1)).toBe('next chat skipped (you had moved on)');
  });

  it('says so when the macros can’t be read', async () => {
    const { api, stores } = await setup();
    stores.macros.getState().reset();
    api.handle('macros:list', () => fail('not_signed_in', 'Sign in first.'));
    expect(await stores.macros.getState().runSlot(1)).toBe('Macros are not available: Sign in first.');
  });

  it('forgets runs and macros on reset', async () => {
    const { stores } = await setup();
    await stores.macros.getState().run('close');
    stores.macros.getState().reset();
    expect(stores.macros.getState()).toMatchObject({ macros: null, runs: {}, asking: null });
    await flush();
  });
});

describe('next chat that needs a reply', () => {
  it('picks the least SLA time left, then the longest wait, never the chat it comes from', () => {
    const rows = [
      summary('a', { waitingSince: '2026-05-01T10:00:00Z', replyDueAt: '2026-05-01T10:09:00Z' }),
      summary('b', { waitingSince: '2026-05-01T10:02:00Z', replyDueAt: '2026-05-01T10:04:00Z' }),
      summary('c', { status: 'pending', waitingSince: '2026-05-01T09:00:00Z', replyDueAt: '2026-05-01T09:01:00Z' }),
      summary('d', { waitingSince: null }),
      summary('e', { status: 'queued', waitingSince: '2026-05-01T09:30:00Z', replyDueAt: null }),
    ];
    expect(nextNeedingReply(rows, null)?.id).toBe('b');
    expect(nextNeedingReply(rows, 'b')?.id).toBe('a');
    expect(nextNeedingReply(rows.filter((r) => r.id !== 'a'), 'b')?.id).toBe('e');
    expect(nextNeedingReply([rows[2]!, rows[3]!], null)).toBeNull();
  });

  it('selects it in the tickets store, or leaves the selection when none waits', async () => {
    const { stores } = await setup();
    expect(goToNextNeedingReply(stores)).toBe('t2');
    expect(stores.tickets.getState().selectedId).toBe('t2');
    expect(goToNextNeedingReply(stores)).toBeNull();
    expect(stores.tickets.getState().selectedId).toBe('t2');
  });

  it('words pushed steps in the past', () => {
    expect(doneWords({ type: 'escalate', to: 'senior', reason: 'x' })).toBe('escalated to a senior agent');
    expect(doneWords({ type: 'transfer', agentId: null, note: null })).toBe('back in the queue');
  });
});
