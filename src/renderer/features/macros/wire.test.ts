/** Macros in the keymap, the palette and bootstrap: keys by chat category, entries with their keys. */
import { describe, expect, it } from 'vitest';
import type { SessionState } from '../../../shared/api/contract';
import type { AgentRow, Macro } from '../../../shared/domain';
import { commandAvailability, runCommand } from '../../app/commands';
import { COMMANDS, DEFAULT_KEYMAP, findConflict, matchShortcut } from '../../app/keymap';
import { createStores } from '../../app/stores';
import { commandItems } from '../palette/palette-entries';
import { createFakeApi, detail, flush, ok } from '../../testing/fake-api';
import { macroPaletteItems, wireMacros } from './wire';

const agent: AgentRow = { id: 'agent-1', email: 'a@b', name: 'Maja', role: 'agent', tier: 1, regions: ['se'], capacity: 8, presence: 'available', presenceReason: null };
const session: SessionState = { serverUrl: 'http://x', agent, signedIn: true };
const m = (id: string, category: Macro['category'], position: number, over: Partial<Macro> = {}): Macro => ({
  id, category, title: `Macro ${id}`, position, steps: [{ type: 'setPriority', priority: 'low' }], inputs: [], unsupported: null, version: 1, ...over,
});
const MACROS = [m('o1', 'other', 0), m('pd1', 'payment_delay', 0), m('rr1', 'refund_return', 0), m('pd2', 'payment_delay', 1), m('new', 'payment_delay', 2, { unsupported: 'Needs a newer Agent Desk.' })];

function setup() {
  const api = createFakeApi({ 'macros:list': () => ok(MACROS), 'actions:run': () => ok({ clientMsgId: 'a' }) });
  const stores = createStores(api);
  const off = wireMacros(stores);
  return { api, stores, off };
}
const key = (digit: number, over: Partial<KeyboardEvent> = {}) => ({ key: String(digit), code: `Digit${digit}`, ctrlKey: true, metaKey: false, shiftKey: true, altKey: false, ...over });

describe('macro keys', () => {
  it('are Ctrl/Cmd+Shift+1…9 by the physical key (a German Shift+1 types “!”), free of conflicts, in help but not among palette commands', () => {
    expect(matchShortcut(key(1, { key: '!' }), true, DEFAULT_KEYMAP, ['global'])).toBe('runMacro1');
    expect(matchShortcut(key(9, { key: ')' }), false, DEFAULT_KEYMAP, ['global'])).toBe('runMacro9');
    expect(matchShortcut(key(1, { shiftKey: false }), false, DEFAULT_KEYMAP, ['global'])).not.toBe('runMacro1');
    for (let n = 1; n <= 9; n++) expect(findConflict(DEFAULT_KEYMAP, `runMacro${n}` as 'runMacro1', `Mod+Shift+Digit${n}`)).toBeNull();
    expect(COMMANDS.runMacro1.group).toBe('Macros');
    const { stores } = setup();
    expect(commandItems(stores).map((c) => c.id)).not.toContain('runMacro1');
    expect(commandItems(stores).map((c) => c.id)).toContain('undoMacro');
  });

  it('run the open chat’s macros, its category first; without a chat they say why and let the key be', async () => {
    const { api, stores } = setup();
    stores.session.getState().apply(session);
    await flush();
    expect(commandAvailability(stores, 'runMacro1')).toBe('Open a chat first');
    expect(runCommand(stores, 'runMacro1')).toBe(false);
    stores.conversation.setState({ ticketId: 't1', detail: detail('t1', { category: 'payment_delay', assigneeId: agent.id }) });
    expect(commandAvailability(stores, 'runMacro3')).toBeNull();
    expect(commandAvailability(stores, 'runMacro4')).toBe('No macro on this key for this chat');
    expect(runCommand(stores, 'runMacro2')).toBe(true);
    await flush();
    expect(api.callsTo('actions:run')).toEqual([{ kind: 'ticket.setPriority', ticketId: 't1', priority: 'low' }]);
    expect(stores.macros.getState().runs.t1?.macroId).toBe('pd2');
  });
});

describe('the palette’s Macros', () => {
  it('lists this chat’s macros first with their keys, then the rest; unsupported and chat-less ones disabled', async () => {
    const { stores } = setup();
    stores.session.getState().apply(session);
    await flush();
    expect(stores.palette.getState().sources.map((s) => s.id)).toContain('macros');
    expect(macroPaletteItems(stores).every((i) => i.disabled === 'Open a chat to run a macro')).toBe(true);
    stores.conversation.setState({ ticketId: 't1', detail: detail('t1', { category: 'payment_delay', assigneeId: agent.id }) });
    const items = macroPaletteItems(stores);
    expect(items.map((i) => [i.id, i.shortcut ?? null, i.disabled ?? null])).toEqual([
      ['pd1', 'runMacro1', null],
      ['pd2', 'runMacro2', null],
      ['o1', 'runMacro3', null],
      ['new', null, 'Needs a newer Agent Desk.'],
      ['rr1', null, null],
    ]);
    expect(items[0]!.detail).toBe('Payment delay');
    expect(items[0]!.keywords).toContain('priority Low');
  });

  it('loads on sign-in and when the palette opens, and forgets on sign-out', async () => {
    const { api, stores, off } = setup();
    stores.session.getState().apply(session);
    await flush();
    expect(stores.macros.getState().macros).toHaveLength(5);
    stores.ui.getState().openOverlay('palette');
    await flush();
    expect(api.callsTo('macros:list')).toHaveLength(2);
    stores.session.getState().apply({ ...session, agent: null, signedIn: false });
    expect(stores.macros.getState().macros).toBeNull();
    off();
    expect(stores.palette.getState().sources.map((s) => s.id)).not.toContain('macros');
  });
});

describe('a macro that resolves', () => {
  it('closes its chat’s tab when done, as resolving by hand does; one that does not resolve leaves it', async () => {
    const { stores } = setup();
    stores.session.getState().apply(session);
    await flush();
    const tabs = stores.tabs;
    tabs.getState().open('t1');
    tabs.getState().open('t2');
    const done = { macroId: '', title: '', phase: 'done' as const, did: [], held: [], applied: [], before: { body: '', mode: 'reply' as const }, fill: {} as never, error: null };
    stores.macros.setState({ macros: [...MACROS, m('res', 'payment_delay', 3, { steps: [{ type: 'resolve' }, { type: 'nextChat' }] })] });
    stores.macros.setState((s) => ({ runs: { ...s.runs, t2: { ...done, ticketId: 't2', macroId: 'pd1' } } }));
    expect(tabs.getState().tabs.map((t) => t.ticketId)).toEqual(['t1', 't2']);
    stores.macros.setState((s) => ({ runs: { ...s.runs, t1: { ...done, ticketId: 't1', macroId: 'res', nextTicketId: 't2' } } }));
    expect(tabs.getState().tabs.map((t) => t.ticketId)).toEqual(['t2']);
    expect(tabs.getState().activeId).toBe('t2');
  });
});
