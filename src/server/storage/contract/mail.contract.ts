/**
 * The mail outbox and inbox contract: the same rows from every engine; due mail in due order;
 * a claim is a lease only one caller wins; a sent mail is never claimed, failed or sent again;
 * a Message-ID is received once.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Engine, EngineHandle } from './engine';
import { insertTicketParents, messageRow, ticketRow } from './fixtures-tickets';
import type { NewMailOutboxRow } from '../tables/mail-outbox';

const outRow = (id: string, over: Partial<NewMailOutboxRow> = {}): NewMailOutboxRow => ({
  id,
  ticket_id: 't1',
  message_id: 'm1',
  mail_message_id: `<${id}@desk.example>`,
  to_address: 'c1@mail.example',
  subject: 'Re: Refund [Ref REF-t1]',
  body: 'Hello',
  in_reply_to: '<in-1@mail.example>',
  references_header: '<in-1@mail.example>',
  created_at: '2026-03-02T09:00:00.000Z',
  next_attempt_at: '2026-03-02T09:00:00.000Z',
  ...over,
});

export function mailContract(engine: Engine): void {
  let h: EngineHandle;
  beforeEach(async () => {
    h = await engine.open();
    await insertTicketParents(h);
    await h.storage.write(async (tx) => {
      await tx.tickets.insert(ticketRow('t1', { channel: 'email' }));
      await tx.tickets.insert(ticketRow('t2', { channel: 'email' }));
      await tx.messages.insert(messageRow('m1', 't1'));
    });
  });
  afterEach(async () => h.close());

  it('queues mail: round-trips a row with its defaults, lists a case in order, finds nothing unknown', async () => {
    await h.storage.write(async (tx) => {
      await tx.mailOutbox.insert(outRow('o2', { created_at: '2026-03-02T09:05:00.000Z' }));
      await tx.mailOutbox.insert(outRow('o1', { in_reply_to: null, references_header: null, message_id: null }));
      await tx.mailOutbox.insert(outRow('o3', { ticket_id: 't2' }));
    });
    const [one, list, none] = await h.storage.read(async (tx) => [await tx.mailOutbox.get('o1'), await tx.mailOutbox.forTicket('t1'), await tx.mailOutbox.get('nope')] as const);
    expect(one).toStrictEqual({ ...outRow('o1', { in_reply_to: null, references_header: null, message_id: null }), attempts: 0, last_error: null, sent_at: null });
    expect(list.map((r) => r.id)).toStrictEqual(['o1', 'o2']);
    expect(none).toBeNull();
    await expect(h.storage.write((tx) => tx.mailOutbox.insert(outRow('o4', { mail_message_id: '<o1@desk.example>' })))).rejects.toThrow(/UNIQUE|unique|duplicate/);
  });

  it('lists due mail by due time, claims it once, backs off a failure, and never touches a sent mail', async () => {
    await h.storage.write(async (tx) => {
      await tx.mailOutbox.insert(outRow('late', { next_attempt_at: '2026-03-02T09:30:00.000Z' }));
      await tx.mailOutbox.insert(outRow('b', { next_attempt_at: '2026-03-02T09:10:00.000Z' }));
      await tx.mailOutbox.insert(outRow('a', { next_attempt_at: '2026-03-02T09:10:00.000Z' }));
    });
    const now = '2026-03-02T09:15:00.000Z';
    expect((await h.storage.read((tx) => tx.mailOutbox.due(now, 10))).map((r) => r.id)).toStrictEqual(['a', 'b']);
    expect((await h.storage.read((tx) => tx.mailOutbox.due(now, 1))).map((r) => r.id)).toStrictEqual(['a']);
    expect(await h.storage.read((tx) => tx.mailOutbox.nextDueAt())).toBe('2026-03-02T09:10:00.000Z');

    const lease = '2026-03-02T09:16:00.000Z';
    expect(await h.storage.write((tx) => tx.mailOutbox.claim('a', now, lease))).toBe(true);
    expect(await h.storage.write((tx) => tx.mailOutbox.claim('a', now, lease))).toBe(false);
    expect(await h.storage.write((tx) => tx.mailOutbox.claim('late', now, lease))).toBe(false);
    expect((await h.storage.read((tx) => tx.mailOutbox.due(now, 10))).map((r) => r.id)).toStrictEqual(['b']);

    expect(await h.storage.write((tx) => tx.mailOutbox.markFailed('a', 'ECONNREFUSED', '2026-03-02T09:20:00.000Z'))).toBe(true);
    const failed = await h.storage.read((tx) => tx.mailOutbox.get('a'));
    expect(failed).toMatchObject({ attempts: 1, last_error: 'ECONNREFUSED', next_attempt_at: '2026-03-02T09:20:00.000Z', sent_at: null });

    expect(await h.storage.write((tx) => tx.mailOutbox.markSent('a', '2026-03-02T09:21:00.000Z'))).toBe(true);
    expect(await h.storage.read((tx) => tx.mailOutbox.get('a'))).toMatchObject({ attempts: 2, last_error: null, sent_at: '2026-03-02T09:21:00.000Z' });
    expect(await h.storage.write((tx) => tx.mailOutbox.markSent('a', '2026-03-02T09:22:00.000Z'))).toBe(false);
    expect(await h.storage.write((tx) => tx.mailOutbox.markFailed('a', 'x', '2026-03-02T09:23:00.000Z'))).toBe(false);
    expect(await h.storage.write((tx) => tx.mailOutbox.claim('a', '2026-03-02T10:00:00.000Z', '2026-03-02T10:01:00.000Z'))).toBe(false);
    expect((await h.storage.read((tx) => tx.mailOutbox.due('2026-03-02T10:00:00.000Z', 10))).map((r) => r.id)).toStrictEqual(['b', 'late']);
    expect(await h.storage.read((tx) => tx.mailOutbox.nextDueAt())).toBe('2026-03-02T09:10:00.000Z');
  });

  it('says nothing is due when every mail is sent', async () => {
    await h.storage.write(async (tx) => {
      await tx.mailOutbox.insert(outRow('o1'));
      await tx.mailOutbox.markSent('o1', tx.now);
    });
    expect(await h.storage.read((tx) => tx.mailOutbox.nextDueAt())).toBeNull();
  });

  it('receives a Message-ID once and finds the latest mail of a case', async () => {
    const first = { mail_message_id: '<a@mail.example>', ticket_id: 't1', message_id: 'm1', from_address: 'c1@mail.example', received_at: '2026-03-02T09:00:00.000Z' };
    const second = { ...first, mail_message_id: '<b@mail.example>', message_id: null, received_at: '2026-03-02T09:05:00.000Z' };
    expect(await h.storage.write((tx) => tx.mailInbox.insertOnce(first))).toBe(true);
    expect(await h.storage.write((tx) => tx.mailInbox.insertOnce({ ...first, ticket_id: 't2' }))).toBe(false);
    expect(await h.storage.write((tx) => tx.mailInbox.insertOnce(second))).toBe(true);
    const [a, latest, none, noMail] = await h.storage.read(async (tx) => [
      await tx.mailInbox.get('<a@mail.example>'),
      await tx.mailInbox.latestForTicket('t1'),
      await tx.mailInbox.get('<A@mail.example>'),
      await tx.mailInbox.latestForTicket('t2'),
    ] as const);
    expect(a).toStrictEqual(first);
    expect(latest).toStrictEqual(second);
    expect(none).toBeNull();
    expect(noMail).toBeNull();
  });
}
