/**
 * Case reference numbers customers quote later: short, unambiguous characters (no 0/O, 1/I),
 * with a check character (Luhn mod N) that catches every single mistyped character and every
 * swap of two adjacent characters.
 *
 * Format: 7 payload characters + 1 check character, shown as `XXXX-XXXX`.
 */
export const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const N = REFERENCE_ALPHABET.length; // 32
const PAYLOAD_LENGTH = 7;

function codePoint(ch: string): number {
  const i = REFERENCE_ALPHABET.indexOf(ch);
  if (i < 0) throw new Error(`"${ch}" is not a reference character`);
  return i;
}

/** Luhn mod N check character for a payload (alphabet characters only). */
export function referenceCheckCharacter(payload: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = payload.length - 1; i >= 0; i--) {
    let addend = factor * codePoint(payload[i] as string);
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / N) + (addend % N);
    sum += addend;
  }
  const remainder = sum % N;
  return REFERENCE_ALPHABET[(N - remainder) % N] as string;
}

/** Makes a reference from a source of random integers in [0, 32). */
export function makeReference(randomIndex: () => number): string {
  let payload = '';
  for (let i = 0; i < PAYLOAD_LENGTH; i++) {
    const idx = randomIndex();
    if (!Number.isInteger(idx) || idx < 0 || idx >= N) throw new Error('randomIndex must return an integer in [0, 32)');
    payload += REFERENCE_ALPHABET[idx];
  }
  return formatReference(payload + referenceCheckCharacter(payload));
}

/** `ABCD2345` → `ABCD-2345`. */
export function formatReference(compact: string): string {
  return `${compact.slice(0, 4)}-${compact.slice(4)}`;
}

export type ReferenceParse =
  | { ok: true; reference: string }
  | { ok: false; reason: 'length' | 'character' | 'check' };

/**
 * Normalises what a customer or agent typed (case, spaces, dashes) and verifies the check
 * character. Returns the canonical `XXXX-XXXX` form.
 */
export function parseReference(input: string): ReferenceParse {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  if (compact.length !== PAYLOAD_LENGTH + 1) return { ok: false, reason: 'length' };
  for (const ch of compact) if (!REFERENCE_ALPHABET.includes(ch)) return { ok: false, reason: 'character' };
  const payload = compact.slice(0, PAYLOAD_LENGTH);
  if (referenceCheckCharacter(payload) !== compact[PAYLOAD_LENGTH]) return { ok: false, reason: 'check' };
  return { ok: true, reference: formatReference(compact) };
}
