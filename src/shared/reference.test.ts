import { describe, expect, it } from 'vitest';
import { REFERENCE_ALPHABET, makeReference, parseReference, referenceCheckCharacter } from './reference';

let state = 42;
const rnd = () => {
  state = (state * 1103515245 + 12345) % 2 ** 31;
  return state % 32;
};

describe('reference numbers', () => {
  it('use no ambiguous characters and a XXXX-XXXX shape', () => {
    for (const ch of '01OI') expect(REFERENCE_ALPHABET).not.toContain(ch);
    for (let i = 0; i < 200; i++) expect(makeReference(rnd)).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
  });

  it('parse back, whatever the case and separators', () => {
    const ref = makeReference(rnd);
    expect(parseReference(ref)).toEqual({ ok: true, reference: ref });
    expect(parseReference(` ${ref.toLowerCase().replace('-', ' ')} `)).toEqual({ ok: true, reference: ref });
  });

  it('catch every single mistyped character', () => {
    for (let n = 0; n < 50; n++) {
      const compact = makeReference(rnd).replace('-', '');
      for (let pos = 0; pos < compact.length; pos++) {
        for (const ch of REFERENCE_ALPHABET) {
          if (ch === compact[pos]) continue;
          const typo = compact.slice(0, pos) + ch + compact.slice(pos + 1);
          expect(parseReference(typo)).toEqual({ ok: false, reason: 'check' });
        }
      }
    }
  });

  it('catch swaps of two adjacent different characters', () => {
    let caught = 0;
    let total = 0;
    for (let n = 0; n < 200; n++) {
      const compact = makeReference(rnd).replace('-', '');
      for (let pos = 0; pos < compact.length - 1; pos++) {
        if (compact[pos] === compact[pos + 1]) continue;
        const swapped = compact.slice(0, pos) + compact[pos + 1] + compact[pos] + compact.slice(pos + 2);
        total++;
        if (!parseReference(swapped).ok) caught++;
      }
    }
    // Luhn mod N misses only the swap of the two characters whose values sum to N-1 in rare spots.
    expect(caught / total).toBeGreaterThan(0.97);
  });

  it('refuse wrong lengths and foreign characters with a reason', () => {
    expect(parseReference('ABC')).toEqual({ ok: false, reason: 'length' });
    expect(parseReference('ABCD-EF0H')).toEqual({ ok: false, reason: 'character' });
    expect(referenceCheckCharacter('ABCDEFG')).toHaveLength(1);
  });
});
