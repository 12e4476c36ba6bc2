import { describe, expect, it } from 'vitest';
import { makeReference } from '../../shared/reference';
import { bareSubject, referenceInSubject, replySubject } from './subject';

// A valid reference and a one-character typo of it (the check character catches it).
const REF = makeReference(() => 5);
const TYPO = `${REF.slice(0, 8)}${REF[8] === 'A' ? 'B' : 'A'}`;

describe('referenceInSubject', () => {
  it.each([
    [`Re: Refund [Ref ${REF}]`, REF],
    [`Re: Refund [ref ${REF.toLowerCase()}]`, REF],
    [`SV: Refund [Ref: ${REF.replace('-', '')}]`, REF],
    [`AW: Re: [Reference ${REF}] where is my money`, REF],
    [`About case ${REF}, again`, REF],
    [`about case ${REF.toLowerCase()}`, REF],
  ])('finds the reference in %s', (subject, expected) => {
    expect(referenceInSubject(subject)).toBe(expected);
  });

  it.each([
    ['Where is my refund?'],
    [`Re: Refund [Ref ${TYPO}]`],
    [`Order ${TYPO}`],
    ['ORDER-1234 is late'],
    [`x${REF}`],
    [`${REF}-9`],
    [''],
  ])('finds none in %s', (subject) => {
    expect(referenceInSubject(subject)).toBeNull();
  });

  it('prefers a tagged reference over a bare one', () => {
    const other = makeReference(() => 9);
    expect(referenceInSubject(`${other} and [Ref ${REF}]`)).toBe(REF);
  });
});

describe('subjects of replies', () => {
  it('strips reply prefixes and the reference tag', () => {
    expect(bareSubject(`Re: RE: Fwd: SV: Refund late [Ref ${REF}]`)).toBe('Refund late');
    expect(bareSubject('  Re[2]:  Double   space ')).toBe('Double space');
  });

  it('puts the reference in the subject once, after one Re:', () => {
    expect(replySubject('Refund late', REF)).toBe(`Re: Refund late [Ref ${REF}]`);
    expect(replySubject(`Re: Re: Refund late [Ref ${REF}]`, REF)).toBe(`Re: Refund late [Ref ${REF}]`);
    expect(replySubject('', REF)).toBe(`Re: [Ref ${REF}]`);
    expect(referenceInSubject(replySubject('Anything', REF))).toBe(REF);
  });
});
