/** The attachments repository's contract: the same `AttachmentDbRow`s from every engine. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { AttachmentDbRow } from '../tables/attachments';
import type { Engine, EngineHandle } from './engine';
import { insertTicketParents, messageRow, ticketRow } from './fixtures-tickets';

const attachmentRow = (id: string, ticketId: string, over: Partial<Omit<AttachmentDbRow, 'version'>> = {}): Omit<AttachmentDbRow, 'version'> => ({
  id,
  ticket_id: ticketId,
  message_id: null,
  uploader_kind: 'customer',
  uploader_id: null,
  sha256: `sha-${id}`,
  mime: 'image/png',
  bytes: 123_456,
  width: 800,
  height: 600,
  filename: `${id}.png`,
  created_at: '2026-03-02T09:00:00.000Z',
  ocr_text: '',
  cards_hidden: 0,
  ...over,
});

export function attachmentsContract(engine: Engine): void {
  let h: EngineHandle;
  beforeEach(async () => {
    h = await engine.open();
    await insertTicketParents(h);
    await h.storage.write(async (tx) => {
      await tx.tickets.insert(ticketRow('t1'));
      await tx.tickets.insert(ticketRow('t2'));
      await tx.messages.insert(messageRow('m1', 't1'));
      await tx.messages.insert(messageRow('m2', 't2'));
    });
  });
  afterEach(async () => h.close());

  it('inserts and reads an attachment back: numbers as numbers, nulls as nulls, version 1', async () => {
    const r = attachmentRow('f1', 't1');
    expect(await h.storage.write((tx) => tx.attachments.insert(r))).toStrictEqual({ ...r, version: 1 });
    expect(await h.storage.read((tx) => tx.attachments.get('f1'))).toStrictEqual({ ...r, version: 1 });
    expect(await h.storage.read((tx) => tx.attachments.get('f9'))).toBeNull();
  });

  it('lists a ticket’s attachments by upload time', async () => {
    await h.storage.write(async (tx) => {
      await tx.attachments.insert(attachmentRow('f1', 't1', { created_at: '2026-03-02T09:00:02.000Z' }));
      await tx.attachments.insert(attachmentRow('f2', 't1', { created_at: '2026-03-02T09:00:01.000Z' }));
      await tx.attachments.insert(attachmentRow('f3', 't2'));
      await tx.attachments.insert(attachmentRow('f4', 't1', { created_at: '2026-03-02T09:00:03.000Z', uploader_kind: 'agent', uploader_id: 'a1' }));
    });
    const [t1, t2, none] = await h.storage.read(async (tx) => [await tx.attachments.forTicket('t1'), await tx.attachments.forTicket('t2'), await tx.attachments.forTicket('t9')]);
    expect(t1.map((a) => a.id)).toEqual(['f2', 'f1', 'f4']);
    expect(t2.map((a) => a.id)).toEqual(['f3']);
    expect(none).toEqual([]);
  });

  it('links an attachment to a message of its ticket once (the version moves), and not to another ticket', async () => {
    await h.storage.write(async (tx) => {
      await tx.attachments.insert(attachmentRow('f1', 't1'));
      await tx.attachments.insert(attachmentRow('f2', 't1'));
    });
    const results = await h.storage.write(async (tx) => [
      await tx.attachments.linkToMessage('f1', 't1', 'm1'),
      await tx.attachments.linkToMessage('f1', 't1', 'm1'),
      await tx.attachments.linkToMessage('f2', 't2', 'm2'),
      await tx.attachments.linkToMessage('f9', 't1', 'm1'),
    ]);
    expect(results).toEqual([true, false, false, false]);
    const [f1, f2] = await h.storage.read(async (tx) => [await tx.attachments.get('f1'), await tx.attachments.get('f2')]);
    expect(f1).toMatchObject({ message_id: 'm1', version: 2 });
    expect(f2).toMatchObject({ message_id: null, version: 1 });
  });
}
