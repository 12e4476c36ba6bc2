/** Small text helpers for display. */

/** "Ana María López" → "AL". */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '?';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** "anna.kowalska@example.com" → "a••••••a@example.com" (UX.md: masked e-mail on the card). */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return email;
  const local = email.slice(0, at);
  const shown = local.length <= 2 ? `${local[0]}•` : `${local[0]}${'•'.repeat(Math.min(6, local.length - 2))}${local[local.length - 1]}`;
  return shown + email.slice(at);
}

/** "+46 70 123 45 67" → "•••• 567". */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length < 4 ? phone : `•••• ${digits.slice(-3)}`;
}
