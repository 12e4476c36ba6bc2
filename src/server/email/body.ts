/**
 * The text of a customer's mail as a message body: the plain text part (an HTML-only mail
 * arrives converted to text by mailparser; HTML is never stored), with the quoted earlier
 * conversation trimmed where a mail client marks it plainly, and within the message length.
 */
import { MAX_MESSAGE_LENGTH } from '../../shared/protocol/mutations';

/** Lines where clients start quoting the mail being answered; everything from there is dropped. */
const QUOTE_HEADERS = [
  /^On .{1,200}wrote:\s*$/, // Gmail, Apple Mail, Thunderbird
  /^Am .{1,200}schrieb .{0,120}:\s*$/, // German clients
  /^Den .{1,200}skrev .{0,120}:\s*$/, // Swedish clients
  /^-{2,}\s*Original Message\s*-{2,}\s*$/i, // Outlook
  /^-{2,}\s*Ursprüngliche Nachricht\s*-{2,}\s*$/i,
  /^_{10,}\s*$/, // Outlook's rule above "From: … Sent: …"
  /^From: .+$/, // a forwarded or quoted header block (only when Sent/Date follows: see below)
];

function startsQuote(lines: string[], i: number): boolean {
  const line = lines[i]!.trim();
  // A wrapped "On …, X <x@y> wrote:" spans two lines in many clients.
  const joined = i + 1 < lines.length ? `${line} ${lines[i + 1]!.trim()}` : line;
  for (const re of QUOTE_HEADERS) {
    if (re.source.startsWith('^From:')) {
      if (re.test(line) && /^(Sent|Date|Skickat|Gesendet): /.test(lines[i + 1]?.trim() ?? '')) return true;
      continue;
    }
    if (re.test(line) || (/^On /.test(line) && re.test(joined))) return true;
  }
  return false;
}

/** Drops the quoted earlier conversation: from a quote header on, and a trailing block of `>` lines. */
export function trimQuoted(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    if (i > 0 && startsQuote(lines, i)) {
      end = i;
      break;
    }
  }
  let kept = lines.slice(0, end);
  // A quote at the bottom with no header ("> …" lines to the end).
  let last = kept.length;
  while (last > 0 && (/^\s*>/.test(kept[last - 1]!) || kept[last - 1]!.trim() === '')) last--;
  if (last > 0 && last < kept.length && kept.slice(last).some((l) => /^\s*>/.test(l))) kept = kept.slice(0, last);
  return kept.join('\n').trim();
}

export interface MailBody {
  text: string;
  /** The text was longer than a message may be and was cut. */
  truncated: boolean;
}

/** The message body of a parsed mail; `text` is empty when the mail has no words at all. */
export function mailBody(parsed: { text?: string | undefined }): MailBody {
  const raw = (parsed.text ?? '').replaceAll('\u0000', ''); // PostgreSQL text holds no NUL
  const trimmed = trimQuoted(raw) || raw.trim();
  if (trimmed.length <= MAX_MESSAGE_LENGTH) return { text: trimmed, truncated: false };
  return { text: `${trimmed.slice(0, MAX_MESSAGE_LENGTH - 1)}…`, truncated: true };
}
