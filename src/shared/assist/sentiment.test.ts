import moodsFixture from '../../../tests/fixtures/assist/moods.json';
import { describe, expect, it } from 'vitest';
import { moodOf } from './sentiment';

const fixture: { mood: string; text: string }[] = moodsFixture;

describe('moodOf', () => {
  it('reads the examples of the brief', () => {
    expect(moodOf("This is ridiculous, third time I'm asking!!", 'en')?.mood).toBe('angry');
    expect(moodOf('thanks, that worked', 'en')?.mood).toBe('happy');
  });

  it('gets at least 85% of the labelled fixture right', () => {
    expect(fixture.length).toBeGreaterThanOrEqual(40);
    const right = fixture.filter((f) => moodOf(f.text, 'en')?.mood === f.mood).length;
    expect(right / fixture.length).toBeGreaterThanOrEqual(0.85);
  });

  it('keeps a plain account of the problem neutral', () => {
    expect(moodOf('I paid on Monday but it still shows unpaid.', 'en')?.mood).toBe('neutral');
    expect(moodOf('ok', null)?.mood).toBe('neutral');
  });

  it('orders scores: angry below unhappy below neutral below happy', () => {
    const score = (t: string) => moodOf(t, 'en')!.score;
    expect(score('This is unacceptable!!')).toBeLessThan(score('Unfortunately it is still not there.'));
    expect(score('Unfortunately it is still not there.')).toBeLessThan(score('My order number is 48213.'));
    expect(score('My order number is 48213.')).toBeLessThan(score('Great, thank you so much!'));
  });

  it('treats a shouted line as angry', () => {
    expect(moodOf('WHY HAS NOBODY ANSWERED ME???', 'en')?.mood).toBe('angry');
  });

  it('gives no mood for other languages or empty text', () => {
    expect(moodOf('Das ist eine Frechheit!!', 'de')).toBeNull();
    expect(moodOf('Tack, det fungerar!', 'sv')).toBeNull();
    expect(moodOf('   ', 'en')).toBeNull();
  });
});
