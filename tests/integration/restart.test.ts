import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { api, clientMsgId } from '../helpers/api';
import { startTestServer } from '../helpers/server';
import { agentsIn, customerIn, setPresence, startChat, triaged } from '../helpers/world';

describe('restart', () => {
  it('keeps tickets, messages, sessions, acks, the epoch and the feed head', async () => {
    const first = await startTestServer({ keepData: true });
    const agent = await first.loginAgent((await agentsIn(first, 'eu-north'))[0]!.email);
    await setPresence(first.url, agent.token, 'available');
    const chat = await startChat(first.url, await customerIn(first, 'eu-north'));
    // Triage's own update of the new chat lands before the head is read, not during the restart.
    await triaged(first, chat.body.chat.ticketId);
    const id = clientMsgId();
    const mutation = { kind: 'message.reply', clientMsgId: id, ticketId: chat.body.chat.ticketId, body: 'Before the restart' };
    const ack1 = await api<{ acks: unknown[] }>(first.url, 'POST', '/api/sync/push', { token: agent.token, body: { clientId: 'client-restart', protocol: 1, mutations: [mutation] } });
    const epoch = await first.epoch();
    const head = await first.feedHead();
    const counts = await first.sqlOne('SELECT (SELECT count(*) FROM tickets) AS t, (SELECT count(*) FROM messages) AS m, (SELECT count(*) FROM customers) AS c');
    await first.close();

    const second = await startTestServer({ dataDir: first.dataDir, databaseUrl: first.databaseUrl ?? undefined });
    try {
      expect(await second.epoch()).toBe(epoch);
      expect(await second.feedHead()).toBe(head);
      expect(await second.sqlOne('SELECT (SELECT count(*) FROM tickets) AS t, (SELECT count(*) FROM messages) AS m, (SELECT count(*) FROM customers) AS c')).toEqual(counts);
      // The session survives; the same push gets the same ack and no second copy.
      const ack2 = await api<{ acks: unknown[] }>(second.url, 'POST', '/api/sync/push', { token: agent.token, body: { clientId: 'client-restart', protocol: 1, mutations: [mutation] } });
      expect(ack2.body).toEqual(ack1.body);
      expect(await second.sqlOne(`SELECT count(*) AS n FROM messages WHERE body = 'Before the restart'`)).toEqual({ n: 1 });
      // The customer's chat token still opens the chat.
      const state = await api<{ chat: { ticketId: string } }>(second.url, 'GET', '/api/chat/state', { token: chat.body.token });
      expect(state.body.chat.ticketId).toBe(chat.body.chat.ticketId);
      if (second.engine === 'sqlite') expect(second.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      await second.close();
      rmSync(first.dataDir, { recursive: true, force: true });
    }
  });
});
