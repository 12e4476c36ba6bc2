/**
 * The email channel of one desk server: mail in (an SMTP listener, when a port is given), mail
 * out (replies queued in the reply's transaction, sent through the relay or, without one, written
 * as .eml files into `<data dir>/outbox-mail/`).
 */
import path from 'node:path';
import type { FileStore } from '../attachments/file-store';
import type { Uploads } from '../attachments/uploads';
import type { Deps } from '../deps';
import type { CustomerChats } from '../tickets/customer-chats';
import { createMailIn } from './mail-in';
import { createMailOut } from './mail-out';
import { createMailSender } from './sender';
import { startSmtpIn, type SmtpIn } from './smtp-in';
import { folderTransport, relayTransport } from './transport';

export const DEFAULT_SUPPORT_ADDRESS = 'support@agent-desk.localhost';
export const DEFAULT_SMTP_PORT = 2525;
export const DEFAULT_MAIL_MAX_BYTES = 25 * 1024 * 1024;
export const OUTBOX_FOLDER = 'outbox-mail';

export interface MailOptions {
  /** The address customers write to and replies come from. */
  supportAddress?: string;
  /** Mail in: listen for SMTP on this port (0: any free port); absent: no mail in. */
  smtpPort?: number;
  /** The address mail in listens on (default: the HTTP host, loopback). */
  smtpHost?: string;
  /** smtp://[user:password@]host:port of the relay replies go through; absent: .eml files. */
  relay?: string;
  /** Largest mail accepted, in bytes (default 25 MB). */
  maxBytes?: number;
  /** Sender timings (tests shorten them). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  pollMs?: number;
}

export function createMail(deps: Deps, opts: MailOptions, files: FileStore) {
  const supportAddress = opts.supportAddress ?? DEFAULT_SUPPORT_ADDRESS;
  const transport = opts.relay ? relayTransport(opts.relay) : folderTransport(path.join(deps.dataDir, OUTBOX_FOLDER));
  const sender = createMailSender({
    storage: deps.storage,
    transport,
    files,
    clock: deps.clock,
    log: deps.log.child({ module: 'mail-out' }),
    supportAddress,
    retryBaseMs: opts.retryBaseMs,
    retryMaxMs: opts.retryMaxMs,
    pollMs: opts.pollMs,
  });
  const out = createMailOut({ supportAddress, queued: () => sender.kick() });
  let smtp: SmtpIn | null = null;

  return {
    out,
    supportAddress,
    /** Where replies go: the relay (password hidden) or the .eml folder. */
    outgoing: transport.describe,
    /** The port mail in listens on, once started (null: no mail in). */
    get smtpPort(): number | null {
      return smtp?.port ?? null;
    },
    /** Starts the sender (unsent mail from before a restart goes first) and mail in, if configured. */
    async start(chats: Pick<CustomerChats, 'email'>, uploads: Pick<Uploads, 'prepare'>, listenHost: string): Promise<void> {
      sender.start();
      if (opts.smtpPort === undefined) return;
      const mailIn = createMailIn(deps, chats, uploads);
      smtp = await startSmtpIn({
        host: opts.smtpHost ?? listenHost,
        port: opts.smtpPort,
        supportAddress,
        maxBytes: opts.maxBytes ?? DEFAULT_MAIL_MAX_BYTES,
        log: deps.log.child({ module: 'mail-in' }),
        receive: (mail) => mailIn.receive(mail),
      });
      deps.log.info({ port: smtp.port, supportAddress }, 'mail in listening');
    },
    async close(): Promise<void> {
      await smtp?.close();
      await sender.stop();
    },
  };
}
export type DeskMail = ReturnType<typeof createMail>;
