/**
 * Mail out, the sending half: sends queued mail (mail_outbox) after its commit, with retries.
 * Woken by each commit that queues mail, by a timer at the next retry, and by a slow poll (mail
 * another node queued). Each mail is first claimed with a lease (on PostgreSQL several nodes
 * share the outbox: one sends it); a failure is counted and tried again later, backing off
 * exponentially up to a cap; a restart finds the unsent rows and sends them.
 */
import type { Logger } from 'pino';
import type { FileStore } from '../attachments/file-store';
import type { AsyncStore } from '../storage/async-store';
import type { MailOutboxDbRow } from '../storage/tables/mail-outbox';
import type { Clock } from '../util/clock';
import type { MailTransport } from './transport';

export interface MailSenderOptions {
  storage: AsyncStore;
  transport: MailTransport;
  files: FileStore;
  clock: Clock;
  log: Logger;
  supportAddress: string;
  /** The first retry waits this long, each next one twice as long (default 30 s). */
  retryBaseMs?: number;
  /** The longest wait between attempts (default 1 h). */
  retryMaxMs?: number;
  /** How long a claimed mail is kept from other senders while one sends it (default 5 min). */
  leaseMs?: number;
  /** Looks for mail other nodes queued this often (default 30 s). */
  pollMs?: number;
}

const BATCH = 20;

/** The wait before the next attempt after `attempts` failed ones (1, 2, …), capped. */
export function retryDelay(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

export function createMailSender(opts: MailSenderOptions) {
  const { storage, transport, clock, log } = opts;
  const baseMs = opts.retryBaseMs ?? 30_000;
  const maxMs = opts.retryMaxMs ?? 3_600_000;
  const leaseMs = opts.leaseMs ?? 300_000;
  const pollMs = opts.pollMs ?? 30_000;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = true;
  const iso = (ms: number) => new Date(ms).toISOString();

  async function attachmentsOf(row: MailOutboxDbRow): Promise<{ filename: string; content: Buffer; contentType: string }[]> {
    if (!row.message_id) return [];
    const found = await storage.read(async (tx) => {
      const message = await tx.messages.get(row.message_id!);
      const ids = message ? (JSON.parse(message.attachment_ids_json) as string[]) : [];
      return Promise.all(ids.map((id) => tx.attachments.get(id)));
    });
    return found.flatMap((a) => (a ? [{ filename: a.filename, content: opts.files.get(a.sha256), contentType: a.mime }] : []));
  }

  async function sendOne(row: MailOutboxDbRow): Promise<void> {
    const now = clock.now().getTime();
    if (!(await storage.write((tx) => tx.mailOutbox.claim(row.id, iso(now), iso(now + leaseMs))))) return;
    try {
      await transport.send({
        from: { name: 'Customer support', address: opts.supportAddress },
        to: row.to_address,
        subject: row.subject,
        text: row.body,
        messageId: row.mail_message_id,
        ...(row.in_reply_to ? { inReplyTo: row.in_reply_to } : {}),
        ...(row.references_header ? { references: row.references_header } : {}),
        attachments: await attachmentsOf(row),
      });
    } catch (err) {
      const attempts = row.attempts + 1;
      const delay = retryDelay(attempts, baseMs, maxMs);
      const reason = err instanceof Error ? err.message.slice(0, 500) : String(err).slice(0, 500);
      await storage.write((tx) => tx.mailOutbox.markFailed(row.id, reason, iso(clock.now().getTime() + delay)));
      log.warn({ mailId: row.id, ticketId: row.ticket_id, attempts, retryInMs: delay, err: reason }, 'sending a reply mail failed; it stays queued');
      return;
    }
    await storage.write((tx) => tx.mailOutbox.markSent(row.id, tx.now));
    log.info({ mailId: row.id, ticketId: row.ticket_id, via: transport.describe }, 'reply mail sent');
  }

  async function drain(): Promise<void> {
    for (;;) {
      const due = await storage.read((tx) => tx.mailOutbox.due(clock.now().toISOString(), BATCH));
      for (const row of due) {
        if (stopped) return;
        await sendOne(row);
      }
      if (due.length < BATCH) return;
    }
  }

  /** Sets the timer for the next due mail (or the poll, whichever comes first). */
  async function schedule(): Promise<void> {
    if (stopped) return;
    const next = await storage.read((tx) => tx.mailOutbox.nextDueAt());
    const wait = next ? Math.max(0, Math.min(pollMs, Date.parse(next) - clock.now().getTime())) : pollMs;
    if (timer) clearTimeout(timer);
    timer = setTimeout(kick, Math.max(50, wait));
    timer.unref();
  }

  /** Runs one pass now (or right after the pass under way). */
  function kick(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await drain();
          await schedule();
        } catch (err) {
          log.error({ err }, 'mail sender pass failed; trying again shortly');
          if (!stopped) {
            if (timer) clearTimeout(timer);
            timer = setTimeout(kick, Math.min(pollMs, baseMs));
            timer.unref();
          }
        }
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
  }

  return {
    start(): void {
      stopped = false;
      kick();
    },
    kick,
    /** Stops the timers and waits for the mail being sent (if any). */
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
      transport.close();
    },
  };
}
export type MailSender = ReturnType<typeof createMailSender>;
