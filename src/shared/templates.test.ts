import { describe, expect, it } from 'vitest';
import type { CustomerContext } from './api/contract';
import type { Category, CustomerRow, InstallmentRow, OrderRow, ReturnRow, TransactionRow } from './domain';
import {
  EMPTY_CONTEXT,
  VARIABLE_PATHS,
  buildTemplateContext,
  composeText,
  fillPromptsWithFallbacks,
  findPrompts,
  formatLocaleFor,
  formatTemplateDate,
  formattingFor,
  hasPrompts,
  languageForLocale,
  parseTemplate,
  renderTemplate,
  selectFocus,
  textWithFallbacks,
  unknownVariables,
  type TemplateContext,
} from './templates';

// Intl writes some spaces as U+00A0 / U+202F; compare with plain spaces.
const plain = (s: string | null) => s?.replace(/[\u00a0\u202f]/g, ' ') ?? null;

function customer(locale: string, timeZone: string, currency: string, over: Partial<CustomerRow> = {}): CustomerRow {
  return {
    id: 'c1', name: 'Anna Maria Lind', email: 'a@example.com', phone: '', locale, timeZone, regionId: 'r', country: locale.slice(-2), currency,
    device: null, riskFlags: [], createdAt: '2025-01-01T00:00:00Z', identity: 'verified', version: 1, ...over,
  };
}
const order = (id: string, over: Partial<OrderRow> = {}): OrderRow => ({
  id, customerId: 'c1', orderNumber: `ORD-${id}`, merchant: `Store ${id}`, items: [], totalMinor: 129_900, currency: 'SEK', plan: 'pay_in_4', status: 'active',
  placedAt: '2026-02-01T10:00:00Z', returnWindowEndsAt: '2026-03-03T23:30:00Z', version: 1, ...over,
});
const inst = (id: string, orderId: string, number: number, dueDate: string, status: InstallmentRow['status'], over: Partial<InstallmentRow> = {}): InstallmentRow => ({
  id, orderId, customerId: 'c1', number, dueDate, amountMinor: 32_475, currency: 'SEK', status, paidAt: null, lateFeeMinor: 0, version: 1, ...over,
});
const tx = (id: string, createdAt: string, over: Partial<TransactionRow> = {}): TransactionRow => ({
  id, customerId: 'c1', orderId: null, installmentId: null, kind: 'payment', status: 'settled', amountMinor: 32_475, currency: 'SEK', reference: `TX-${id}`,
  rail: 'card', failureReason: null, createdAt, settledAt: null, version: 1, ...over,
});
const ret = (id: string, orderId: string, status: ReturnRow['status'], createdAt: string, over: Partial<ReturnRow> = {}): ReturnRow => ({
  id, orderId, customerId: 'c1', status, reason: 'too small', refundAmountMinor: 49_900, currency: 'SEK', refundDate: null, createdAt, version: 1, ...over,
});
const world = (over: Partial<CustomerContext> = {}): CustomerContext => ({
  customer: null, account: null, paymentMethods: [], orders: [], installments: [], transactions: [], returns: [], ...over,
});

const fill = (src: string, ctx: Partial<TemplateContext>, language: 'en' | 'sv' | 'de' = 'en') => {
  const c = { ...EMPTY_CONTEXT, ...ctx };
  return renderTemplate(src, c, formattingFor(c.customer, language));
};
const filledText = (src: string, ctx: Partial<TemplateContext>, language: 'en' | 'sv' | 'de' = 'en') => plain(textWithFallbacks(fill(src, ctx, language)));

describe('parseTemplate', () => {
  it.each([
    ['no variables', 'Hello there.', [{ kind: 'text', text: 'Hello there.' }]],
    ['one variable', 'Hi {{customer.firstName}}!', [{ kind: 'text', text: 'Hi ' }, { kind: 'variable', path: 'customer.firstName', fallback: null }, { kind: 'text', text: '!' }]],
    ['spaces inside', '{{  order.number  }}', [{ kind: 'variable', path: 'order.number', fallback: null }]],
    ['a fallback', '{{installment.dueDate | "soon"}}', [{ kind: 'variable', path: 'installment.dueDate', fallback: 'soon' }]],
    ['an empty fallback', '{{customer.firstName|""}}', [{ kind: 'variable', path: 'customer.firstName', fallback: '' }]],
    ['escaped quotes in a fallback', '{{a.b | "say \\"hi\\" \\\\ ok"}}', [{ kind: 'variable', path: 'a.b', fallback: 'say "hi" \\ ok' }]],
    ['braces inside a fallback', '{{a | "x }} y"}}', [{ kind: 'variable', path: 'a', fallback: 'x }} y' }]],
    ['triple braces', '{{{customer.name}}}', [{ kind: 'text', text: '{' }, { kind: 'variable', path: 'customer.name', fallback: null }, { kind: 'text', text: '}' }]],
    ['nested braces stay text', '{{ {{customer.name}} }}', [{ kind: 'text', text: '{{ ' }, { kind: 'variable', path: 'customer.name', fallback: null }, { kind: 'text', text: ' }}' }]],
    ['unclosed', 'Hi {{customer.firstName', [{ kind: 'text', text: 'Hi {{customer.firstName' }]],
    ['single braces', '{customer.firstName}', [{ kind: 'text', text: '{customer.firstName}' }]],
    ['an empty variable', '{{}} and {{ }}', [{ kind: 'text', text: '{{}} and {{ }}' }]],
    ['a path with a space', '{{customer first}}', [{ kind: 'text', text: '{{customer first}}' }]],
    ['a trailing dot', '{{customer.}}', [{ kind: 'text', text: '{{customer.}}' }]],
    ['an unquoted fallback', '{{a | b}}', [{ kind: 'text', text: '{{a | b}}' }]],
    ['an unterminated fallback', '{{a | "b}}', [{ kind: 'text', text: '{{a | "b}}' }]],
    ['a newline inside', '{{customer.\nname}}', [{ kind: 'text', text: '{{customer.\nname}}' }]],
    ['adjacent variables', '{{a}}{{b}}', [{ kind: 'variable', path: 'a', fallback: null }, { kind: 'variable', path: 'b', fallback: null }]],
    ['a bracket of the prompt kind', '⟦x⟧ {{a}}', [{ kind: 'text', text: '⟦x⟧ ' }, { kind: 'variable', path: 'a', fallback: null }]],
  ])('%s', (_name, src, expected) => {
    expect(parseTemplate(src).map((p) => (p.kind === 'variable' ? { kind: p.kind, path: p.path, fallback: p.fallback } : p))).toEqual(expected);
  });

  it('keeps the source text of a variable', () => {
    expect(parseTemplate('x {{ a | "b" }} y')[1]).toEqual({ kind: 'variable', path: 'a', fallback: 'b', raw: '{{ a | "b" }}' });
  });

  it('stays fast on hostile input', () => {
    const evil = '{{'.repeat(5000) + 'a'.repeat(5000) + ' | "' + '\\'.repeat(3000);
    const t0 = performance.now();
    parseTemplate(evil);
    parseTemplate('{{' + 'a.'.repeat(4000) + '}}');
    expect(performance.now() - t0).toBeLessThan(500);
    expect(parseTemplate('x'.repeat(30_000))).toEqual([{ kind: 'text', text: 'x'.repeat(30_000) }]);
  });

  it('finds unknown variables', () => {
    expect(unknownVariables('{{customer.firstName}} {{customer.fristName}} {{constructor}} {{__proto__.polluted}}')).toEqual([
      'customer.fristName',
      'constructor',
      '__proto__.polluted',
    ]);
  });
});

describe('renderTemplate', () => {
  const se = customer('sv-SE', 'Europe/Stockholm', 'SEK');
  const de = customer('de-DE', 'Europe/Berlin', 'EUR', { name: 'Jürgen Weiß' });
  const us = customer('en-US', 'America/New_York', 'USD', { name: 'Mary Smith' });
  const instSE = inst('i1', 'o1', 2, '2026-03-04', 'overdue', { amountMinor: 129_900 });
  const instDE = inst('i1', 'o1', 2, '2026-03-04', 'overdue', { amountMinor: 4_999, currency: 'EUR' });
  const instUS = inst('i1', 'o1', 2, '2026-03-04', 'overdue', { amountMinor: 4_999, currency: 'USD' });

  it.each([
    ['sv-SE money', se, instSE, 'sv', '{{installment.amount}}', '1 299,00 kr'],
    ['sv-SE date', se, instSE, 'sv', '{{installment.dueDate}}', '4 mars 2026'],
    ['de-DE money', de, instDE, 'de', '{{installment.amount}}', '49,99 €'],
    ['de-DE date', de, instDE, 'de', '{{installment.dueDate}}', '4. März 2026'],
    ['en-US money', us, instUS, 'en', '{{installment.amount}}', '$49.99'],
    ['en-US date', us, instUS, 'en', '{{installment.dueDate}}', 'March 4, 2026'],
    ['first name', se, instSE, 'sv', 'Hej {{customer.firstName}}!', 'Hej Anna!'],
    ['full name', de, instDE, 'de', '{{customer.name}}', 'Jürgen Weiß'],
    ['installment number', se, instSE, 'sv', 'delbetalning {{installment.number}}', 'delbetalning 2'],
    ['a Swedish customer in an English reply: English words, Swedish money', se, instSE, 'en', '{{installment.amount}} due {{installment.dueDate}}', '1 299,00 kr due 4 March 2026'],
  ] as const)('%s', (_name, cust, installment, language, src, expected) => {
    expect(filledText(src, { customer: cust, installment }, language)).toBe(expected);
  });

  it('shows an instant as the day in the customer\'s time zone', () => {
    // 23:30 UTC on 3 March is already 4 March in Stockholm, still 3 March in New York.
    const o = order('o1', { returnWindowEndsAt: '2026-03-03T23:30:00Z' });
    expect(filledText('{{order.returnWindowEnd}}', { customer: se, order: o }, 'sv')).toBe('4 mars 2026');
    expect(filledText('{{order.returnWindowEnd}}', { customer: us, order: o }, 'en')).toBe('March 3, 2026');
  });

  it('fills every catalogue variable from a full context', () => {
    const ctx: TemplateContext = {
      customer: se,
      agent: { name: 'Maja Lindqvist' },
      ticket: { reference: 'ABCD-EFGH', category: 'payment_delay' },
      account: { id: 'a', customerId: 'c1', status: 'active', verificationStatus: 'pending', verificationAttempts: 1, verificationFailureReason: null, spendingLimitMinor: 1_000_000, currency: 'SEK', version: 1 },
      order: order('o1'),
      installment: inst('i1', 'o1', 2, '2026-03-04', 'overdue', { lateFeeMinor: 3_500 }),
      transaction: tx('t1', '2026-03-01T09:00:00Z', { status: 'pending' }),
      return: ret('r1', 'o1', 'in_transit', '2026-02-20T10:00:00Z', { refundDate: '2026-03-10' }),
      paymentMethod: { id: 'p', customerId: 'c1', kind: 'card', brand: 'Visa', last4: '4242', expiry: null, isDefault: true, status: 'active', lastDeclineReason: null, version: 1 },
    };
    const values = Object.fromEntries(VARIABLE_PATHS.map((p) => [p, filledText(`{{${p}}}`, ctx, 'sv')]));
    expect(values).toEqual({
      'customer.firstName': 'Anna',
      'customer.name': 'Anna Maria Lind',
      'agent.firstName': 'Maja',
      'agent.name': 'Maja Lindqvist',
      'ticket.reference': 'ABCD-EFGH',
      'account.spendingLimit': '10 000,00 kr',
      'account.verificationStatus': 'under granskning',
      'order.number': 'ORD-o1',
      'order.merchant': 'Store o1',
      'order.total': '1 299,00 kr',
      'order.date': '1 februari 2026',
      'order.returnWindowEnd': '4 mars 2026',
      'installment.amount': '324,75 kr',
      'installment.dueDate': '4 mars 2026',
      'installment.number': '2',
      'installment.lateFee': '35,00 kr',
      'transaction.amount': '324,75 kr',
      'transaction.status': 'under behandling',
      'transaction.reference': 'TX-t1',
      'transaction.date': '1 mars 2026',
      'return.refundAmount': '499,00 kr',
      'return.refundDate': '10 mars 2026',
      'return.status': 'på väg tillbaka till butiken',
      'paymentMethod.brand': 'Visa',
      'paymentMethod.last4': '4242',
      'incident.errorCode': null, // never in the records: always a prompt
    });
    expect(filledText('{{transaction.status}} / {{return.status}}', ctx, 'de')).toBe('in Bearbeitung / auf dem Rückweg zum Händler');
    expect(filledText('{{account.verificationStatus}}', ctx, 'en')).toBe('in review');
  });

  it.each([
    ['no customer', '{{customer.firstName}}', {}],
    ['an empty name', '{{customer.firstName}}', { customer: customer('sv-SE', 'Europe/Stockholm', 'SEK', { name: '   ' }) }],
    ['no installment', '{{installment.dueDate}}', { customer: se }],
    ['no late fee', '{{installment.lateFee}}', { installment: instSE }],
    ['no refund date yet', '{{return.refundDate}}', { return: ret('r', 'o', 'requested', '2026-01-01T00:00:00Z') }],
    ['an unparseable date', '{{transaction.date}}', { transaction: tx('t', 'not a date') }],
    ['an unknown currency', '{{installment.amount}}', { installment: { ...instSE, currency: 'not-a-currency' } }],
    ['an unknown variable', '{{customer.shoeSize}}', { customer: se }],
  ] as const)('leaves a variable unresolved with %s', (_name, src, ctx) => {
    const [seg] = fill(src, ctx as Partial<TemplateContext>);
    expect(seg?.kind).toBe('unresolved');
  });

  it('uses the fallback for a missing value, and only then', () => {
    const src = 'Hi {{customer.firstName | "there"}}, due {{installment.dueDate | "on the date in the app"}}.';
    expect(filledText(src, {})).toBe('Hi there, due on the date in the app.');
    expect(filledText(src, { customer: us, installment: instUS })).toBe('Hi Mary, due March 4, 2026.');
    expect(fill(src, {})[1]).toEqual({ kind: 'unresolved', path: 'customer.firstName', label: 'first name', fallback: 'there', known: true });
    expect(textWithFallbacks(fill('Hi {{customer.firstName}}', {}))).toBeNull();
  });

  it.each(['constructor', '__proto__', 'prototype', 'toString', 'customer.constructor', '__proto__.polluted', 'hasOwnProperty', 'valueOf', 'customer.__proto__'])(
    'treats {{%s}} as an unknown variable, touching nothing',
    (path) => {
      const segs = fill(`{{${path}}}`, { customer: se });
      expect(segs).toEqual([{ kind: 'unresolved', path, label: path, fallback: null, known: false }]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );

  it('keeps customer-controlled values as plain text (no re-expansion)', () => {
    const sneaky = customer('en-US', 'America/New_York', 'USD', { name: '{{agent.name}} ⟦x⟧' });
    expect(filledText('{{customer.name}}', { customer: sneaky, agent: { name: 'Maja' } })).toBe('{{agent.name}} ⟦x⟧');
  });

  it('survives a bad time zone or locale on the customer', () => {
    const odd = customer('xx-invalid-@@', 'Mars/Olympus', 'SEK');
    expect(filledText('{{installment.dueDate}}', { customer: odd, installment: instSE })).toBe('4 March 2026');
    expect(filledText('{{transaction.date}}', { customer: odd, transaction: tx('t', '2026-03-01T09:00:00Z') })).toBe('1 March 2026');
  });
});

describe('languages and locales', () => {
  it.each([
    ['sv-SE', 'sv'], ['sv-FI', 'sv'], ['SV', 'sv'], ['de-DE', 'de'], ['de-AT', 'de'], ['de_CH', 'de'],
    ['en-US', 'en'], ['en-GB', 'en'], ['pl-PL', 'en'], ['', 'en'], [null, 'en'], [undefined, 'en'],
  ] as const)('%s → %s', (locale, lang) => expect(languageForLocale(locale)).toBe(lang));

  it.each([
    ['sv-SE', 'sv', 'sv-SE'], ['de-DE', 'de', 'de-DE'], ['en-US', 'en', 'en-US'],
    ['sv-SE', 'en', 'en-SE'], ['de-DE', 'en', 'en-DE'], ['en-US', 'de', 'de-US'],
    [null, 'sv', 'sv-SE'], [null, 'en', 'en-GB'], ['pl-PL', 'en', 'en-PL'],
  ] as const)('customer %s writing %s formats as %s', (locale, lang, expected) => expect(formatLocaleFor(locale, lang)).toBe(expected));

  it('formats calendar dates the same in every zone', () => {
    for (const tz of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC']) expect(formatTemplateDate('2026-12-31', 'en-GB', tz)).toBe('31 December 2026');
    expect(formatTemplateDate('', 'en-GB', 'UTC')).toBeNull();
    expect(formatTemplateDate(null, 'en-GB', 'UTC')).toBeNull();
  });
});

describe('selectFocus', () => {
  const o1 = order('o1', { placedAt: '2026-01-01T00:00:00Z' });
  const o2 = order('o2', { placedAt: '2026-02-01T00:00:00Z' });
  const o3 = order('o3', { placedAt: '2026-02-15T00:00:00Z', status: 'completed' });
  const installments = [
    inst('a1', 'o1', 1, '2026-01-15', 'paid'),
    inst('a2', 'o1', 2, '2026-02-15', 'overdue'),
    inst('a3', 'o1', 3, '2026-03-15', 'scheduled'),
    inst('b1', 'o2', 1, '2026-02-20', 'failed'),
    inst('b2', 'o2', 2, '2026-03-10', 'scheduled'),
  ];
  const transactions = [
    tx('t1', '2026-02-16T10:00:00Z', { orderId: 'o1', installmentId: 'a2', status: 'failed' }),
    tx('t2', '2026-03-01T10:00:00Z', { orderId: 'o2', installmentId: 'b1', status: 'pending' }),
    tx('t3', '2026-03-02T10:00:00Z', { orderId: 'o1', installmentId: 'a1', status: 'settled' }),
    tx('t4', '2026-03-03T10:00:00Z', { orderId: 'o3', kind: 'refund', status: 'settled' }),
  ];
  const returns = [ret('r1', 'o3', 'refunded', '2026-02-20T00:00:00Z'), ret('r2', 'o2', 'in_transit', '2026-02-25T00:00:00Z')];
  const ctx = world({ orders: [o1, o2, o3], installments, transactions, returns });
  const pick = (category: Category, orderNumber: string | null = null) => {
    const f = selectFocus({ category, orderNumber }, ctx);
    return { order: f.order?.id ?? null, installment: f.installment?.id ?? null, transaction: f.transaction?.id ?? null, return: f.return?.id ?? null };
  };

  it.each([
    ['payment delay: the latest pending or failed payment, its installment and order', 'payment_delay', null, { order: 'o2', installment: 'b1', transaction: 't2', return: 'r2' }],
    ['missed payment: the oldest overdue installment', 'missed_payment', null, { order: 'o1', installment: 'a2', transaction: 't1', return: null }],
    ['refund: the open return, its order, its refund', 'refund_return', null, { order: 'o2', installment: 'b1', transaction: 't2', return: 'r2' }],
    ['other: the latest active order, its next installment', 'other', null, { order: 'o2', installment: 'b1', transaction: 't2', return: 'r2' }],
    ['the pre-chat order wins over the category', 'payment_delay', 'ORD-o1', { order: 'o1', installment: 'a2', transaction: 't1', return: null }],
    ['the pre-chat order, in any case', 'missed_payment', 'ord-o2', { order: 'o2', installment: 'b1', transaction: 't2', return: 'r2' }],
    ['a refund on a named completed order', 'refund_return', 'ORD-o3', { order: 'o3', installment: null, transaction: 't4', return: 'r1' }],
    ['an unknown pre-chat order falls back to the category', 'missed_payment', 'ORD-nope', { order: 'o1', installment: 'a2', transaction: 't1', return: null }],
  ] as const)('%s', (_name, category, orderNumber, expected) => {
    expect(pick(category, orderNumber)).toEqual(expected);
  });

  it.each([
    ['a selected settled payment wins over the pending one, with its installment and order', 'payment_delay', { kind: 'transaction', id: 't3' }, { order: 'o1', installment: 'a1', transaction: 't3', return: null }],
    ['a selected installment, for a missed payment', 'missed_payment', { kind: 'installment', id: 'a3' }, { order: 'o1', installment: 'a3', transaction: 't1', return: null }],
    ['a selected order acts as the named order', 'payment_delay', { kind: 'order', id: 'o1' }, { order: 'o1', installment: 'a2', transaction: 't1', return: null }],
    ['a selected payment on a refund chat', 'refund_return', { kind: 'transaction', id: 't2' }, { order: 'o2', installment: 'b1', transaction: 't2', return: 'r2' }],
    ['a selection no longer in the data is ignored (the pre-chat order decides)', 'missed_payment', { kind: 'transaction', id: 'gone' }, { order: 'o2', installment: 'b1', transaction: 't2', return: 'r2' }],
  ] as const)('%s', (_name, category, selected, expected) => {
    const f = selectFocus({ category, orderNumber: 'ORD-o2' }, ctx, selected);
    expect({ order: f.order?.id ?? null, installment: f.installment?.id ?? null, transaction: f.transaction?.id ?? null, return: f.return?.id ?? null }).toEqual(expected);
  });

  it('copes with an empty world and with no ticket', () => {
    expect(selectFocus({ category: 'payment_delay', orderNumber: 'X' }, world())).toEqual({ order: null, installment: null, transaction: null, return: null });
    expect(selectFocus(null, ctx).order?.id).toBe('o2');
  });

  it('builds a context with the default payment method', () => {
    const pm = (id: string, isDefault: boolean) => ({ id, customerId: 'c1', kind: 'card' as const, brand: 'Visa', last4: id, expiry: null, isDefault, status: 'active' as const, lastDeclineReason: null, version: 1 });
    const t = { category: 'missed_payment' as const, orderNumber: null, reference: 'REF' };
    const c = buildTemplateContext({ ticket: t as never, context: world({ ...ctx, paymentMethods: [pm('1111', false), pm('2222', true)] }) }, { name: 'Maja' });
    expect(c.paymentMethod?.last4).toBe('2222');
    expect(c.installment?.id).toBe('a2');
    expect(buildTemplateContext(null, null)).toEqual(EMPTY_CONTEXT);
  });
});

describe('prompts in composer text', () => {
  it('writes unresolved variables as ⟦label⟧ prompts with their ranges', () => {
    const segs = fill('Hi {{customer.firstName}}, due {{installment.dueDate | "soon"}} ({{incident.errorCode}}).', {});
    const composed = composeText(segs);
    expect(composed.text).toBe('Hi ⟦first name⟧, due ⟦due date⟧ (⟦error code⟧).');
    expect(composed.prompts.map((p) => [composed.text.slice(p.start, p.end), p.fallback])).toEqual([
      ['⟦first name⟧', null],
      ['⟦due date⟧', 'soon'],
      ['⟦error code⟧', null],
    ]);
    expect(findPrompts(composed.text).map((p) => p.label)).toEqual(['first name', 'due date', 'error code']);
    expect(hasPrompts(composed.text)).toBe(true);
    expect(hasPrompts(composed.text)).toBe(true); // no regex state left behind
  });

  it('gives unknown variables a prompt too, so they are never sent', () => {
    expect(composeText(fill('a {{constructor}} b', {})).text).toBe('a ⟦constructor⟧ b');
  });

  it('fills prompts that have a fallback and leaves the rest', () => {
    expect(fillPromptsWithFallbacks('⟦a⟧ ⟦b⟧ ⟦toString⟧', { a: 'A' })).toBe('A ⟦b⟧ ⟦toString⟧');
  });

  it.each([
    ['plain text', 'hello', false],
    ['empty brackets', 'x ⟦⟧ y', false],
    ['a line break inside', '⟦a\nb⟧', false],
    ['a half', '⟦abc', false],
    ['a real one', 'pay ⟦amount⟧ now', true],
  ])('%s → %s', (_n, t, expected) => expect(hasPrompts(t)).toBe(expected));
});
