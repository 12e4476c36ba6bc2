import { describe, expect, it } from 'vitest';
import { normalise, tokens } from './text';

describe('normalise', () => {
  it('folds compatibility forms, lowercases and collapses space', () => {
    expect(normalise('  ＲＥＦＵＮＤ\tplease\n\nnow ')).toBe('refund please now');
  });

  it('masks card numbers before anything else sees them', () => {
    const n = normalise('My card 4111 1111 1111 1111 was declined');
    expect(n).not.toMatch(/4111 1111/);
    expect(n).toContain('1111');
    expect(n).toMatch(/•/);
  });

  it('masks a card written in full-width digits', () => {
    expect(normalise('card ４１１１１１１１１１１１１１１１')).not.toMatch(/4111111111111111/);
  });
});

describe('tokens', () => {
  it('drops stopwords and numbers and stems lightly', () => {
    expect(tokens('I paid the installments for order #48213 on Monday', 'en')).toEqual(['paid', 'installment', 'order', 'monday']);
  });

  it('uses the language own stopword list', () => {
    expect(tokens('Ich habe die Rückerstattung noch nicht bekommen', 'de')).toEqual(['rückerstatt', 'bekomm']);
    expect(tokens('Jag har inte fått återbetalningen', 'sv')).toEqual(['fått', 'återbetal']);
  });

  it('uses every list when the language is unknown', () => {
    expect(tokens('the refund', null)).toEqual(['refund']);
    expect(tokens('die Erstattung', null)).toEqual(['erstatt']);
    expect(tokens('och pengarna', undefined)).toEqual(['peng']);
  });

  it('never yields a card number or its digits', () => {
    expect(tokens('4111-1111-1111-1111 declined', 'en')).toEqual(['declin']);
  });

  it('skips links and e-mail addresses', () => {
    expect(tokens('see https://shop.example.com/orders?id=1 or mail anna@example.com', 'en')).toEqual(['see', 'mail']);
  });

  it('keeps words that mix letters and digits', () => {
    expect(tokens('error E1042 on v7', 'en')).toEqual(['error', 'e1042', 'v7']);
  });
});

describe('normalise apostrophes', () => {
  it('folds typographic apostrophes so keywords match either way', () => {
    expect(normalise('didn’t')).toBe("didn't");
  });
});
