import { describe, expect, it } from 'vitest';
import { containsCardNumber } from '../../shared/card-mask';
import { safeFilename } from './uploads';

describe('safeFilename', () => {
  it.each([
    ['card 4111 1111 1111 1111.png', 'image/png', 'card 1111.png'],
    ['4111.1111.1111.1111.png', 'image/png', '1111.png'],
    ['card_4111_1111_1111_1111.jpeg', 'image/jpeg', 'card_ 1111.jpg'],
    ['４１１１ １１１１ １１１１ １１１１.png', 'image/png', '1111.png'],
    ['4111\u200B1111\u200B1111\u200B1111.png', 'image/png', '1111.png'],
    // Commas are no separator for the detector, but the sanitiser drops them: masked after too.
    ['4111,1111,1111,1111.png', 'image/png', '1111.png'],
  ])('masks the card number in %j', (name, mime, stored) => {
    const safe = safeFilename(name, mime);
    expect(safe).toBe(stored);
    expect(containsCardNumber(safe)).toBe(false);
  });

  it.each([
    ['Screenshot 2026-11-28 at 14.30.12.png', 'image/png', 'Screenshot 2026-11-28 at 143012.png'],
    ['order ORD-1234567.webp', 'image/webp', 'order ORD-1234567.webp'],
    ['../../etc/passwd', 'image/png', 'screenshot.png'],
    ['my  receipt.png', 'image/png', 'my receipt.png'],
    ['', 'image/png', 'screenshot.png'],
  ])('keeps other names recognisable: %j', (name, mime, stored) => {
    expect(safeFilename(name, mime)).toBe(stored);
  });
});
