import { describe, expect, it } from 'vitest';
import { clip, handoverSummary, sentences, type SummaryInput } from './summary';

const at = (minute: number) => `2026-03-01T10:${String(minute).padStart(2, '0')}:00Z`;

const CHAT: SummaryInput = {
  subject: 'Payment',
  category: 'payment_delay',
  messages: [
    { authorKind: 'customer', body: 'Hi!', createdAt: at(0) },
    { authorKind: 'customer', body: 'I paid the installment for order ORD-48213 on Monday but the app still says it is due. Will I get a late fee?', createdAt: at(1) },
    { authorKind: 'system', body: 'Assigned to Anna', createdAt: at(2) },
    { authorKind: 'agent', body: 'Hi, thanks for waiting. I have checked your payment and it is still being processed. There is no late fee.', createdAt: at(3) },
    { authorKind: 'note', body: 'Customer sounds stressed, checked the bank file.', createdAt: at(4) },
    { authorKind: 'customer', body: 'Okay. And my card 4111 1111 1111 1111 was declined yesterday, why?', createdAt: at(5) },
  ],
  facts: ['Order #48213 · 3 of 4 paid', 'Order #48213 · 3 of 4 paid'],
};

describe('handoverSummary', () => {
  const s = handoverSummary(CHAT);

  it("states the request in the customer's own problem sentence, not the greeting", () => {
    expect(s.request).toContain('I paid the installment for order ORD-48213');
    expect(s.request).not.toMatch(/^Hi/);
  });

  it('lists agent actions and system events, not pleasantries or notes', () => {
    expect(s.done).toContain('Assigned to Anna');
    expect(s.done).toContain('I have checked your payment and it is still being processed.');
    expect(s.done.join(' ')).not.toMatch(/thanks for waiting|stressed/);
  });

  it('keeps only questions no agent answered, card-masked', () => {
    expect(s.openQuestions).toHaveLength(1);
    expect(s.openQuestions[0]).toMatch(/declined yesterday, why\?$/);
    expect(s.openQuestions[0]).not.toContain('4111 1111');
    expect(JSON.stringify(s)).not.toMatch(/4111 1111 1111 1111/);
  });

  it('reads the mood of recent customer messages and dedupes facts', () => {
    expect(s.mood).not.toBeNull();
    expect(s.facts).toEqual(['Order #48213 · 3 of 4 paid']);
  });

  it('keeps every item within 200 characters', () => {
    const long = 'My refund for the returned jacket has not arrived although the store confirmed the return weeks ago and I keep writing to them without any answer at all which is really not okay for a company of this size honestly. '.repeat(2);
    const r = handoverSummary({ subject: 'x', category: null, messages: [{ authorKind: 'customer', body: `${long}?`, createdAt: at(0) }], facts: [long] });
    for (const item of [r.request, ...r.openQuestions, ...r.facts]) expect(item.length).toBeLessThanOrEqual(200);
  });

  it('falls back to the subject when the customer said nothing useful', () => {
    expect(handoverSummary({ subject: 'Change e-mail address', category: 'other', messages: [{ authorKind: 'customer', body: 'Hello', createdAt: at(0) }] }).request).toBe('Change e-mail address');
  });

  it('gives no mood for a non-English chat', () => {
    const r = handoverSummary({ subject: 'x', category: null, messages: [{ authorKind: 'customer', body: 'Ich habe meine Rate bezahlt, aber sie wird nicht angezeigt.', createdAt: at(0) }] });
    expect(r.mood).toBeNull();
  });
});

describe('sentences and clip', () => {
  it('splits after sentence marks and line breaks', () => {
    expect(sentences('One. Two? Three!\nFour')).toEqual(['One.', 'Two?', 'Three!', 'Four']);
  });

  it('clips at a word boundary with an ellipsis', () => {
    const c = clip('word '.repeat(100), 50);
    expect(c.length).toBeLessThanOrEqual(50);
    expect(c.endsWith('…')).toBe(true);
  });
});
