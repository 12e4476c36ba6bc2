import { describe, expect, it } from 'vitest';
import type { Category } from '../domain';
import { buildSuggestionIndex, categoryOnlyReplies, similarCases, suggestReplies, type CannedCandidate, type ResolvedCase } from './suggest';

function reply(shortcut: string, language: string, category: Category, title: string, body: string): CannedCandidate {
  return { id: `${shortcut}-${language}`, shortcut, language, category, title, body };
}

const CANNED: CannedCandidate[] = [
  reply('pd-processing', 'en', 'payment_delay', 'Payment is processing', 'Hi {{customer.firstName}}, your bank transfer is still being processed; it takes 1-3 business days.'),
  reply('pd-no-fee', 'en', 'payment_delay', 'No late fee while processing', 'There is no late fee while a payment is processing.'),
  reply('rr-refund-time', 'en', 'refund_return', 'Refund timing', 'Once the store registers your return, the refund reaches your card within 5 days.'),
  reply('rr-pause', 'en', 'refund_return', 'Payments paused during return', 'We paused your installments while the store handles the return.'),
  reply('tg-reinstall', 'en', 'technical_glitch', 'Reinstall the app', 'Please update or reinstall the app and try again.'),
  reply('pd-processing', 'sv', 'payment_delay', 'Betalningen behandlas', 'Din banköverföring behandlas fortfarande, det tar 1-3 bankdagar.'),
  reply('rr-refund-time', 'sv', 'refund_return', 'Tid för återbetalning', 'När butiken har registrerat din retur kommer återbetalningen inom 5 dagar.'),
  reply('rr-pause', 'sv', 'refund_return', 'Pausade betalningar', 'Vi har pausat dina delbetalningar medan butiken hanterar returen.'),
];

let n = 0;
function resolved(category: Category, text: string, shortcuts: string[]): ResolvedCase {
  n++;
  return { id: `case-${n}`, reference: `R-${n}`, category, language: 'en', text, outcome: 'solved', resolution: 'done', shortcuts, resolvedAt: `2026-01-${String(n).padStart(2, '0')}T10:00:00Z` };
}

const CASES: ResolvedCase[] = [
  resolved('refund_return', 'I sent the parcel back, will my installments keep running?', ['rr-pause']),
  resolved('refund_return', 'parcel sent back, do I still pay installments?', ['rr-pause']),
  resolved('refund_return', 'sent the parcel back to the shop, installments still due', ['rr-pause', 'rr-refund-time']),
  resolved('refund_return', 'when do I get my refund on my card', ['rr-refund-time']),
  resolved('refund_return', 'refund has not reached my card', ['rr-refund-time']),
  resolved('refund_return', 'where is the refund for my return', ['rr-refund-time']),
  resolved('payment_delay', 'I paid by bank transfer but it shows unpaid', ['pd-processing']),
  resolved('payment_delay', 'bank transfer done, app says due', ['pd-processing', 'pd-no-fee']),
];

describe('suggestReplies', () => {
  const ix = buildSuggestionIndex(CANNED, CASES);

  it('ranks the reply whose words match the conversation first', () => {
    const top = suggestReplies(ix, { text: 'I paid by bank transfer on Monday and it is not showing', language: 'en', category: 'payment_delay' });
    expect(top[0]!.shortcut).toBe('pd-processing');
    expect(top[0]!.why).toMatch(/similar cases/);
  });

  it('learns from similar resolved cases what the words alone do not say', () => {
    // "parcel" and "sent back" appear in no reply; the similar cases used rr-pause.
    const top = suggestReplies(ix, { text: 'I sent the parcel back yesterday', language: 'en', category: 'refund_return' });
    expect(top[0]!.shortcut).toBe('rr-pause');
    expect(top[0]!.why).toMatch(/used in \d+ of \d+ similar cases/);
  });

  it("answers in the customer's language and falls back to English", () => {
    const sv = suggestReplies(ix, { text: 'Var är min återbetalning?', language: 'sv', category: 'refund_return' });
    expect(sv.length).toBeGreaterThan(0);
    expect(sv.every((s) => s.id.endsWith('-sv'))).toBe(true);
    const fr = suggestReplies(ix, { text: 'Où est mon remboursement ?', language: 'fr', category: 'refund_return' });
    expect(fr.every((s) => s.id.endsWith('-en'))).toBe(true);
  });

  it('drops replies already used in the conversation', () => {
    const c = { text: 'I sent the parcel back yesterday', language: 'en', category: 'refund_return' as const };
    const used = suggestReplies(ix, { ...c, usedShortcuts: ['rr-pause'] }, 10);
    expect(used.map((s) => s.shortcut)).not.toContain('rr-pause');
    expect(used.length).toBe(4);
  });

  it('is deterministic and returns k at most, scores descending', () => {
    const c = { text: 'refund', language: 'en', category: null };
    const a = suggestReplies(ix, c, 2);
    expect(a).toEqual(suggestReplies(ix, c, 2));
    expect(a.length).toBe(2);
    expect(a[0]!.score).toBeGreaterThanOrEqual(a[1]!.score);
  });

  it('still ranks by category and usage with no text and no cases', () => {
    const empty = buildSuggestionIndex(CANNED, []);
    const top = suggestReplies(empty, { text: '', language: 'en', category: 'technical_glitch' });
    expect(top[0]!.shortcut).toBe('tg-reinstall');
  });

  it('works with fewer than three replies', () => {
    const tiny = buildSuggestionIndex(CANNED.slice(0, 2), CASES);
    expect(suggestReplies(tiny, { text: 'bank transfer', language: 'en', category: 'payment_delay' }).map((s) => s.shortcut).sort()).toEqual(['pd-no-fee', 'pd-processing']);
  });
});

describe('the sequence prior', () => {
  // Agents answer a payment delay with pd-processing, then pd-no-fee.
  const cases = Array.from({ length: 6 }, () => resolved('payment_delay', 'paid but unpaid', ['pd-processing', 'pd-no-fee']));
  const ix = buildSuggestionIndex(CANNED, cases);
  const c = { text: 'paid but unpaid', language: 'en', category: 'payment_delay' as const };

  it('proposes the usual first reply first, and what usually follows next', () => {
    expect(suggestReplies(ix, c)[0]).toMatchObject({ shortcut: 'pd-processing', why: expect.stringMatching(/often the first reply/) });
    expect(suggestReplies(ix, { ...c, usedShortcuts: ['pd-processing'] })[0]).toMatchObject({ shortcut: 'pd-no-fee', why: expect.stringMatching(/often follows pd-processing/) });
  });

  it('changes the ranking only through its weight', () => {
    const without = suggestReplies(ix, { ...c, usedShortcuts: ['pd-processing'] }, 5, { text: 1, category: 0, neighbours: 0, sequence: 0 });
    const withIt = suggestReplies(ix, { ...c, usedShortcuts: ['pd-processing'] }, 5, { text: 0, category: 0, neighbours: 0, sequence: 1 });
    expect(withIt[0]!.shortcut).toBe('pd-no-fee');
    expect(withIt[0]!.score).toBe(1);
    expect(without.find((s) => s.shortcut === 'pd-no-fee')!.score).toBeLessThan(1);
  });
});

describe('similarCases', () => {
  const ix = buildSuggestionIndex(CANNED, CASES);

  it('finds the cases that share the most telling words, best first', () => {
    const similar = similarCases(ix, { text: 'my refund has not reached my card', language: 'en', category: null }, 2);
    expect(similar.map((s) => s.case.text)).toContain('refund has not reached my card');
    expect(similar[0]!.score).toBeGreaterThanOrEqual(similar[1]!.score);
  });

  it('returns nothing for empty text', () => {
    expect(similarCases(ix, { text: '  ', language: 'en', category: null })).toEqual([]);
  });
});

describe('categoryOnlyReplies', () => {
  const ix = buildSuggestionIndex(CANNED, CASES);

  it("orders the category's replies by how often agents used them", () => {
    // rr-refund-time: 4 cases, rr-pause: 3.
    expect(categoryOnlyReplies(ix, { text: '', language: 'en', category: 'refund_return' })).toEqual([
      { id: 'rr-refund-time-en', shortcut: 'rr-refund-time' },
      { id: 'rr-pause-en', shortcut: 'rr-pause' },
    ]);
  });

  it('uses the conversation language and drops used replies', () => {
    expect(categoryOnlyReplies(ix, { text: '', language: 'sv', category: 'refund_return', usedShortcuts: ['rr-refund-time'] })).toEqual([{ id: 'rr-pause-sv', shortcut: 'rr-pause' }]);
  });
});
