import { describe, expect, it } from 'vitest';
import type { CannedReplyRow, Category } from '../../../shared/domain';
import { detail } from '../../testing/fake-api';
import { fillReply, rankReplies, slashQuery } from './match';

let n = 0;
const row = (category: Category, shortcut: string, title: string, body: string, language: CannedReplyRow['language'] = 'en'): CannedReplyRow => ({
  id: `r${++n}`, category, language, title, shortcut, body, version: 1,
});
const REPLIES: CannedReplyRow[] = [
  row('payment_delay', 'pd-processing', 'Payment is processing', 'Hi {{customer.firstName}}, your payment of {{transaction.amount}} is being processed.'),
  row('payment_delay', 'pd-bank-times', 'Bank processing times', 'Bank transfers take 1–3 business days.'),
  row('missed_payment', 'mp-options', 'Missed payment options', 'Your installment due {{installment.dueDate}} was not collected.'),
  row('missed_payment', 'mp-late-fee', 'Late fee explained', 'A late fee is added after 10 days.'),
  row('refund_return', 'rr-timeline', 'Refund timeline', 'We process the refund of {{return.refundAmount}} within 2 days.'),
  row('other', 'ot-closing', 'Closing with reference', 'Quote your reference {{ticket.reference}}.'),
  row('other', 'ot-hello', 'Greeting', 'Hi there, how can I help?'),
  row('payment_delay', 'pd-processing', 'Betalningen behandlas', 'Hej {{customer.firstName}}! Din betalning behandlas.', 'sv'),
  row('missed_payment', 'mp-options', 'Missad betalning: alternativ', 'Din delbetalning har inte kunnat dras.', 'sv'),
];
const shortcuts = (rows: CannedReplyRow[]) => rows.map((r) => `${r.language}:${r.shortcut}`);

describe('rankReplies', () => {
  it('lists one language, the chat\'s category first, when the query is empty', () => {
    expect(shortcuts(rankReplies(REPLIES, '', 'en', 'missed_payment'))).toEqual([
      'en:mp-late-fee', 'en:mp-options', 'en:pd-bank-times', 'en:pd-processing', 'en:rr-timeline', 'en:ot-closing', 'en:ot-hello',
    ]);
    expect(shortcuts(rankReplies(REPLIES, '', 'sv', null))).toEqual(['sv:pd-processing', 'sv:mp-options']);
    expect(rankReplies(REPLIES, '', 'de', null)).toEqual([]);
  });

  it.each([
    ['a shortcut prefix', 'pd-pro', 'other', 'en:pd-processing'],
    ['a shortcut prefix beats the chat category', 'ot-clo', 'payment_delay', 'en:ot-closing'],
    ['a title word', 'refund', 'other', 'en:rr-timeline'],
    ['a typo', 'procesing', 'other', 'en:pd-processing'],
    ['a category name', 'missed', 'other', 'en:mp-options'],
    ['words of the body', 'business days', 'other', 'en:pd-bank-times'],
    ['a variable label in the body, not its braces', 'due date', 'other', 'en:mp-options'],
    ['in Swedish', 'betaln', 'other', 'sv:pd-processing'],
  ] as const)('finds by %s', (_name, query, category, first) => {
    const lang = first.slice(0, 2) as 'en' | 'sv';
    expect(shortcuts(rankReplies(REPLIES, query, lang, category))[0]).toBe(first);
  });

  it('puts the chat\'s category first among similar matches', () => {
    expect(shortcuts(rankReplies(REPLIES, 'payment', 'en', 'missed_payment'))[0]).toBe('en:mp-options');
    expect(shortcuts(rankReplies(REPLIES, 'payment', 'en', 'payment_delay'))[0]).toBe('en:pd-processing');
  });

  it('finds nothing for nonsense, and ignores braces', () => {
    expect(rankReplies(REPLIES, 'zzqxw', 'en', null)).toEqual([]);
    expect(rankReplies(REPLIES, '{{', 'en', null)).toEqual([]);
  });

  it('survives long and odd queries', () => {
    expect(() => rankReplies(REPLIES, 'x'.repeat(500), 'en', null)).not.toThrow();
    expect(() => rankReplies(REPLIES, '.*+?^${}()|[]\\', 'en', null)).not.toThrow();
  });
});

describe('slashQuery', () => {
  it.each([
    ['/', 1, { start: 0, query: '' }],
    ['/pd', 3, { start: 0, query: 'pd' }],
    ['::pd', 4, { start: 0, query: 'pd' }],
    ['/late fee', 9, { start: 0, query: 'late fee' }],
    ['Hi\n/pd', 6, { start: 3, query: 'pd' }],
    ['/pd and more', 3, { start: 0, query: 'pd' }],
    ['a /pd', 5, null],
    ['Hi', 2, null],
    ['', 0, null],
    ['/pd\nnext', 8, null],
    ['/' + 'x'.repeat(80), 81, null],
  ] as const)('%j at %i', (text, caret, expected) => expect(slashQuery(text, caret)).toEqual(expected));
});

describe('fillReply', () => {
  it('fills from the chat and leaves missing values as prompts', () => {
    const d = detail('t1');
    d.context.customer = {
      id: 'c', name: 'Erik Johansson', email: '', phone: '', locale: 'sv-SE', timeZone: 'Europe/Stockholm', regionId: 'se', country: 'SE', currency: 'SEK',
      device: null, riskFlags: [], createdAt: '2025-01-01T00:00:00Z', identity: 'verified', version: 1,
    };
    const filled = fillReply({ body: 'Hej {{customer.firstName}}! {{transaction.amount}} · {{ticket.reference}} · {{agent.firstName}}' }, d, { name: 'Maja Lindqvist' }, 'sv');
    expect(filled.text).toBe('Hej Erik! ⟦payment amount⟧ · AD-t1 · Maja');
    expect(filled.prompts.map((p) => p.label)).toEqual(['payment amount']);
    expect(fillReply({ body: '{{customer.firstName | "du"}}' }, null, null, 'sv').prompts[0]?.fallback).toBe('du');
  });
});
