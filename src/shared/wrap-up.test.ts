import { describe, expect, it } from 'vitest';
import { MAX_TAGS, normaliseTag, normaliseTags, Tags, tagsProblem } from './wrap-up';

describe('tags', () => {
  it('normalises: NFC, trimmed, inner whitespace collapsed, lower-case', () => {
    expect(normaliseTag('  Bank \t Transfer ')).toBe('bank transfer');
    // "Å" as A + combining ring becomes the one composed character.
    expect(normaliseTag('A\u030Angström')).toBe('\u00E5ngström');
    expect(normaliseTag('KYC')).toBe('kyc');
  });

  it('drops empty tags and duplicates after normalising, keeping the first order', () => {
    expect(normaliseTags(['SEPA', ' ', 'sepa', 'Refund', 'refund '])).toEqual(['sepa', 'refund']);
  });

  it('refuses more than 10 tags or a tag over 30 characters (counted as characters, not UTF-16 units)', () => {
    expect(tagsProblem(Array.from({ length: MAX_TAGS }, (_, i) => `t${i}`))).toBeNull();
    expect(tagsProblem(Array.from({ length: MAX_TAGS + 1 }, (_, i) => `t${i}`))).toMatch(/At most 10/);
    expect(tagsProblem(['x'.repeat(30)])).toBeNull();
    expect(tagsProblem(['x'.repeat(31)])).toMatch(/30 characters/);
    expect(tagsProblem(['😀'.repeat(30)])).toBeNull();
  });

  it('parses a mutation’s tags normalised, and fails on what cannot be stored', () => {
    expect(Tags.parse(['  VIP ', 'vip', 'Late Fee'])).toEqual(['vip', 'late fee']);
    // Eleven spellings of ten tags are fine: duplicates go before counting.
    expect(Tags.parse([...Array.from({ length: 10 }, (_, i) => `t${i}`), 'T0'])).toHaveLength(10);
    expect(Tags.safeParse(Array.from({ length: 11 }, (_, i) => `t${i}`)).success).toBe(false);
    expect(Tags.safeParse(['y'.repeat(31)]).success).toBe(false);
  });
});
