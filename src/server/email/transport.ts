/**
 * Where outgoing mail goes: a configured SMTP relay (nodemailer), or, with none (the demo world),
 * a folder of .eml files (`<data dir>/outbox-mail/`) any mail client opens.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';

export interface MailTransport {
  /** Where mail goes, for the log and the banner (a relay URL without its password). */
  readonly describe: string;
  send(mail: Mail.Options): Promise<void>;
  close(): void;
}

/** smtp://user:secret@host:port → smtp://user:***@host:port */
export function redactRelayUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return 'an unparsable relay URL';
  }
}

export function isRelayUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'smtp:' || u.protocol === 'smtps:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/** Sends through an SMTP relay; a relay that does not answer fails the attempt within seconds. */
export function relayTransport(url: string, timeoutMs = 15_000): MailTransport {
  // Pooled: a burst of replies reuses a few connections instead of a handshake per mail.
  const transporter = nodemailer.createTransport({ url, pool: true, maxConnections: 3, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs * 2 });
  return {
    describe: redactRelayUrl(url),
    send: async (mail) => void (await transporter.sendMail(mail)),
    close: () => transporter.close(),
  };
}

/** Writes each mail as `<time>-<message id>.eml` into `dir`, atomically (temp file + rename). */
export function folderTransport(dir: string): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    describe: dir,
    async send(mail) {
      const info = await transporter.sendMail(mail);
      mkdirSync(dir, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const id = String(mail.messageId ?? info.messageId).replace(/[^A-Za-z0-9._-]/g, '');
      const file = path.join(dir, `${stamp}-${id.slice(0, 60)}.eml`);
      writeFileSync(`${file}.tmp`, info.message as Buffer);
      renameSync(`${file}.tmp`, file);
    },
    close: () => transporter.close(),
  };
}
