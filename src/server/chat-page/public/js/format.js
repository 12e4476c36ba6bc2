// @ts-check
/**
 * Formatting and checking without side effects: times, queue waits, byte sizes, file names
 * for headers, phone links, and reference numbers (normalising and the check character).
 */

const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** @param {number} bytes */
export function formatBytes(bytes) {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** "14:05" in the customer's locale, or '' for a bad date. @param {string} iso */
export function formatTime(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : timeFormat.format(d);
}

const zonedTimeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });

/** "14:05 CET": a time the customer acts by names its time zone; '' for a bad date. @param {string} iso */
export function formatZonedTime(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : zonedTimeFormat.format(d);
}

/** @param {number} sec */
export function formatWait(sec) {
  if (sec < 60) return 'less than a minute';
  const min = Math.round(sec / 60);
  if (min < 60) return `about ${min} min`;
  const h = Math.floor(min / 60);
  const m = min % 60;
  return m ? `about ${h} h ${m} min` : `about ${h} h`;
}

/** @param {number} n */
export function ordinalLine(n) {
  return n <= 1 ? "You're next in line" : `You're number ${n} in line`;
}

/** A `tel:` link for a phone number as shown ("+46 8 123 45" → "tel:+46812345"). @param {string} phone */
export function telHref(phone) {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/** Header values must be Latin-1; the server keeps only letters, digits, spaces, _ and - anyway. */
/** @param {string} name */
export function headerSafeFilename(name) {
  const ascii = name.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').trim();
  return (ascii || 'screenshot').slice(0, 120);
}

/**
 * Upper-cases and inserts the dash: "abcd efgh" → "ABCD-EFGH". Returns null when it can't be one.
 * @param {string} input
 */
export function normaliseReference(input) {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  if (compact.length !== 8) return null;
  for (const ch of compact) if (!REFERENCE_ALPHABET.includes(ch)) return null;
  return `${compact.slice(0, 4)}-${compact.slice(4)}`;
}

/** Luhn mod 32 over the reference alphabet, as src/shared/reference.ts. @param {string} ref "XXXX-XXXX" */
export function referenceChecks(ref) {
  const chars = ref.replace('-', '');
  const payload = chars.slice(0, 7);
  const n = REFERENCE_ALPHABET.length;
  let factor = 2;
  let sum = 0;
  for (let i = payload.length - 1; i >= 0; i--) {
    let addend = factor * REFERENCE_ALPHABET.indexOf(payload.charAt(i));
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / n) + (addend % n);
    sum += addend;
  }
  return REFERENCE_ALPHABET[(n - (sum % n)) % n] === chars.charAt(7);
}
