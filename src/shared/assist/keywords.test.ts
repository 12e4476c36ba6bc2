import { describe, expect, it } from 'vitest';
import { keywordCategory } from './keywords';

describe('keywordCategory', () => {
  it.each([
    ['I returned the shoes two weeks ago and have no refund yet', 'refund_return'],
    ['Ich habe die Schuhe zurückgeschickt, wo bleibt die Erstattung?', 'refund_return'],
    ['Jag skickade tillbaka skorna, var är återbetalningen?', 'refund_return'],
    ['I missed my payment, will there be a late fee?', 'missed_payment'],
    ['Ich habe eine Mahnung bekommen', 'missed_payment'],
    ['Jag fick en påminnelse och en förseningsavgift', 'missed_payment'],
    ['My ID verification keeps failing with my passport', 'account_verification'],
    ['Die Verifizierung meines Ausweises klappt nicht', 'account_verification'],
    ['The app crashes with an error every time', 'technical_glitch'],
    ['Die App zeigt einen Fehler', 'technical_glitch'],
    ['Appen kraschar hela tiden', 'technical_glitch'],
    ['I paid by bank transfer but it still shows unpaid', 'payment_delay'],
    ['Ich habe überwiesen, aber die Zahlung wird nicht angezeigt', 'payment_delay'],
    ['Jag har betalat men det syns inte', 'payment_delay'],
  ] as const)('%s → %s', (text, category) => {
    expect(keywordCategory(text)?.category).toBe(category);
  });

  it('returns null when no keyword matches', () => {
    expect(keywordCategory('Hello, quick question about my account name')).toBeNull();
  });

  it('scores 1 for a single category and less when categories compete', () => {
    expect(keywordCategory('where is my refund')!.score).toBe(1);
    const mixed = keywordCategory('I returned it and got a refund, but now the app shows an error')!;
    expect(mixed.category).toBe('refund_return');
    expect(mixed.score).toBeGreaterThan(0.5);
    expect(mixed.score).toBeLessThan(1);
  });

  it('matches at word starts only', () => {
    // "prefer" holds no keyword even though "ref" and "fer" appear inside words.
    expect(keywordCategory('I would prefer a different colour')).toBeNull();
  });
});

describe('keywordCategory on everyday phrasings', () => {
  it.each([
    ['My installment of 29,50 € didn’t go through.', 'missed_payment'],
    ["I'm struggling to pay this month. What can I do?", 'missed_payment'],
    ['My bank shows 27,25 € reserved but your app says nothing.', 'payment_delay'],
    ['The app keeps sending me back to the login screen.', 'technical_glitch'],
  ] as const)('%s → %s', (text, category) => {
    expect(keywordCategory(text)?.category).toBe(category);
  });
});
