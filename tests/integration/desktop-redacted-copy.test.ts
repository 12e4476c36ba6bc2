/**
 * The desktop's side of a redacted copy: `attachments:upload` puts the new row and the server's
 * (re-encoded) bytes into the cache at once, so the copy shows in the chat and opens offline
 * before anything has synced; `messages:send` with kind note and attachmentIds links it on
 * the server, and the linked row comes back through the feed.
 */
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { signIn, startDesktop } from '../helpers/desktop';
import { startTestServer } from '../helpers/server';
import { agentsIn, customerIn, setPresence, startChat } from '../helpers/world';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

describe('a redacted copy from the desktop', () => {
  it('is cached on upload, opens offline, and lands on the server linked to an internal note', async () => {
    const srv = await startTestServer({ customers: 60, historicTickets: 10 });
    cleanups.push(() => srv.close());
    const email = (await agentsIn(srv, 'eu-north'))[0]!.email;
    const login = await srv.loginAgent(email);
    await setPresence(srv.url, login.token, 'available', 8);
    const chat = await startChat(srv.url, await customerIn(srv, 'eu-north', 0));
    const ticketId: string = chat.body.chat.ticketId;

    const d = await startDesktop();
    cleanups.push(() => d.close());
    await signIn(d, srv.url, email);
    await d.waitFor(async () => (await d.call('tickets:list', { view: 'mine', limit: 50 })).some((t) => t.id === ticketId), 'the chat on the desktop');

    const png = await sharp({ create: { width: 20, height: 10, channels: 3, background: '#7f7f7f' } }).png().toBuffer();
    const row = await d.call('attachments:upload', { ticketId, mime: 'image/png', filename: 'card-redacted.png', dataBase64: png.toString('base64') });
    expect(row).toMatchObject({ ticketId, filename: 'card-redacted.png', width: 20, height: 10, messageId: null });

    // In the cache at once: the chat's detail lists it and its bytes are there.
    expect((await d.call('tickets:get', { ticketId })).attachments.map((a) => a.id)).toContain(row.id);
    const note = await d.call('messages:send', { ticketId, body: 'Redacted copy of card.png (1 region blurred).', kind: 'note', attachmentIds: [row.id] });
    expect(note).toMatchObject({ authorKind: 'note', attachmentIds: [row.id], delivery: 'pending' });

    await d.waitFor(async () => {
      const m = await srv.sqlOne(`SELECT attachment_ids_json FROM messages WHERE ticket_id = ? AND author_kind = 'note'`, ticketId) as { attachment_ids_json: string } | undefined;
      return m?.attachment_ids_json === JSON.stringify([row.id]);
    }, 'the note on the server, linking the copy');
    await d.waitFor(async () => (await d.call('tickets:get', { ticketId })).attachments.find((a) => a.id === row.id)?.messageId != null, 'the linked row back on the desktop');

    // Offline, the copy still opens from the cache.
    await srv.server.close();
    await d.waitFor(async () => (await d.status()).connection !== 'online', 'the desktop to notice');
    const got = await d.call('attachments:get', { attachmentId: row.id });
    const meta = await sharp(Buffer.from(got.dataBase64, 'base64')).metadata();
    expect([got.mime, meta.width, meta.height]).toEqual(['image/png', 20, 10]);
  });
});
