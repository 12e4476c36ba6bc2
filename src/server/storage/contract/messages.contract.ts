/** The messages repository's contract: the same `MessageDbRow`s and orders from every engine. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { newId } from '../../util/ids';
import type { Engine, EngineHandle } from './engine';
import { insertTicketParents, messageRow, ticketRow } from './fixtures-tickets';

export function messagesContract(engine: Engine): void {
  let h: EngineHandle;
  beforeEach(async () => {
    h = await engine.open();
    await insertTicketParents(h);
    await h.storage.write(async (tx) => {
      await tx.tickets.insert(ticketRow('t1'));
      await tx.tickets.insert(ticketRow('t2'));
    });
  });
  afterEach(async () => h.close());

  it('inserts and reads a message back: the same row, version 1, nulls as nulls', async () => {
    const r = messageRow('m1', 't1');
    const returned = await h.storage.write((tx) => tx.messages.insert(r));
    expect(returned).toStrictEqual({ ...r, version: 1 });
    expect(await h.storage.read((tx) => tx.messages.get('m1'))).toStrictEqual({ ...r, version: 1 });
    expect(await h.storage.read((tx) => tx.messages.get('m9'))).toBeNull();
  });

  it('stores the canned reply a reply came from (migration 130), through insert and insertOnce; none reads back as null', async () => {
    const plain = messageRow('m1', 't1', { author_kind: 'agent', author_id: 'a1' });
    const insertedWith = messageRow('m2', 't1', { author_kind: 'agent', author_id: 'a1', canned_shortcut: 'rr-timeline' });
    const onceWith = messageRow('m3', 't1', { author_kind: 'agent', author_id: 'a1', client_msg_id: 'c-3', canned_shortcut: 'pd-processing' });
    const { created, row } = await h.storage.write(async (tx) => {
      await tx.messages.insert(plain);
      await tx.messages.insert(insertedWith);
      return tx.messages.insertOnce(onceWith);
    });
    expect([created, row.canned_shortcut]).toStrictEqual([true, 'pd-processing']);
    const thread = await h.storage.read((tx) => tx.messages.forTicket('t1'));
    expect(thread.map((m) => [m.id, m.canned_shortcut])).toStrictEqual([['m1', null], ['m2', 'rr-timeline'], ['m3', 'pd-processing']]);
  });

  it('lists a ticket’s thread by time, then id in byte order; the public thread without notes', async () => {
    const at = '2026-03-02T09:00:00.000Z';
    await h.storage.write(async (tx) => {
      await tx.messages.insert(messageRow('b', 't1', { created_at: at }));
      await tx.messages.insert(messageRow('A', 't1', { created_at: '2026-03-02T09:00:01.000Z' }));
      await tx.messages.insert(messageRow('C', 't1', { created_at: at, author_kind: 'note', author_id: 'a1', author_name: 'Agent a1' }));
      await tx.messages.insert(messageRow('a', 't1', { created_at: at, author_kind: 'agent', author_id: 'a1' }));
      await tx.messages.insert(messageRow('x', 't2', { created_at: '2026-03-02T08:00:00.000Z' }));
    });
    const [all, pub, other, none] = await h.storage.read(async (tx) => [
      await tx.messages.forTicket('t1'),
      await tx.messages.publicForTicket('t1'),
      await tx.messages.forTicket('t2'),
      await tx.messages.forTicket('t9'),
    ]);
    expect(all.map((m) => m.id)).toEqual(['C', 'a', 'b', 'A']);
    expect(pub.map((m) => m.id)).toEqual(['a', 'b', 'A']);
    expect(other.map((m) => m.id)).toEqual(['x']);
    expect(none).toEqual([]);
  });

  it('inserts once per (ticket, author kind, client id): a repeat returns the original and the transaction commits', async () => {
    const first = messageRow('m1', 't1', { client_msg_id: 'c-1', body: 'first' });
    const results = await h.storage.write(async (tx) => [
      await tx.messages.insertOnce(first),
      await tx.messages.insertOnce(messageRow('m2', 't1', { client_msg_id: 'c-1', body: 'repeat' })),
      await tx.messages.insertOnce(messageRow('m3', 't1', { client_msg_id: 'c-1', author_kind: 'agent', author_id: 'a1' })),
      await tx.messages.insertOnce(messageRow('m4', 't2', { client_msg_id: 'c-1' })),
      await tx.messages.insertOnce(messageRow('m5', 't1')),
    ]);
    expect(results.map((r) => [r.created, r.row.id])).toEqual([[true, 'm1'], [false, 'm1'], [true, 'm3'], [true, 'm4'], [true, 'm5']]);
    expect(results[1]!.row).toStrictEqual({ ...first, version: 1 });
    const again = await h.storage.write((tx) => tx.messages.insertOnce(messageRow('m6', 't1', { client_msg_id: 'c-1' })));
    expect(again).toStrictEqual({ created: false, row: { ...first, version: 1 } });
    expect((await h.storage.read((tx) => tx.messages.forTicket('t1'))).map((m) => m.id)).toEqual(['m1', 'm3', 'm5']);
    const [byClient, otherKind, none] = await h.storage.read(async (tx) => [
      await tx.messages.getByClientId('t1', 'customer', 'c-1'),
      await tx.messages.getByClientId('t1', 'agent', 'c-1'),
      await tx.messages.getByClientId('t1', 'system', 'c-1'),
    ]);
    expect(byClient).toStrictEqual({ ...first, version: 1 });
    expect(otherKind?.id).toBe('m3');
    expect(none).toBeNull();
  });

  it('inserts a message sent twice at once (two transactions) once: both get the same row, neither fails', async () => {
    const results = await Promise.all(
      ['m1', 'm2'].map((id) => h.storage.write((tx) => tx.messages.insertOnce(messageRow(id, 't1', { client_msg_id: 'c-1', body: id })))),
    );
    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    expect(results[0]!.row).toStrictEqual(results[1]!.row);
    expect((await h.storage.read((tx) => tx.messages.forTicket('t1'))).map((m) => m.id)).toEqual([results[0]!.row.id]);
  });

  it('refuses an insertOnce whose id exists without a client id to match, and rolls the write back', async () => {
    await h.storage.write((tx) => tx.messages.insert(messageRow('m1', 't1')));
    await expect(
      h.storage.write(async (tx) => {
        await tx.messages.insert(messageRow('m2', 't1'));
        return tx.messages.insertOnce(messageRow('m1', 't2'));
      }),
    ).rejects.toThrow('message insert conflicted on its id');
    expect((await h.storage.read((tx) => tx.messages.forTicket('t1'))).map((m) => m.id)).toEqual(['m1']);
    await expect(h.storage.write((tx) => tx.messages.insert(messageRow('m1', 't1')))).rejects.toThrow(/UNIQUE|unique|duplicate/);
  });

  it('returns a ticket’s latest messages of one author kind since a time, newest first, ties in insertion order', async () => {
    // Ids as the server makes them (UUIDv7): messages of one commit share their time.
    const ids = Array.from({ length: 6 }, () => newId());
    await h.storage.write(async (tx) => {
      await tx.messages.insert(messageRow(ids[0]!, 't1', { created_at: '2026-03-02T09:49:59.999Z' }));
      await tx.messages.insert(messageRow(ids[1]!, 't1', { created_at: '2026-03-02T09:50:00.000Z' }));
      await tx.messages.insert(messageRow(ids[2]!, 't1', { created_at: '2026-03-02T09:55:00.000Z' }));
      await tx.messages.insert(messageRow(ids[3]!, 't1', { created_at: '2026-03-02T09:55:00.000Z', author_kind: 'agent', author_id: 'a1' }));
      await tx.messages.insert(messageRow(ids[4]!, 't1', { created_at: '2026-03-02T09:55:00.000Z' }));
      await tx.messages.insert(messageRow(ids[5]!, 't2', { created_at: '2026-03-02T09:56:00.000Z' }));
    });
    const since = '2026-03-02T09:50:00.000Z';
    const [three, two, all, none, zero] = await h.storage.read(async (tx) => [
      await tx.messages.recentByAuthorKind('t1', 'customer', since, 3),
      await tx.messages.recentByAuthorKind('t1', 'customer', since, 2),
      await tx.messages.recentByAuthorKind('t1', 'customer', since, -1),
      await tx.messages.recentByAuthorKind('t1', 'customer', '2026-03-02T10:00:00.000Z', 4),
      await tx.messages.recentByAuthorKind('t1', 'customer', since, 0),
    ]);
    expect(three.map((m) => m.id)).toEqual([ids[4], ids[2], ids[1]]);
    expect(two.map((m) => m.id)).toEqual([ids[4], ids[2]]);
    expect(all.map((m) => m.id)).toEqual([ids[4], ids[2], ids[1]]);
    expect(none).toEqual([]);
    expect(zero).toEqual([]);
  });

  it('rewrites a body (the version moves) and sets the attachment ids', async () => {
    const r = messageRow('m1', 't1');
    await h.storage.write((tx) => tx.messages.insert(r));
    const [updated, missing] = await h.storage.write(async (tx) => {
      await tx.messages.setAttachments('m1', ['f1', 'f2']);
      return [await tx.messages.updateBody('m1', 'masked'), await tx.messages.updateBody('m9', 'x')];
    });
    const expected = { ...r, body: 'masked', attachment_ids_json: '["f1","f2"]', version: 2 };
    expect(updated).toStrictEqual(expected);
    expect(missing).toBeNull();
    expect(await h.storage.read((tx) => tx.messages.get('m1'))).toStrictEqual(expected);
  });
}
