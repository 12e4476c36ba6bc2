import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_LENGTH } from '../../shared/protocol/mutations';
import { mailBody, trimQuoted } from './body';

/** A mail as it arrives: composed by nodemailer, parsed by mailparser, as mail in does. */
async function roundTrip(content: { text?: string; html?: string }) {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true });
  const { message } = await composer.sendMail({ from: 'anna@mail.example', to: 'support@desk.example', subject: 'Hi', ...content });
  return simpleParser(message as Buffer);
}

describe('trimQuoted', () => {
  it('drops the quoted mail under an "On … wrote:" line, even wrapped over two lines', () => {
    expect(trimQuoted('Thanks, that worked!\n\nOn Mon, 2 Mar 2026 at 10:00, Support <support@desk.example> wrote:\n> Try again\n> now')).toBe('Thanks, that worked!');
    expect(trimQuoted('Still broken.\n\nOn Mon, 2 Mar 2026 at 10:00, Customer Support\n<support@desk.example> wrote:\n> Try again')).toBe('Still broken.');
  });

  it("drops Outlook's original message and From/Sent header block", () => {
    expect(trimQuoted('Yes please.\n\n-----Original Message-----\nFrom: Support\nSent: Monday\nhello')).toBe('Yes please.');
    expect(trimQuoted('Yes please.\n________________________________\nFrom: Support <s@d.example>\nSent: Monday\n\nhello')).toBe('Yes please.');
  });

  it('drops a trailing block of > lines but keeps an inline quote the customer answers below', () => {
    expect(trimQuoted('Done.\n\n> Did you pay?\n> Yes\n')).toBe('Done.');
    expect(trimQuoted('> Did you pay?\nYes, on Monday.')).toBe('> Did you pay?\nYes, on Monday.');
  });

  it('keeps a "From:" line that starts no header block, and text without quotes as is', () => {
    expect(trimQuoted('Hi,\nFrom: my bank statement, the payment left on Monday.\nAnna')).toBe('Hi,\nFrom: my bank statement, the payment left on Monday.\nAnna');
  });
});

describe('mailBody', () => {
  it('takes the text part of a mail with both parts', async () => {
    const parsed = await roundTrip({ text: 'Plain words', html: '<p>HTML <b>words</b></p>' });
    expect(mailBody(parsed)).toStrictEqual({ text: 'Plain words', truncated: false });
  });

  it('turns an HTML-only mail into text, no markup or script left', async () => {
    const parsed = await roundTrip({ html: '<html><head><style>p{color:red}</style><script>alert(1)</script></head><body><p>My <b>payment</b> failed.</p><p>Order 123</p></body></html>' });
    const { text } = mailBody(parsed);
    expect(text).toContain('My payment failed.');
    expect(text).toContain('Order 123');
    expect(text).not.toMatch(/<|>|alert|color:red/);
  });

  it('cuts a body longer than a message may be, and says so', () => {
    const long = mailBody({ text: 'x'.repeat(MAX_MESSAGE_LENGTH + 50) });
    expect(long.truncated).toBe(true);
    expect(long.text).toHaveLength(MAX_MESSAGE_LENGTH);
  });

  it('keeps a mail that is all quote rather than leave it empty', () => {
    expect(mailBody({ text: '> only a quote' }).text).toBe('> only a quote');
    expect(mailBody({ text: undefined }).text).toBe('');
  });
});
