import { describe, expect, it } from 'vitest';
import { containsCardNumber, luhnValid, maskCardNumbers } from './card-mask';

describe('card number masking', () => {
  it.each([
    ['4111111111111111', '•••• 1111'],
    ['4111 1111 1111 1111', '•••• 1111'],
    ['4111-1111-1111-1111', '•••• 1111'],
    ['4111.1111.1111.1111', '•••• 1111'],
    ['5500 0000 0000 0004', '•••• 0004'],
    ['3782 822463 10005', '•••• 0005'], // Amex, 15 digits, 4-6-5
    ['6011 0009 9013 9424', '•••• 9424'],
    ['4222222222222', '•••• 2222'], // 13 digits
  ])('masks %s', (card, masked) => {
    expect(maskCardNumbers(`my card is ${card}, thanks`)).toBe(`my card is ${masked}, thanks`);
  });

  it('masks several cards and cards next to other numbers', () => {
    expect(maskCardNumbers('order 12345 paid with 4111 1111 1111 1111 and 5500-0000-0000-0004')).toBe(
      'order 12345 paid with •••• 1111 and •••• 0004',
    );
  });

  it('leaves numbers that are not card numbers alone', () => {
    const texts = [
      'order AD-2026-448812 for 1 299,00 kr',
      'call me on +46 70 123 45 67',
      '4111 1111 1111 1112', // fails Luhn
      'tracking 123456789012', // 12 digits
      '12345678901234567890123', // 23 digits in one run
      'IBAN DE89 3704 0044 0532 0130 00',
    ];
    for (const t of texts) expect(maskCardNumbers(t)).toBe(t);
  });

  it('implements Luhn', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
    expect(containsCardNumber('4111111111111111')).toBe(true);
    expect(containsCardNumber('nothing here')).toBe(false);
  });
});
