import languagesFixture from '../../../tests/fixtures/assist/languages.json';
import { describe, expect, it } from 'vitest';
import { detectLanguage, languageText } from './language';

const fixture: { language: string; text: string }[] = languagesFixture;

describe('detectLanguage', () => {
  it('names the language of realistic support lines (the fixture, ≥ 95%)', () => {
    const right = fixture.filter((f) => detectLanguage(f.text).language === f.language).length;
    expect(right / fixture.length).toBeGreaterThanOrEqual(0.95);
  });

  it('tells the three desk languages apart on one-liners', () => {
    expect(detectLanguage('Where is my refund for the jacket?').language).toBe('en');
    expect(detectLanguage('Wo bleibt meine Erstattung für die Jacke?').language).toBe('de');
    expect(detectLanguage('Var är min återbetalning för jackan?').language).toBe('sv');
  });

  it('gives no language for very short or digit-only text', () => {
    expect(detectLanguage('ok')).toEqual({ language: null, reliable: false });
    expect(detectLanguage('Hej!')).toEqual({ language: null, reliable: false });
    expect(detectLanguage('#48213 / 49.99 € / 2026-03-01')).toEqual({ language: null, reliable: false });
    expect(detectLanguage('4111 1111 1111 1111')).toEqual({ language: null, reliable: false });
  });

  it('strips card numbers, links and e-mail addresses first', () => {
    const text = languageText('Karte 4111 1111 1111 1111 https://example.com/a?b=c anna@example.com bitte');
    expect(text).toBe('Karte bitte');
  });

  it('does not let a long URL decide the language', () => {
    const r = detectLanguage('Hej, länken fungerar inte: https://www.example.com/the-checkout-page-is-broken-and-does-not-work');
    expect(r.language).toBe('sv');
  });
});
