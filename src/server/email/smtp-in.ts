/**
 * Mail in: the desk's own SMTP listener (smtp-server), loopback by default like the HTTP port.
 * It accepts mail for the support address only, refuses an oversized mail with a clear 552, parses
 * with mailparser and hands the mail to mail-in.ts. A failure to store is a temporary 451, so the
 * sending server retries (the Message-ID makes a retry that did get stored a no-op). No AUTH and
 * no STARTTLS: the listener sits behind the organisation's MX (docs/deploy.md).
 */
import type { AddressObject } from 'mailparser';
import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import type { InboundMail, MailInOutcome } from './mail-in';

export interface SmtpInOptions {
  host: string;
  /** 0: any free port (tests). */
  port: number;
  supportAddress: string;
  maxBytes: number;
  log: Logger;
  receive(mail: InboundMail): Promise<MailInOutcome>;
}

export interface SmtpIn {
  port: number;
  close(): Promise<void>;
}

/** An SMTP reply with its code: smtp-server sends `responseCode` and the message. */
function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

const firstAddress = (a: AddressObject | AddressObject[] | undefined) => (Array.isArray(a) ? a[0] : a)?.value[0];

export async function startSmtpIn(opts: SmtpInOptions): Promise<SmtpIn> {
  const support = opts.supportAddress.toLowerCase();
  const megabytes = (opts.maxBytes / (1024 * 1024)).toFixed(opts.maxBytes % (1024 * 1024) === 0 ? 0 : 1);

  async function handle(raw: Buffer, envelopeFrom: string | null): Promise<MailInOutcome> {
    const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextLinks: true });
    const from = firstAddress(parsed.from);
    const address = from?.address || envelopeFrom;
    if (!address) throw smtpError(550, '5.1.7 The mail has no sender address; we cannot answer it.');
    return opts.receive({
      messageId: parsed.messageId ? (parsed.messageId.startsWith('<') ? parsed.messageId : `<${parsed.messageId}>`) : null,
      from: { address, name: from?.name || null },
      subject: parsed.subject ?? '',
      text: parsed.text,
      attachments: parsed.attachments.map((a) => ({ filename: a.filename ?? null, content: a.content })),
    });
  }

  const server = new SMTPServer({
    name: support.split('@')[1] || 'agent-desk',
    banner: 'Agent Desk mail in',
    size: opts.maxBytes,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    maxClients: 50,
    socketTimeout: 60_000,
    onRcptTo(address, _session, callback) {
      if (address.address.toLowerCase() !== support) return callback(smtpError(550, `5.1.1 No such mailbox here; write to ${opts.supportAddress}.`));
      callback();
    },
    onData(stream: SMTPServerDataStream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => {
        if (!stream.sizeExceeded) chunks.push(c);
      });
      stream.on('end', () => {
        if (stream.sizeExceeded)
          return callback(smtpError(552, `5.3.4 The message is larger than ${megabytes} MB; send smaller attachments or fewer of them.`));
        const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
        handle(Buffer.concat(chunks), envelopeFrom).then(
          (outcome) => {
            opts.log.info({ ticketId: outcome.ticketId, kind: outcome.kind }, 'mail received');
            callback(null, `Received: case ${outcome.reference}`);
          },
          (err: unknown) => {
            if (err instanceof Error && 'responseCode' in err) return callback(err);
            opts.log.error({ err }, 'storing a received mail failed');
            callback(smtpError(451, '4.3.0 The desk could not store the mail just now; try again later.'));
          },
        );
      });
    },
  });
  server.on('error', (err) => opts.log.warn({ err: err.message }, 'mail in: connection error'));
  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE' || err.code === 'EACCES'
          ? new Error(`Mail in cannot listen on ${opts.host}:${opts.port} (${err.code}); choose another port with --smtp-port N, or turn mail in off with --smtp-port 0.`, { cause: err })
          : err,
      );
    server.server.once('error', onError);
    server.listen(opts.port, opts.host, () => {
      server.server.off('error', onError);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
