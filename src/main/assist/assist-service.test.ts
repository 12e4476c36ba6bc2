/**
 * Assist on the desktop, from a real cache: the resolved cases are fetched once and kept (so the
 * next start, offline, still has them), suggestions follow the customer's words and language,
 * similar cases come from the cache, a bad answer from the desk keeps what the cache holds, and
 * customer messages carry their language.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CannedReplyRow } from '../../shared/domain';
import type { CorpusCase } from '../../shared/protocol/assist';
import { apply, messageRow, openTestCache, ticketRow, up, type TestCache } from '../cache/test-support';
import { categoryForRanking, createAssistService } from './assist-service';

const log = { info: vi.fn(), warn: vi.fn() };
let t: TestCache;
afterEach(() => t?.cleanup());

const canned = (id: string, over: Partial<CannedReplyRow>): CannedReplyRow => ({
  id,
  category: 'other',
  language: 'en',
  title: id,
  shortcut: id,
  body: 'Thanks for getting in touch.',
  version: 1,
  ...over,
});
const REPLIES: CannedReplyRow[] = [
  canned('refund-received', { category: 'refund_return', title: 'Refund on its way', shortcut: 'refund-received', body: 'We received your return and the refund is on its way; it reaches your account in 3-5 business days.' }),
  canned('refund-received-de', { category: 'refund_return', language: 'de', title: 'Rückerstattung unterwegs', shortcut: 'refund-received', body: 'Wir haben Ihre Rücksendung erhalten, die Rückerstattung ist unterwegs und in 3-5 Werktagen auf Ihrem Konto.' }),
  canned('return-label', { category: 'refund_return', title: 'Return label', shortcut: 'return-label', body: 'Here is how to print your return label and send the item back to the merchant.' }),
  canned('payment-pending', { category: 'payment_delay', title: 'Payment still processing', shortcut: 'payment-pending', body: 'Your bank transfer is still being processed; payments can take up to 2 business days to show.' }),
  canned('app-reinstall', { category: 'technical_glitch', title: 'Reinstall the app', shortcut: 'app-reinstall', body: 'Please update or reinstall the app and sign in again; that clears the error in most cases.' }),
  canned('verify-id', { category: 'account_verification', title: 'Verify your identity', shortcut: 'verify-id', body: 'To verify your identity, upload a photo of your ID in the app under Account.' }),
];
const CASES: CorpusCase[] = Array.from({ length: 12 }, (_, i) => ({
  id: `case-${i}`,
  reference: `AD-${1000 + i}`,
  regionId: 'eu',
  category: i % 2 === 0 ? 'refund_return' : 'payment_delay',
  language: 'en',
  text: i % 2 === 0 ? `I sent my return back ${i} days ago and the refund has not arrived yet` : `My payment from the bank has not shown up, paid ${i} days ago`,
  outcome: 'solved',
  resolution: i % 2 === 0 ? 'The merchant confirmed the return; refund issued.' : 'The transfer arrived; matched to the installment.',
  shortcuts: i % 2 === 0 ? ['refund-received'] : ['payment-pending'],
  resolvedAt: `2025-05-${String(10 + i).padStart(2, '0')}T10:00:00.000Z`,
}));

function seed(cache: TestCache['cache']) {
  apply(cache, [
    ...REPLIES.map((r) => ({ entity: 'cannedReply' as const, op: 'upsert' as const, id: r.id, seq: 0, row: r })),
    up.ticket(ticketRow({ id: 't1', subject: 'Where is my refund?', category: 'other', language: 'de' })),
    up.message(messageRow({ id: 'm1', ticketId: 't1', authorKind: 'customer', body: 'Where is my refund?' })),
    up.message(messageRow({ id: 'm2', ticketId: 't1', authorKind: 'customer', body: 'Ich habe die Ware zurückgeschickt, aber die Rückerstattung ist noch nicht auf meinem Konto.' })),
  ]);
}

describe('assist on the desktop', () => {
  it('fetches the resolved cases once, keeps them in the cache, and ranks replies and similar cases from them offline', async () => {
    t = openTestCache();
    seed(t.cache);
    const fetchCases = vi.fn(async () => ({ generatedAt: '2025-06-02T11:00:00.000Z', cases: CASES }));
    let live = true;
    const assist = createAssistService({ cache: t.cache, fetchCases, isLive: () => live, log });
    await assist.refresh();
    expect(fetchCases).toHaveBeenCalledTimes(1);

    const a = await assist.forTicket('t1');
    expect(a.casesFetchedAt).not.toBeNull();
    // The customer writes German about a refund: the German refund reply leads.
    expect(a.replies[0]).toMatchObject({ id: 'refund-received-de', language: 'de' });
    expect(a.replies.length).toBeLessThanOrEqual(3);
    expect(a.similar.length).toBeGreaterThan(0);
    expect(a.similar.every((s) => s.category === 'refund_return')).toBe(true);

    // Offline, a new start: the cases come from the cache, nothing is fetched.
    live = false;
    const reopened = createAssistService({ cache: t.reopen(), fetchCases, isLive: () => live, log });
    const b = await reopened.forTicket('t1');
    expect(fetchCases).toHaveBeenCalledTimes(1);
    expect(b.similar.map((s) => s.ticketId)).toEqual(a.similar.map((s) => s.ticketId));
  });

  it('keeps the cached cases when the desk answers with something that is not a corpus', async () => {
    t = openTestCache();
    seed(t.cache);
    let answer: unknown = { generatedAt: 'x', cases: CASES };
    const assist = createAssistService({ cache: t.cache, fetchCases: async () => answer, isLive: () => true, log });
    await assist.refresh(true);
    const before = (await assist.forTicket('t1')).similar;
    answer = { cases: [{ id: 1 }] };
    await assist.refresh(true);
    expect(log.warn).toHaveBeenCalled();
    expect((await assist.forTicket('t1')).similar).toEqual(before);
  });

  it('still suggests from the canned replies alone before any case was fetched', async () => {
    t = openTestCache();
    seed(t.cache);
    const assist = createAssistService({ cache: t.cache, fetchCases: async () => ({}), isLive: () => false, log });
    const a = await assist.forTicket('t1');
    expect(a.casesFetchedAt).toBeNull();
    expect(a.similar).toEqual([]);
    expect(a.replies.map((r) => r.id)).toContain('refund-received-de');
  });

  it('reads each customer message’s language, and none for agents or a few words', async () => {
    t = openTestCache();
    seed(t.cache);
    const assist = createAssistService({ cache: t.cache, fetchCases: async () => ({}), isLive: () => false, log });
    const page = t.cache.messages.page('t1', null, 50).messages;
    const out = await assist.withLanguages([...page, { ...page[0]!, id: 'm3', authorKind: 'agent', body: 'Hallo, ich schaue nach.' }]);
    expect(out.find((m) => m.id === 'm2')?.language).toBe('de');
    expect(out.find((m) => m.id === 'm3')?.language).toBeUndefined();
  });

  it('summarises a chat for the next agent from its thread', async () => {
    t = openTestCache();
    seed(t.cache);
    const assist = createAssistService({ cache: t.cache, fetchCases: async () => ({}), isLive: () => false, log });
    const s = await assist.summary('t1');
    expect(s.request).toMatch(/refund|Rückerstattung/i);
  });
});

describe('the category replies are ranked for', () => {
  const suggestion = { category: 'refund_return' as const, confidence: 0.8, source: 'model' as const };
  it('is triage’s when the case still has the customer’s pick and triage is sure', () => {
    expect(categoryForRanking({ category: 'other', initialCategory: 'other', categorySuggestion: suggestion })).toBe('refund_return');
    expect(categoryForRanking({ category: 'other', initialCategory: 'other', categorySuggestion: { ...suggestion, confidence: 0.4 } })).toBe('other');
  });
  it('is the agent’s once an agent set it', () => {
    expect(categoryForRanking({ category: 'payment_delay', initialCategory: 'other', categorySuggestion: suggestion })).toBe('payment_delay');
  });
});
