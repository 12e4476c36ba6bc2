import { describe, expect, it } from 'vitest';
import { MacroInput, MacroRow, MacroStep, type Macro, type TicketRow } from './domain';
import {
  addDays,
  describeStep,
  fillMacroReply,
  fillMacroText,
  formatInputValue,
  inputProblem,
  legacyFields,
  legacySteps,
  macroFromRow,
  macroProblems,
  macroSlots,
  parseDateInput,
  parseMoney,
  prefillValue,
  todayIn,
  type MacroFill,
} from './macros';
import { EMPTY_CONTEXT, formattingFor, type TemplateContext } from './templates';

const step = (s: unknown) => MacroStep.parse(s);
const input = (i: unknown) => MacroInput.parse(i);

const ctx: TemplateContext = {
  ...EMPTY_CONTEXT,
  customer: {
    id: 'c1', name: 'Anna Lind', email: 'a@example.com', phone: '', locale: 'sv-SE', timeZone: 'Europe/Stockholm', regionId: 'se', country: 'SE', currency: 'SEK',
    device: null, riskFlags: [], createdAt: '2025-01-01T00:00:00Z', identity: 'verified', version: 1,
  },
  ticket: { reference: 'K7QP-M2XD', category: 'refund_return' } as Pick<TicketRow, 'reference' | 'category'>,
  return: { id: 'r1', orderId: 'o1', customerId: 'c1', status: 'received', reason: 'Too small', refundAmountMinor: 129_900, currency: 'SEK', refundDate: '2026-03-06', createdAt: '2026-03-01T10:00:00Z', version: 1 },
};

describe('reading macro rows', () => {
  it('reads a row from before steps as its reply, priority and status', () => {
    const row = MacroRow.parse({ id: 'm1', category: 'other', title: 'Close', replyBody: 'Bye {{customer.firstName}}', setStatus: 'resolved', setPriority: 'low', version: 3 });
    const macro = macroFromRow(row);
    expect(macro.steps).toEqual([{ type: 'insertReply', text: { en: 'Bye {{customer.firstName}}' } }, { type: 'setPriority', priority: 'low' }, { type: 'resolve' }]);
    expect(macro).toMatchObject({ inputs: [], position: 0, unsupported: null, version: 3 });
    expect(legacySteps({ replyBody: null, setPriority: null, setStatus: 'pending' })).toEqual([{ type: 'setStatus', status: 'pending' }]);
  });

  it('keeps a pull working when a newer server sends a step it does not know, and marks the macro', () => {
    const row = MacroRow.parse({
      id: 'm2', category: 'payment_delay', title: 'New', replyBody: null, setStatus: null, setPriority: null, version: 1,
      steps: [{ type: 'setPriority', priority: 'high' }, { type: 'sendPaymentLink', amount: 5 }],
      inputs: [{ key: 'x', label: 'X', type: 'colour' }],
    });
    const macro = macroFromRow(row);
    expect(macro.steps).toEqual([{ type: 'setPriority', priority: 'high' }]);
    expect(macro.unsupported).toMatch(/newer Agent Desk.*sendPaymentLink/);
    expect(macroSlots([macro], 'payment_delay')).toEqual([]);
  });

  it('fills the first model’s fields from steps, leaving out a reply that needs an input', () => {
    const body = (s: string) => (s === 'pd-found' ? 'Found it' : null);
    expect(legacyFields([step({ type: 'insertCannedReply', shortcut: 'pd-found' }), step({ type: 'setPriority', priority: 'high' }), step({ type: 'resolve' })], body)).toEqual({
      replyBody: 'Found it', setStatus: 'resolved', setPriority: 'high',
    });
    expect(legacyFields([step({ type: 'insertReply', text: { en: 'Refunding {{input.amount}}' } })], body).replyBody).toBeNull();
  });
});

describe('checking macros', () => {
  const shortcuts = new Map([['en', new Set(['pd-found'])], ['sv', new Set(['pd-found'])], ['de', new Set<string>()]] as const);
  it.each<[string, unknown[], unknown[], RegExp]>([
    ['no steps', [], [], /no steps/],
    ['two replies', [{ type: 'insertReply', text: { en: 'a' } }, { type: 'insertReply', text: { en: 'b' } }], [], /more than one reply/],
    ['a step after resolve', [{ type: 'resolve' }, { type: 'addNote', body: 'x' }], [], /ends the chat; only nextChat/],
    ['a step after escalate', [{ type: 'escalate', to: 'senior', reason: 'x' }, { type: 'setPriority', priority: 'low' }], [], /ends the chat/],
    ['nextChat not last', [{ type: 'nextChat' }, { type: 'addNote', body: 'x' }], [], /nextChat must be the last/],
    ['an unknown variable', [{ type: 'addNote', body: '{{customer.iban}}' }], [], /unknown variable \{\{customer.iban\}\}/],
    ['an undeclared input', [{ type: 'insertReply', text: { en: '{{input.amount}}' } }], [], /not an input/],
    ['an unused input', [{ type: 'resolve' }], [{ key: 'amount', label: 'Amount', type: 'money' }], /never used/],
    ['a money input from a date', [{ type: 'addNote', body: '{{input.a}}' }], [{ key: 'a', label: 'A', type: 'money', prefill: { from: 'today' } }], /money but starts from today/],
    ['a reply missing in a language', [{ type: 'insertCannedReply', shortcut: 'pd-found' }], [], /no canned reply \/pd-found in de/],
    ['neither shortcut nor id', [{ type: 'insertCannedReply' }], [], /either a canned shortcut or a reply id/],
  ])('refuses %s', (_name, steps, inputs, problem) => {
    expect(macroProblems({ steps: steps.map(step), inputs: inputs.map(input) }, { cannedShortcuts: shortcuts }).join('\n')).toMatch(problem);
  });

  it('accepts a macro with an input, a note, resolve and next chat', () => {
    const steps = [{ type: 'insertReply', text: { en: 'Refund of {{input.amount}}', sv: 'Återbetalning {{input.amount}}' } }, { type: 'addNote', body: '{{input.amount}} for {{order.number}}' }, { type: 'resolve' }, { type: 'nextChat' }];
    expect(macroProblems({ steps: steps.map(step), inputs: [input({ key: 'amount', label: 'Refund amount', type: 'money', prefill: { from: 'return.refundAmount' } })] })).toEqual([]);
  });
});

describe('inputs', () => {
  it.each<[string, string, number | null]>([
    ['25', 'SEK', 2500],
    ['49.99', 'EUR', 4999],
    ['49,99', 'EUR', 4999],
    ['1 299,00 kr', 'SEK', 129_900],
    ['1\u00a0299,5', 'SEK', 129_950],
    ['1,299.00', 'USD', 129_900],
    ['1.299,00 €', 'EUR', 129_900],
    ['1,299', 'USD', 129_900],
    ['1.299.000', 'EUR', 129_900_000],
    ['$12', 'USD', 1200],
    ['500', 'JPY', 500],
    ['0', 'EUR', null],
    ['12.345', 'EUR', 1_234_500],
    ['1,2,3', 'EUR', null],
    ['4.999,9.9', 'EUR', null],
    ['abc', 'EUR', null],
    ['', 'EUR', null],
  ])('reads the amount %j (%s)', (text, currency, minor) => {
    expect(parseMoney(text, currency)).toBe(minor);
  });

  it.each<[string, string | null]>([
    ['2026-03-09', '2026-03-09'],
    ['2026-02-30', null],
    ['9.3.', '2026-03-09'],
    ['9.3.2027', '2027-03-09'],
    ['09.03.27', '2027-03-09'],
    ['+3', '2026-03-07'],
    ['+ 14', '2026-03-18'],
    ['3/9', null],
    ['next week', null],
  ])('reads the date %j', (text, day) => {
    expect(parseDateInput(text, '2026-03-04')).toBe(day);
  });

  it('adds calendar and business days, and knows today in the customer’s zone', () => {
    expect(addDays('2026-03-06', 3)).toBe('2026-03-09');
    expect(addDays('2026-03-06', 3, true)).toBe('2026-03-11'); // Fri + 3 business days = Wed
    expect(addDays('2026-03-09', -1, true)).toBe('2026-03-06');
    expect(todayIn('Australia/Sydney', new Date('2026-03-04T20:00:00Z'))).toBe('2026-03-05');
    expect(todayIn('Not/AZone', new Date('2026-03-04T20:00:00Z'))).toBe('2026-03-04');
  });

  it('starts a field from the chat’s records or from today', () => {
    expect(prefillValue(input({ key: 'a', label: 'A', type: 'money', prefill: { from: 'return.refundAmount' } }), ctx, '2026-03-04')).toBe('1299.00');
    expect(prefillValue(input({ key: 'd', label: 'D', type: 'date', prefill: { from: 'today', addDays: 3, businessDays: true } }), ctx, '2026-03-06')).toBe('2026-03-11');
    expect(prefillValue(input({ key: 'd', label: 'D', type: 'date', prefill: { from: 'installment.dueDate', addDays: 14 } }), ctx, '2026-03-06')).toBe('');
    expect(prefillValue(input({ key: 't', label: 'T', type: 'text' }), ctx, '2026-03-06')).toBe('');
  });

  it('says what is wrong with a value, and formats a good one for the customer', () => {
    const money = input({ key: 'amount', label: 'Refund amount', type: 'money' });
    const date = input({ key: 'when', label: 'Expected by', type: 'date' });
    expect(inputProblem(money, '', 'SEK', '2026-03-04')).toBe('Enter the refund amount.');
    expect(inputProblem(money, 'lots', 'SEK', '2026-03-04')).toMatch(/amount, like 25/);
    expect(inputProblem(date, '31.2.', 'SEK', '2026-03-04')).toMatch(/date, like/);
    expect(inputProblem(date, '+2', 'SEK', '2026-03-04')).toBeNull();
    const f = formattingFor(ctx.customer, 'sv');
    expect(formatInputValue(money, '1299', ctx, f, '2026-03-04')?.replace(/\s/g, ' ')).toBe('1 299,00 kr');
    expect(formatInputValue(date, '+5', ctx, f, '2026-03-04')).toBe('9 mars 2026');
    expect(formatInputValue(date, 'soon', ctx, f, '2026-03-04')).toBeNull();
  });
});

describe('filling macro templates', () => {
  const inputs = [input({ key: 'amount', label: 'Refund amount', type: 'money' })];
  const fill = (values: Record<string, string>, language: 'en' | 'sv' = 'en'): MacroFill => ({ ctx, formatting: formattingFor(ctx.customer, language), inputs, values, today: '2026-03-04' });

  it('puts the inputs and the chat’s values in, and leaves a prompt for what is missing', () => {
    const out = fillMacroReply('Hi {{customer.firstName}}, we refund {{input.amount}} for {{order.number}}.', fill({ amount: '49,5' }));
    expect(out.text.replace(/\s/g, ' ')).toBe('Hi Anna, we refund 49,50 kr for ⟦order number⟧.') // en-SE;
    expect(out.prompts.map((p) => p.label)).toEqual(['order number']);
    expect(fillMacroReply('{{input.amount}}', fill({ amount: 'x' })).text).toBe('⟦refund amount⟧');
  });

  it('writes notes with fallbacks, and keeps a prompt as text when there is none', () => {
    expect(fillMacroText('Refund {{input.amount}} for {{order.number | "the order"}}', fill({ amount: '10' }, 'sv')).replace(/\s/g, ' ')).toBe('Refund 10,00 kr for the order');
    expect(fillMacroText('For {{order.number}}', fill({}))).toBe('For ⟦order number⟧');
  });
});

describe('slots and words', () => {
  const m = (id: string, category: Macro['category'], position: number): Macro => ({ id, category, title: id, position, steps: [{ type: 'resolve' }], inputs: [], unsupported: null, version: 1 });
  const all = [m('o1', 'other', 0), m('pd2', 'payment_delay', 1), m('pd1', 'payment_delay', 0), m('rr1', 'refund_return', 0), m('o2', 'other', 1)];

  it('gives the chat’s category the first keys, then the general macros', () => {
    expect(macroSlots(all, 'payment_delay').map((x) => x.id)).toEqual(['pd1', 'pd2', 'o1', 'o2']);
    expect(macroSlots(all, 'other').map((x) => x.id)).toEqual(['o1', 'o2']);
    expect(macroSlots(all, null).map((x) => x.id)).toEqual(['o1', 'o2']);
    const many = Array.from({ length: 12 }, (_, i) => m(`pd${i}`, 'payment_delay', i));
    expect(macroSlots(many, 'payment_delay')).toHaveLength(9);
  });

  it('describes steps in a few words', () => {
    expect(describeStep(step({ type: 'insertCannedReply', shortcut: 'pd-found' }), { reply: 'Payment found' })).toBe('reply “Payment found”');
    expect(describeStep(step({ type: 'setCategory', category: 'refund_return' }))).toBe('category Refund / return');
    expect(describeStep(step({ type: 'setStatus', status: 'pending' }))).toBe('status Waiting on customer');
    expect(describeStep(step({ type: 'transfer', agentId: null }))).toBe('back to the queue');
    expect(describeStep(step({ type: 'transfer', agentId: 'a2' }), { agent: () => 'Jonas' })).toBe('transfer to Jonas');
    expect(describeStep(step({ type: 'escalate', to: 'supervisor', reason: 'x' }))).toBe('escalate to a supervisor');
  });
});
