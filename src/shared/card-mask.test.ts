import { describe, expect, it } from 'vitest';
import { containsCardNumber, findCardAcross, findCardNumbers, luhnValid, maskCardAcross, maskCardNumbers, mayContinueCard } from './card-mask';

const ZWSP = '\u200B';

/** Every form a person or a keyboard produces: [what the customer typed, what is stored]. */
const MUST_MASK: [string, string][] = [
  // ASCII, the usual separators
  ['my card is 4111 1111 1111 1111, thanks', 'my card is •••• 1111, thanks'],
  ['4111111111111111', '•••• 1111'],
  ['4111-1111-1111-1111', '•••• 1111'],
  ['4111.1111.1111.1111', '•••• 1111'],
  ['4111/1111/1111/1111', '•••• 1111'],
  ['4111_1111_1111_1111', '•••• 1111'],
  ['5500 0000 0000 0004 is the one', '•••• 0004 is the one'],
  ['Amex 3782 822463 10005', 'Amex •••• 0005'],
  ['Diners 3056 930902 5904', 'Diners •••• 5904'],
  ['Discover 6011 0009 9013 9424.', 'Discover •••• 9424.'],
  ['13 digits: 4222222222222', '13 digits: •••• 2222'],
  ['19 digits: 4000 0000 0000 0000 006', '19 digits: •••• 0006'],
  ['Maestro 6304000000000000000', 'Maestro •••• 0000'],
  // other Unicode digit forms
  ['full-width ４１１１ １１１１ １１１１ １１１１', 'full-width •••• 1111'],
  ['４１１１１１１１１１１１１１１１', '•••• 1111'],
  ['４１１１\u3000１１１１\u3000１１１１\u3000１１１１ (ideographic spaces)', '•••• 1111 (ideographic spaces)'],
  ['４１１１－１１１１－１１１１－１１１１', '•••• 1111'],
  ['4111 １１１１ 1111 １１１１ mixed', '•••• 1111 mixed'],
  ['Arabic-Indic ٤١١١ ١١١١ ١١١١ ١١١١', 'Arabic-Indic •••• 1111'],
  ['Persian ۴۱۱۱ ۱۱۱۱ ۱۱۱۱ ۱۱۱۱', 'Persian •••• 1111'],
  ['Devanagari ४१११-११११-११११-११११', 'Devanagari •••• 1111'],
  ['Bengali ৪১১১ ১১১১ ১১১১ ১১১১', 'Bengali •••• 1111'],
  ['Thai ๔๑๑๑ ๑๑๑๑ ๑๑๑๑ ๑๑๑๑', 'Thai •••• 1111'],
  ['bold 𝟒𝟏𝟏𝟏 𝟏𝟏𝟏𝟏 𝟏𝟏𝟏𝟏 𝟏𝟏𝟏𝟏', 'bold •••• 1111'],
  ['monospace 𝟻𝟻𝟶𝟶𝟶𝟶𝟶𝟶𝟶𝟶𝟶𝟶𝟶𝟶𝟶𝟺', 'monospace •••• 0004'],
  ['superscript ⁴¹¹¹ ¹¹¹¹ ¹¹¹¹ ¹¹¹¹', 'superscript •••• 1111'],
  ['keycaps 4️⃣1️⃣1️⃣1️⃣1️⃣1️⃣1️⃣1️⃣1️⃣1️⃣1️⃣1️⃣1️⃣1️⃣1️⃣1️⃣ ok', 'keycaps •••• 1111 ok'],
  // invisible characters
  [`4111${ZWSP}1111${ZWSP}1111${ZWSP}1111`, '•••• 1111'],
  [`card ${[...'4111111111111111'].join(ZWSP)} end`, 'card •••• 1111 end'],
  ['4111\u200D1111\u200C1111\u200D1111', '•••• 1111'],
  ['4111\u20601111\u20601111\u20601111', '•••• 1111'],
  ['\uFEFF4111\uFEFF1111\uFEFF1111\uFEFF1111', '\uFEFF•••• 1111'],
  ['4111\u00AD1111\u00AD1111\u00AD1111', '•••• 1111'],
  ['card: \u200E4111 1111 1111 1111\u200F!', 'card: \u200E•••• 1111!'],
  ['4\uFE0F111 1111 1111 1111', '•••• 1111'],
  ['4111\u034F1111\u180E1111\u20631111', '•••• 1111'],
  // any run of separators, of any kind
  ['4111\u00A01111\u00A01111\u00A01111', '•••• 1111'],
  ['4111\u202F1111\u20091111\u20071111', '•••• 1111'],
  ['4111\t1111\n1111\r\n1111', '•••• 1111'],
  ['4111 - 1111 -- 1111  1111', '•••• 1111'],
  ['4111–1111—1111‒1111', '•••• 1111'],
  ['4111−1111−1111−1111', '•••• 1111'],
  ['4111·1111·1111·1111', '•••• 1111'],
  ['4111 / 1111 / 1111 / 1111', '•••• 1111'],
  ['Hi\nmy card\n4111\n1111\n1111\n1111\nthanks', 'Hi\nmy card\n•••• 1111\nthanks'],
  // cards among other numbers and text
  ['4111 1111 1111 1111 12/27 123', '•••• 1111 12/27 123'],
  ['Visa 4111 1111 1111 1111 exp 12/27', 'Visa •••• 1111 exp 12/27'],
  ['two: 4111 1111 1111 1111 5500 0000 0000 0004', 'two: •••• 1111 •••• 0004'],
  ['order 12345 paid with 4111 1111 1111 1111 and 5500-0000-0000-0004', 'order 12345 paid with •••• 1111 and •••• 0004'],
  ['ORD-1234567 4111 1111 1111 1111', 'ORD-1234567 •••• 1111'],
  ['paid 49.90 4111 1111 1111 1111', 'paid 49.90 •••• 1111'],
  ['card4111111111111111', 'card•••• 1111'],
  ['卡号4111111111111111', '卡号•••• 1111'],
  ['💳4111 1111 1111 1111💳', '💳•••• 1111💳'],
  ['card_4111_1111_1111_1111.png', 'card_•••• 1111.png'],
  ['Kortnummer: 4111 1111 1111 1111. Tack!', 'Kortnummer: •••• 1111. Tack!'],
  ['mistyped groups 4111 11111111 1111', 'mistyped groups •••• 1111'],
  ['pairs 41 11 11 11 11 11 11 11', 'pairs •••• 1111'],
  ['5555 5555 5555 4444, 4242424242424242', '•••• 4444, •••• 4242'],
];

/** Numbers that are not cards: they stay exactly as written. */
const MUST_STAY: string[] = [
  // order numbers (the demo world writes ORD- and seven digits)
  'order ORD-1234567',
  'orders ORD-1234567, ORD-7654321 and ORD-1111111',
  'ORD-1234567 ORD-7654321 ORD-4111111',
  'order number 1234567',
  // phone numbers
  'call me on +46 70 123 45 67',
  '+1 (415) 555-0132',
  '+44 20 7946 0958',
  '+49 1512 3456 787', // 13 digits, Luhn-valid: a phone number all the same
  '070-123 45 67',
  '(555) 123-4567 or 555.123.4567',
  // IBANs (the SE77 and DE19 ones hold Luhn-valid runs of four groups)
  'IBAN GB82 WEST 1234 5698 7654 32',
  'SE45 5000 0000 0583 9825 7466',
  'DE89 3704 0044 0532 0130 00',
  'please pay to SE77 5542 4072 1866 9243 6621 today',
  'DE19 4375 9759 3584 3788 12',
  'IBAN: DE89370400440532013000',
  'FR14 2004 1010 0505 0001 3M02 606',
  'NL91 ABNA 0417 1643 00',
  'ＳＥ７７ ５５４２ ４０７２ １８６６ ９２４３ ６６２１',
  'se77 5542 4072 1866 9243 6621',
  // tracking numbers
  'UPS 1Z999AA10123456784',
  '9400 1000 0000 0000 0000 00',
  '9400 1234 5678 9012 3456 00',
  '9205 5000 0000 1234 0005',
  '9400100000000000000000',
  // dates
  '2026-11-28',
  '28.11.2026',
  '11/28/2026',
  'from 2026-11-28 - 2026-12-11', // the digits of both dates pass Luhn
  '28.11.2026 12.11.2026',
  'due 2026-11-28T14:30:00Z',
  // amounts
  '1 234,50 kr',
  '$1,234.56',
  '1.234,50 €',
  '12 345 678 901 237 kr',
  'the 3 items cost 49, 99 and 120 kr',
  // references and ids
  'reference HX7K-2M9P',
  'ref 2345-6789',
  'TX7KQ2M9PZ4A',
  'PO4500012345679',
  'TXN-2026112800000000126',
  'txn_2026112800000000123456',
  'transaction 202611280000000012345678',
  'INV/2026/000123',
  'error E-4021 at 14:30',
  // other digits
  '4111 1111 1111 1112', // fails Luhn
  'tracking 123456789012', // 12 digits
  '12345678901234567890123', // 23 digits in one run
  '4111 1111 1111',
  '0000 0000 0000 0000',
  'postcode 114 55 Stockholm',
  'version 1.2.3.4 build 2026.11.28',
  '192.168.100.200 10.0.0.1',
  'ISBN 978-3-16-148410-0',
  'already masked •••• 1111',
  'no digits at all, just words ✨',
];

describe('card number masking', () => {
  it.each(MUST_MASK)('masks %j', (typed, stored) => {
    expect(maskCardNumbers(typed)).toBe(stored);
    expect(containsCardNumber(typed)).toBe(true);
    expect(containsCardNumber(stored)).toBe(false);
  });

  it.each(MUST_STAY.map((t) => [t]))('leaves %j alone', (text) => {
    expect(findCardNumbers(text)).toEqual([]);
    expect(maskCardNumbers(text)).toBe(text);
  });

  it('keeps both tables large', () => {
    expect(MUST_MASK.length).toBeGreaterThanOrEqual(40);
    expect(MUST_STAY.length).toBeGreaterThanOrEqual(40);
  });

  it('reports ranges of the original text, invisible characters after the last digit included', () => {
    const text = `a ４１１１${ZWSP}１１１１ 1111 1111\uFE0F b`;
    const [m] = findCardNumbers(text);
    expect(m).toEqual({ start: 2, end: text.length - 2, last4: '1111' });
  });

  it('masks what was masked before (the old detector) the same way', () => {
    expect(maskCardNumbers('3782 822463 10005')).toBe('•••• 0005');
    expect(maskCardNumbers('•••• 1111')).toBe('•••• 1111');
  });

  it('implements Luhn', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
    expect(containsCardNumber('4111111111111111')).toBe(true);
    expect(containsCardNumber('nothing here')).toBe(false);
  });
});

/** [previous messages (oldest first), new message, previous as stored after, new as stored]. */
const ACROSS_MASK: [string[], string, string[], string][] = [
  [['4111 1111'], '1111 1111', ['••••'], '•••• 1111'],
  [['4111'], '1111 1111 1111', ['••••'], '•••• 1111'],
  [['4111 1111 1111'], '1111', ['••••'], '•••• 1111'],
  [['4111', '1111', '1111'], '1111', ['••••', '••••', '••••'], '•••• 1111'],
  [['my card is 4111 1111'], '1111 1111 ok?', ['my card is ••••'], '•••• 1111 ok?'],
  [['hi', '4111 1111'], '1111 1111', ['hi', '••••'], '•••• 1111'],
  [['４１１１ １１１１'], '１１１１ １１１１', ['••••'], '•••• 1111'],
  [[`4111${ZWSP}1111${ZWSP}`], `${ZWSP}1111${ZWSP}1111`, ['••••'], `${ZWSP}•••• 1111`],
  [['4111-1111-1111-'], '1111', ['••••-'], '•••• 1111'],
  [['3782 822463'], '10005', ['••••'], '•••• 0005'],
  [['card: 4111 1111 '], ' 1111 1111.', ['card: •••• '], ' •••• 1111.'],
  [['٤١١١ ١١١١'], '١١١١ ١١١١ شكرا', ['••••'], '•••• 1111 شكرا'],
];

/** Consecutive messages that together hold no card. */
const ACROSS_STAY: [string[], string][] = [
  [['my order is ORD-1234567'], '4111 1111'],
  [['4111 1111'], 'thanks 1111 1111'],
  [['4111 1111 thanks'], '1111 1111'],
  [['call me on +46 70 123'], '45 67'],
  [['2026-11-28 -'], '2026-12-11'],
  [['1111'], '2222'],
  [['•••• 1111'], '1234'],
  [['order 1234567'], '7654321'],
  [['SE77 5542 4072'], '1866 9243 6621'],
  [['1 234'], '567 890 123 456'],
];

describe('card numbers across messages', () => {
  it.each(ACROSS_MASK)('masks %j then %j', (previous, next, previousStored, nextStored) => {
    const r = maskCardAcross(previous, next);
    expect(r.next).toBe(nextStored);
    expect(r.previous).toEqual(previousStored);
    expect(r.changed).toEqual(previous.flatMap((p, k) => (p === previousStored[k] ? [] : [k])));
    expect(findCardAcross(previous, next)).not.toEqual([]);
  });

  it.each(ACROSS_STAY)('leaves %j then %j alone', (previous, next) => {
    expect(findCardAcross(previous, next)).toEqual([]);
    expect(maskCardAcross(previous, next)).toEqual({ previous, next, changed: [] });
  });

  it('reports only cards that span the boundary; masks each text on its own as well', () => {
    expect(findCardAcross(['4111 1111 1111 1111'], '5500 0000 0000 0004')).toEqual([]);
    expect(maskCardAcross(['4111 1111 1111 1111'], '5500 0000 0000 0004')).toEqual({ previous: ['•••• 1111'], next: '•••• 0004', changed: [0] });
  });

  it('says which messages may continue a card', () => {
    expect(mayContinueCard('1111')).toBe(true);
    expect(mayContinueCard(`  ${ZWSP}- １１`)).toBe(true);
    expect(mayContinueCard('𝟏𝟏')).toBe(true);
    expect(mayContinueCard('thanks 1111')).toBe(false);
    expect(mayContinueCard('')).toBe(false);
  });
});

describe('masking on the hot path', () => {
  it('masks 100k typical messages cheaply (time reported, not asserted)', () => {
    const typical = [
      'Hi, my payment has not shown up yet.',
      'I paid on 2026-11-28 but the app still says I owe 1 299,00 kr.',
      'Order ORD-4821937 arrived broken, can I return it?',
      'My phone number is +46 70 123 45 67, please call me.',
      'Hej! Jag har betalat fakturan men fått en påminnelse ändå 😕',
      'The tracking number is 1Z999AA10123456784',
      'Thanks, that helped a lot!',
      'Reference HX7K-2M9P, you said it would be refunded within 5 days.',
      'I was charged twice: $49.99 and $49.99 on 11/28/2026.',
      'Can I pay with another card? The one ending 4242 expired.',
      'ok',
      'My IBAN is SE45 5000 0000 0583 9825 7466',
      'I paid with my card 4111 1111 1111 1111, can you check?',
    ];
    const messages = Array.from({ length: 100_000 }, (_, i) => typical[i % typical.length]!);
    let masked = 0;
    const t0 = performance.now();
    for (const m of messages) if (maskCardNumbers(m) !== m) masked++;
    const ms = performance.now() - t0;
    console.log(`[card-mask] masked 100k typical messages in ${ms.toFixed(0)} ms (${((ms * 1000) / 100_000).toFixed(2)} µs each); ${masked} held a card`);
    expect(masked).toBe(Math.floor(100_000 / typical.length) + (100_000 % typical.length > 12 ? 1 : 0));
  });
});
