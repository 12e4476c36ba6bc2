import { describe, expect, it } from 'vitest';
import { CANNED_KEPT_SHARE, cannedShortcutFor, keptShare, wordsOf } from './canned-usage';

const TIMELINE = 'Once Zalando confirms the return, we process the refund of 49,90 € within 1–2 business days. Refunds to a card can take a further 3–5 business days to appear on your statement.';

describe('canned usage rule', () => {
  it('counts words lower-cased, without punctuation or prompts', () => {
    expect(wordsOf('Hi Ann, it’s PAID! Due ⟦due date⟧.')).toEqual(['hi', 'ann', 'it’s', 'paid', 'due']);
  });

  it('records the reply sent as inserted, or with small edits', () => {
    const uses = [{ shortcut: 'rr-timeline', text: TIMELINE }];
    expect(cannedShortcutFor(TIMELINE, uses)).toBe('rr-timeline');
    const edited = `Hi Ann! ${TIMELINE.replace('Refunds to a card can take', 'With a card it can take')} Sorry for the wait.`;
    expect(keptShare(TIMELINE, edited)).toBeGreaterThanOrEqual(CANNED_KEPT_SHARE);
    expect(cannedShortcutFor(edited, uses)).toBe('rr-timeline');
  });

  it('records nothing once most of the reply was rewritten or cut', () => {
    const uses = [{ shortcut: 'rr-timeline', text: TIMELINE }];
    const firstSentenceOnly = 'Once Zalando confirms the return, we process the refund.';
    expect(keptShare(TIMELINE, firstSentenceOnly)).toBeLessThan(CANNED_KEPT_SHARE);
    expect(cannedShortcutFor(firstSentenceOnly, uses)).toBeNull();
    expect(cannedShortcutFor('Let me check with the store and come back to you today.', uses)).toBeNull();
    expect(cannedShortcutFor(TIMELINE, [])).toBeNull();
  });

  it('needs the words in order: the same words shuffled do not count', () => {
    const shuffled = wordsOf(TIMELINE).reverse().join(' ');
    expect(cannedShortcutFor(shuffled, [{ shortcut: 'rr-timeline', text: TIMELINE }])).toBeNull();
  });

  it('a prompt the agent filled in does not count against the reply', () => {
    const inserted = 'Thanks for reporting this. We are aware of an issue causing error ⟦error code⟧ and our engineers are working on it.';
    const sent = 'Thanks for reporting this. We are aware of an issue causing error PAY-3DS-504 and our engineers are working on it.';
    expect(keptShare(inserted, sent)).toBe(1);
  });

  it('of several replies in one draft, picks the one the text keeps most of', () => {
    const hello = 'Hi Ann, thanks for contacting us. My name is Bo. How can I help you today?';
    const uses = [
      { shortcut: 'ot-hello', text: hello },
      { shortcut: 'rr-timeline', text: TIMELINE },
    ];
    expect(cannedShortcutFor(TIMELINE, uses)).toBe('rr-timeline');
    expect(cannedShortcutFor(hello, uses)).toBe('ot-hello');
  });
});
