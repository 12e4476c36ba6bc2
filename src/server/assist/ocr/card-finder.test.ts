import { describe, expect, it } from 'vitest';
import { findCards, readDigitGroup } from './card-finder';
import type { OcrLine } from './scanner';

/** One OCR line from text: words split on spaces, 12 px per character, 8 px between words. */
function line(text: string, y = 0): OcrLine {
  let x = 10;
  const words = text.split(' ').map((t) => {
    const w = { text: t, confidence: 90, bbox: { x0: x, y0: y, x1: x + t.length * 12, y1: y + 20 } };
    x = w.bbox.x1 + 8;
    return w;
  });
  return { words, bbox: { x0: 10, y0: y, x1: x, y1: y + 20 } };
}

const found = (...texts: string[]) => findCards(texts.map((t, i) => line(t, i * 30)));

describe('findCards', () => {
  it.each([
    ['Card 4111 1111 1111 1111 exp 12/27', '4111111111111111'],
    ['4111111111111111', '4111111111111111'],
    ['Visa: 4111-1111-1111-1111', '4111111111111111'],
    ['Card:4111111111111111', '4111111111111111'],
    ['Amex 3782 822463 10005', '378282246310005'],
    ['378282246310005 (Amex)', '378282246310005'],
    ['Mastercard 5555 5555 5555 4444.', '5555555555554444'],
    ['2-series 2223 0031 2200 3222', '2223003122003222'],
    ['Discover 6011 1111 1111 1117', '6011111111111117'],
    ['19 digits 4000 0000 0000 0000 006', '4000000000000000006'],
    ['Visa 13 4222222222222', '4222222222222'],
    ['card 4111.1111.1111.1111 on file', '4111111111111111'],
  ])('finds the card in %j', (text, digits) => {
    expect(found(text).map((h) => h.digits)).toEqual([digits]);
  });

  it.each([
    ['O → 0', '', '4000 O000 0000 0002', '4000000000000002'],
    ['l → 1', '', '4111 l111 1111 1111', '4111111111111111'],
    ['I → 1', '', '4111 1111 1I11 1111', '4111111111111111'],
    ['S → 5', '', 'S555 5555 5555 4444', '5555555555554444'],
    ['B → 8', '', '4012 8B88 8888 1881', '4012888888881881'],
    ['B in an Amex', '', '37B2 822463 10005', '378282246310005'],
    ['| → 1 in one token', '', '4111111|11111111', '4111111111111111'],
  ])('undoes the OCR confusion %s', (_name, _unused, text, digits) => {
    expect(found(text).map((h) => h.digits)).toEqual([digits]);
  });

  it('finds two cards on one line and cards on several lines, with their boxes', () => {
    const hits = found('old 4111 1111 1111 1111 new 5555 5555 5555 4444', 'Amex 378282246310005');
    expect(hits.map((h) => h.last4)).toEqual(['1111', '4444', '0005']);
    const [first, , amex] = hits;
    expect(first!.wordIndexes).toEqual([1, 2, 3, 4]);
    expect(first!.bbox).toEqual({ x0: 54, y0: 0, x1: 54 + 4 * 48 + 3 * 8, y1: 20 });
    expect(amex!.lineIndex).toBe(1);
    expect(amex!.bbox.y0).toBe(30);
  });

  it('takes a card followed by more digits of another shape (its expiry, a CVV)', () => {
    expect(found('4111 1111 1111 1111 12 27 737').map((h) => h.digits)).toEqual(['4111111111111111']);
  });

  it('leaves a card continued in its own grouping alone, as the text masking does (a tracking number looks the same)', () => {
    expect(found('4111 1111 1111 1111 1227')).toEqual([]);
  });

  it('takes two cards in a row written as one even run', () => {
    expect(found('4111 1111 1111 1111 5555 5555 5555 4444').map((h) => h.last4)).toEqual(['1111', '4444']);
  });

  it.each([
    ['a Luhn-invalid number', '4111 1111 1111 1112'],
    ['an order number with letters', 'Order ORD-1234567 placed'],
    ['an order number of digits', 'Order #100234 (2 items)'],
    ['a phone number', 'Call +46 70 123 45 67'],
    ['an international phone number that passes Luhn', '+4411111111111118'],
    ['a date', 'Due 2026-11-29 at 12:00'],
    ['a slashed date and time', 'Paid 29/11/2026 14:32'],
    ['a transaction id with letters', 'Transaction TX-7KQ2M9PZ4A'],
    ['a transaction id with letters and a Luhn-valid digit run', 'TXN 4111111111111111AB'],
    ['an amount', 'Total 1,299.00 SEK'],
    ['a tracking number grouped evenly whose first 16 digits pass Luhn', '4111 2222 3333 4448 5555 6'],
    ['a reference starting with 0', '0000 0000 0000 0000'],
    ['a reference starting with 9', '9111 1111 1111 1110'],
    ['an error code', 'error E-4012 code 500'],
    ['last four only', 'Card ending 1111'],
    ['too many confusions', '4lll 1111 1111 1111'],
    ['words with other letters', '4111 1111 1111 111A'],
  ])('leaves %s alone', (_name, text) => {
    expect(found(text)).toEqual([]);
  });

  it('does not join groups that are far apart on the line', () => {
    const l = line('4111 1111 1111 1111');
    l.words[2]!.bbox.x0 += 400;
    l.words[2]!.bbox.x1 += 400;
    l.words[3]!.bbox.x0 += 400;
    l.words[3]!.bbox.x1 += 400;
    expect(findCards([l])).toEqual([]);
  });

  it('does not join groups across lines', () => {
    expect(found('4111 1111', '1111 1111')).toEqual([]);
  });
});

describe('readDigitGroup', () => {
  it.each([
    ['4111', '4111'],
    ['4l11', '4111'],
    ['O000', '0000'],
    ['SSSS', null],
    ['4l1l', null],
    ['12a4', null],
    ['', null],
  ])('%j -> %j', (raw, digits) => expect(readDigitGroup(raw)).toBe(digits));
});
