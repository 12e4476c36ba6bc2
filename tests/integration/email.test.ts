/**
 * Email as a channel, end to end on loopback: mail in over the desk's SMTP port → a case with a
 * reference the agent API sees → the agent's reply through the normal push path → a mail at a
 * test relay (an smtp-server sink) with the reference in the subject → the customer's reply
 * threads into the same case. Also: oversized mail refused, a disguised attachment refused while
 * the text arrives, card numbers masked, a redelivery stored once, an unknown sender's visitor
 * case, and a relay that is down: the reply stays queued and goes out when the relay is back.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change, PullResponse } from '../../src/shared/protocol/sync';
import { createPostgresPool } from '../../src/server/storage/postgres/pool';
import { api, clientMsgId } from '../helpers/api';
import { startTestServer, type LoginResult, type TestServer } from '../helpers/server';
import { agentsIn } from '../helpers/world';

const SUPPORT = 'support@desk.example';
const CARD = '4111 1111 1111 1111';

/** A test relay: an SMTP server on loopback that keeps every mail it is given. */
interface Sink {
  port: number;
  mails: ParsedMail[];
  close(): Promise<void>;
}

async function startSink(port = 0): Promise<Sink> {
  const mails: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (m) => {
          mails.push(m);
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let srv: TestServer;
let sink: Sink;
let agent: LoginResult;
let customer: { id: string; email: string; name: string; region_id: string };
let mailer: ReturnType<typeof nodemailer.createTransport>;

/** Sends a mail to the desk's SMTP port; resolves to the desk's 250 reply, rejects with its refusal. */
async function mailIn(mail: Mail.Options): Promise<string> {
  const info = await mailer.sendMail({ to: SUPPORT, ...mail });
  return info.response;
}
const referenceOf = (response: string) => /case ([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(response)?.[1];

const ticketByRef = (reference: string) =>
  srv.sqlOne<{ id: string; customer_id: string; channel: string; status: string; assignee_id: string | null; linked_ticket_id: string | null; subject: string }>(
    'SELECT id, customer_id, channel, status, assignee_id, linked_ticket_id, subject FROM tickets WHERE reference = ?',
    reference,
  );
const messagesOf = (ticketId: string) =>
  srv.sql<{ author_kind: string; body: string; attachment_ids_json: string }>('SELECT author_kind, body, attachment_ids_json FROM messages WHERE ticket_id = ? ORDER BY created_at, id', ticketId);

const push = (mutations: Record<string, unknown>[]) =>
  api<{ acks: { status: string; code?: string }[] }>(srv.url, 'POST', '/api/sync/push', {
    token: agent.token,
    body: { clientId: 'email-test', protocol: 1, mutations: mutations.map((m) => ({ clientMsgId: clientMsgId(), ...m })) },
  });

async function pullAll(): Promise<Change[]> {
  const changes: Change[] = [];
  let cursor = '';
  for (let page = 0; page < 100; page++) {
    const r = await api<PullResponse>(srv.url, 'GET', `/api/sync/pull?cursor=${encodeURIComponent(cursor)}&limit=1000`, { token: agent.token });
    expect(r.status).toBe(200);
    changes.push(...r.body.changes);
    cursor = r.body.cursor;
    if (!r.body.hasMore) break;
  }
  return changes;
}

beforeAll(async () => {
  sink = await startSink();
  srv = await startTestServer({
    customers: 60,
    historicTickets: 20,
    mail: { smtpPort: 0, supportAddress: SUPPORT, relay: `smtp://127.0.0.1:${sink.port}`, maxBytes: 200_000, retryBaseMs: 150, retryMaxMs: 400, pollMs: 300 },
  });
  mailer = nodemailer.createTransport({ host: '127.0.0.1', port: srv.server.smtpPort!, secure: false, ignoreTLS: true });
  customer = (await srv.sqlOne<typeof customer>(`SELECT id, email, name, region_id FROM customers WHERE identity = 'verified' AND email <> '' ORDER BY id LIMIT 1`))!;
  const supervisor = (await agentsIn(srv, customer.region_id, 'supervisor'))[0] ?? (await srv.sqlOne<{ email: string }>(`SELECT email FROM agents WHERE role = 'supervisor' LIMIT 1`))!;
  agent = await srv.loginAgent(supervisor.email);
});

afterAll(async () => {
  mailer?.close();
  await srv?.close();
  await sink?.close();
});

describe('email round trip on loopback', () => {
  it('mail in → case with a reference → agent reply mailed with the reference → customer reply threads into the case', async () => {
    const firstId = `<first-${Date.now()}@mail.example>`;
    const response = await mailIn({
      from: { name: customer.name, address: customer.email },
      subject: 'My refund is late',
      text: `Hello, my refund has not arrived. I paid with ${CARD}.\n\nAnna`,
      messageId: firstId,
    });
    const reference = referenceOf(response);
    expect(reference, response).toBeDefined();
    const ticket = (await ticketByRef(reference!))!;
    expect(ticket).toMatchObject({ customer_id: customer.id, channel: 'email', status: 'queued', subject: 'My refund is late' });
    const [first] = await messagesOf(ticket.id);
    expect(first!.author_kind).toBe('customer');
    expect(first!.body).toContain('my refund has not arrived');
    expect(first!.body.replace(/\D/g, '')).not.toContain('4111111111111111');

    // The agent's desktop sees the case and its message through the sync API.
    const changes = await pullAll();
    expect(changes.some((c) => c.entity === 'ticket' && c.id === ticket.id)).toBe(true);
    expect(changes.some((c) => c.entity === 'message' && c.op === 'upsert' && (c.row as { ticketId: string }).ticketId === ticket.id)).toBe(true);

    const acks = await push([
      { kind: 'ticket.accept', ticketId: ticket.id },
      { kind: 'message.note', ticketId: ticket.id, body: 'Internal: check the refund batch' },
      { kind: 'message.reply', ticketId: ticket.id, body: 'Your refund left us today; it takes 2-3 days.' },
    ]);
    expect(acks.body.acks.map((a) => a.status)).toStrictEqual(['applied', 'applied', 'applied']);

    const sent = await until('the reply at the relay', async () => sink.mails.find((m) => m.subject?.includes(reference!)));
    expect(sent.subject).toBe(`Re: My refund is late [Ref ${reference}]`);
    expect(sent.to && !Array.isArray(sent.to) ? sent.to.value[0]!.address : null).toBe(customer.email);
    expect(sent.from!.value[0]!.address).toBe(SUPPORT);
    expect(sent.inReplyTo).toBe(firstId);
    expect(sent.text).toContain('Your refund left us today');
    expect(sent.text).not.toContain('Internal');
    expect(sink.mails.filter((m) => m.subject?.includes(reference!))).toHaveLength(1);
    // Marked sent once the relay took it (just after the sink saw it).
    const outbox = await until('the mail marked sent', async () => {
      const rows = await srv.sql<{ sent_at: string | null; attempts: number }>('SELECT sent_at, attempts FROM mail_outbox WHERE ticket_id = ?', ticket.id);
      return rows[0]?.sent_at ? rows : null;
    });
    expect(outbox).toHaveLength(1);
    expect(Number(outbox[0]!.attempts)).toBe(1);

    // The agent resolves; the customer answers the mail (address in another case): the same case,
    // reopened with the same agent, who is at the desk ("one more thing": an agent away would
    // send it back to the queue).
    expect((await api(srv.url, 'PUT', '/api/agents/me/presence', { token: agent.token, body: { presence: 'available' } })).status).toBe(200);
    expect((await push([{ kind: 'ticket.setStatus', ticketId: ticket.id, status: 'resolved' }])).body.acks[0]!.status).toBe('applied');
    const casesOfCustomer = async () => Number((await srv.sqlOne<{ n: number }>('SELECT count(*) AS n FROM tickets WHERE customer_id = ?', customer.id))!.n);
    const casesBefore = await casesOfCustomer();
    const again = await mailIn({
      from: customer.email.toUpperCase(),
      subject: `Re: ${sent.subject}`,
      inReplyTo: sent.messageId,
      references: sent.messageId,
      text: `It still has not arrived.\n\nOn Mon, 2 Mar 2026, Customer support <${SUPPORT}> wrote:\n> Your refund left us today`,
    });
    expect(referenceOf(again)).toBe(reference);
    const after = (await ticketByRef(reference!))!;
    expect(after.status).toBe('open');
    expect(after.assignee_id).toBe(agent.agent.id);
    const customerMessages = (await messagesOf(ticket.id)).filter((m) => m.author_kind === 'customer');
    expect(customerMessages.map((m) => m.body)).toStrictEqual([first!.body, 'It still has not arrived.']);
    expect(await casesOfCustomer()).toBe(casesBefore);
  });

  it('refuses an oversized mail with a clear SMTP error and stores nothing', async () => {
    const before = await srv.sqlOne<{ n: number }>('SELECT count(*) AS n FROM tickets');
    const err = await mailIn({ from: customer.email, subject: 'Huge', text: 'x'.repeat(300_000) }).catch((e: Error & { responseCode?: number }) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as { responseCode?: number }).responseCode).toBe(552);
    expect(String((err as Error).message)).toMatch(/larger than/);
    expect(Number((await srv.sqlOne<{ n: number }>('SELECT count(*) AS n FROM tickets'))!.n)).toBe(Number(before!.n));
  });

  it('refuses mail for any other address than the support address', async () => {
    const err = await mailIn({ to: 'ceo@desk.example', from: customer.email, subject: 'Hi', text: 'Hello' }).catch((e: Error) => e);
    expect((err as { responseCode?: number }).responseCode).toBe(550);
  });

  it('refuses a disguised non-image attachment; the case gets the text, the real image, and a note', async () => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#336699' } }).png().toBuffer();
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), Buffer.alloc(2000, 7)]);
    const response = await mailIn({
      from: customer.email,
      subject: 'Error screen',
      text: 'The app shows an error, screenshots attached.',
      attachments: [
        { filename: 'screenshot.png', content: exe, contentType: 'image/png' },
        { filename: 'real.png', content: png, contentType: 'image/png' },
      ],
    });
    const ticket = (await ticketByRef(referenceOf(response)!))!;
    const messages = await messagesOf(ticket.id);
    const text = messages.find((m) => m.author_kind === 'customer')!;
    expect(text.body).toBe('The app shows an error, screenshots attached.');
    expect(JSON.parse(text.attachment_ids_json)).toHaveLength(1);
    const notes = messages.filter((m) => m.author_kind === 'note').map((m) => m.body);
    expect(notes.some((n) => n.includes('"screenshot.png" was refused') && /not an image we accept/.test(n)), notes.join('\n')).toBe(true);
    const stored = await srv.sql<{ mime: string; filename: string }>('SELECT mime, filename FROM attachments WHERE ticket_id = ?', ticket.id);
    expect(stored).toStrictEqual([{ mime: 'image/png', filename: 'real.png' }]);
  });

  it('stores a redelivered mail (same Message-ID) once', async () => {
    const mail = { from: customer.email, subject: 'Twice', text: 'Delivered twice by a retrying server', messageId: `<twice-${Date.now()}@mail.example>` };
    const one = await mailIn(mail);
    const two = await mailIn(mail);
    expect(referenceOf(two)).toBe(referenceOf(one));
    const tickets = await srv.sql<{ id: string }>(`SELECT id FROM tickets WHERE subject = 'Twice'`);
    expect(tickets).toHaveLength(1);
    expect((await messagesOf(tickets[0]!.id)).filter((m) => m.author_kind === 'customer')).toHaveLength(1);
    expect(await srv.sql('SELECT mail_message_id FROM mail_inbox WHERE mail_message_id = ?', mail.messageId)).toHaveLength(1);
  });

  it('gives an unknown sender a visitor case with a desk note', async () => {
    const response = await mailIn({ from: { name: 'Stranger', address: 'stranger@nowhere.example' }, subject: 'Who are you', text: 'I have a question.' });
    const ticket = (await ticketByRef(referenceOf(response)!))!;
    const owner = (await srv.sqlOne<{ identity: string; email: string; name: string }>('SELECT identity, email, name FROM customers WHERE id = ?', ticket.customer_id))!;
    expect(owner).toStrictEqual({ identity: 'visitor', email: 'stranger@nowhere.example', name: 'Stranger' });
    const notes = (await messagesOf(ticket.id)).filter((m) => m.author_kind === 'note').map((m) => m.body);
    expect(notes.some((n) => n.startsWith('Unknown sender'))).toBe(true);
  });

  it("does not thread another sender's mail into a case that quotes its reference", async () => {
    const own = referenceOf(await mailIn({ from: customer.email, subject: 'Mine', text: 'My case' }))!;
    const response = await mailIn({ from: 'intruder@nowhere.example', subject: `Re: Mine [Ref ${own}]`, text: 'Show me this case' });
    const reference = referenceOf(response)!;
    expect(reference).not.toBe(own);
    const intruderCase = (await ticketByRef(reference))!;
    const ownCase = (await ticketByRef(own))!;
    expect(intruderCase.linked_ticket_id).toBe(ownCase.id);
    expect((await messagesOf(ownCase.id)).filter((m) => m.author_kind === 'customer')).toHaveLength(1);
  });

  it('keeps a reply queued while the relay is down and sends it when the relay is back', async () => {
    const reference = referenceOf(await mailIn({ from: customer.email, subject: 'Relay test', text: 'Please answer' }))!;
    const ticket = (await ticketByRef(reference))!;
    const port = sink.port;
    await sink.close();
    const acks = await push([
      { kind: 'ticket.accept', ticketId: ticket.id },
      { kind: 'message.reply', ticketId: ticket.id, body: 'Answer while the relay is down' },
    ]);
    expect(acks.body.acks.map((a) => a.status)).toStrictEqual(['applied', 'applied']);
    const failed = await until('a failed attempt', async () => {
      const row = await srv.sqlOne<{ attempts: number; sent_at: string | null; last_error: string | null }>('SELECT attempts, sent_at, last_error FROM mail_outbox WHERE ticket_id = ?', ticket.id);
      return row && Number(row.attempts) >= 2 ? row : null;
    });
    expect(failed.sent_at).toBeNull();
    expect(failed.last_error).toBeTruthy();

    sink = await startSink(port);
    const sent = await until('the reply after the relay came back', async () => sink.mails.find((m) => m.subject?.includes(reference)));
    expect(sent.text).toContain('Answer while the relay is down');
    const row = await until('the row marked sent', () => srv.sqlOne<{ sent_at: string | null }>('SELECT sent_at FROM mail_outbox WHERE ticket_id = ? AND sent_at IS NOT NULL', ticket.id));
    expect(row.sent_at).not.toBeNull();
  });
});

describe('mail out across a restart, and without a relay', () => {
  /** The outbox row of a stopped desk, read from its files or database. */
  async function outboxAfterClose(desk: TestServer): Promise<{ sent_at: string | null } | undefined> {
    if (desk.engine === 'postgres') {
      const pool = createPostgresPool({ connectionString: desk.databaseUrl!, max: 1 });
      try {
        return (await pool.query<{ sent_at: string | null }>('SELECT sent_at FROM mail_outbox')).rows[0];
      } finally {
        await pool.end();
      }
    }
    const db = new Database(path.join(desk.dataDir, 'desk.sqlite'), { readonly: true });
    try {
      return db.prepare('SELECT sent_at FROM mail_outbox').get() as { sent_at: string | null } | undefined;
    } finally {
      db.close();
    }
  }

  it('sends, after a restart, a reply that was queued while the relay was down', async () => {
    const down = await startSink();
    const port = down.port;
    await down.close();
    const first = await startTestServer({
      keepData: true,
      customers: 30,
      historicTickets: 5,
      mail: { smtpPort: 0, supportAddress: SUPPORT, relay: `smtp://127.0.0.1:${port}`, retryBaseMs: 200, retryMaxMs: 200, pollMs: 60_000 },
    });
    let second: TestServer | null = null;
    let back: Sink | null = null;
    const firstMailer = nodemailer.createTransport({ host: '127.0.0.1', port: first.server.smtpPort!, secure: false, ignoreTLS: true });
    try {
      const someone = (await first.sqlOne<{ email: string; region_id: string }>(`SELECT email, region_id FROM customers WHERE identity = 'verified' ORDER BY id LIMIT 1`))!;
      const reference = referenceOf((await firstMailer.sendMail({ from: someone.email, to: SUPPORT, subject: 'Before restart', text: 'Hello' })).response)!;
      const ticketId = (await first.sqlOne<{ id: string }>('SELECT id FROM tickets WHERE reference = ?', reference))!.id;
      const supervisor = (await first.sqlOne<{ email: string }>(`SELECT email FROM agents WHERE role = 'supervisor' LIMIT 1`))!;
      const token = (await first.loginAgent(supervisor.email)).token;
      const acks = await api<{ acks: { status: string }[] }>(first.url, 'POST', '/api/sync/push', {
        token,
        body: { clientId: 'email-restart', protocol: 1, mutations: [{ kind: 'ticket.accept', clientMsgId: clientMsgId(), ticketId }, { kind: 'message.reply', clientMsgId: clientMsgId(), ticketId, body: 'Queued before the restart' }] },
      });
      expect(acks.body.acks.map((a) => a.status)).toStrictEqual(['applied', 'applied']);
      await until('a failed attempt', async () => Number((await first.sqlOne<{ attempts: number }>('SELECT attempts FROM mail_outbox WHERE ticket_id = ?', ticketId))?.attempts ?? 0) >= 1);
      firstMailer.close();
      await first.close();
      expect(await outboxAfterClose(first)).toMatchObject({ sent_at: null });

      // The relay is back; the new server (its default timings: the first retry 30 s away) sends what is due at start.
      await new Promise((r) => setTimeout(r, 250));
      back = await startSink(port);
      second = await startTestServer({ dataDir: first.dataDir, databaseUrl: first.databaseUrl ?? undefined, mail: { supportAddress: SUPPORT, relay: `smtp://127.0.0.1:${port}` } });
      const sent = await until('the reply after the restart', async () => back!.mails.find((m) => m.subject?.includes(reference)));
      expect(sent.text).toContain('Queued before the restart');
    } finally {
      firstMailer.close();
      await second?.close();
      await back?.close();
      rmSync(first.dataDir, { recursive: true, force: true });
    }
  });

  it('writes each reply as an .eml file into <data dir>/outbox-mail when no relay is configured', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'agent-desk-mail-'));
    const desk = await startTestServer({ dataDir, customers: 30, historicTickets: 5, mail: { smtpPort: 0, supportAddress: SUPPORT } });
    const deskMailer = nodemailer.createTransport({ host: '127.0.0.1', port: desk.server.smtpPort!, secure: false, ignoreTLS: true });
    try {
      const someone = (await desk.sqlOne<{ email: string }>(`SELECT email FROM customers WHERE identity = 'verified' ORDER BY id LIMIT 1`))!;
      const reference = referenceOf((await deskMailer.sendMail({ from: someone.email, to: SUPPORT, subject: 'Folder', text: 'Hello' })).response)!;
      const ticketId = (await desk.sqlOne<{ id: string }>('SELECT id FROM tickets WHERE reference = ?', reference))!.id;
      const supervisor = (await desk.sqlOne<{ email: string }>(`SELECT email FROM agents WHERE role = 'supervisor' LIMIT 1`))!;
      const token = (await desk.loginAgent(supervisor.email)).token;
      await api(desk.url, 'POST', '/api/sync/push', { token, body: { clientId: 'email-folder', protocol: 1, mutations: [{ kind: 'ticket.accept', clientMsgId: clientMsgId(), ticketId }] } });
      // The agent's reply carries an image: it travels as an attachment of the mail.
      const png = await sharp({ create: { width: 20, height: 10, channels: 3, background: '#aa3300' } }).png().toBuffer();
      const upload = await api<{ attachment: { id: string } }>(desk.url, 'PUT', `/api/attachments?ticketId=${ticketId}`, { token, raw: png, contentType: 'image/png', headers: { 'x-filename': 'steps.png' } });
      expect(upload.status).toBe(201);
      const acks = await api<{ acks: { status: string }[] }>(desk.url, 'POST', '/api/sync/push', {
        token,
        body: { clientId: 'email-folder', protocol: 1, mutations: [{ kind: 'message.reply', clientMsgId: clientMsgId(), ticketId, body: 'Written to a file', attachmentIds: [upload.body.attachment.id] }] },
      });
      expect(acks.body.acks[0]!.status).toBe('applied');
      const folder = path.join(dataDir, 'outbox-mail');
      const file = await until('an .eml file', async () => {
        try {
          return readdirSync(folder).find((f) => f.endsWith('.eml'));
        } catch {
          return undefined;
        }
      });
      const parsed = await simpleParser(readFileSync(path.join(folder, file)));
      expect(parsed.subject).toBe(`Re: Folder [Ref ${reference}]`);
      expect(parsed.text).toContain('Written to a file');
      expect(parsed.from!.value[0]!.address).toBe(SUPPORT);
      expect(parsed.attachments.map((a) => [a.filename, a.contentType])).toStrictEqual([['steps.png', 'image/png']]);
      expect((await sharp(parsed.attachments[0]!.content).metadata()).width).toBe(20);
    } finally {
      deskMailer.close();
      await desk.close();
    }
  });
});
