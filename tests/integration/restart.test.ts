import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { api, clientMsgId } from '../helpers/api';
import { startTestServer } from '../helpers/server';
import { agentsIn, customerIn, setPresence, startChat } from '../helpers/world';

describe('restart', () => {
  it('keeps tickets, messages, sessions, acks, the epoch and the feed head', async () => {
    const first = await startTestServer({ keepData: true });
    const agent = await first.loginAgent(agentsIn(first.db, 'eu-north')[0]!.email);
    await setPresence(first.url, agent.token, 'available');
    const chat = await startChat(first.url, customerIn(first.db, 'eu-north'));
    const id = clientMsgId();
    const mutation = { kind: 'message.reply', clientMsgId: id, ticketId: chat.body.chat.ticketId, body: 'Before the restart' };
    const ack1 = await api<{ acks: unknown[] }>(first.url, 'POST', '/api/sync/push', { token: agent.token, body: { clientId: 'client-restart', protocol: 1, mutations: [mutation] } });
    const epoch = first.server.store.epoch();
    const head = first.server.store.changeFeed.head();
    const counts = first.db.prepare('SELECT (SELECT count(*) FROM tickets) AS t, (SELECT count(*) FROM messages) AS m, (SELECT count(*) FROM customers) AS c').get();
    await first.close();

    const second = await startTestServer({ dataDir: first.dataDir });
    try {
      expect(second.server.store.epoch()).toBe(epoch);
      expect(second.server.store.changeFeed.head()).toBe(head);
      expect(second.db.prepare('SELECT (SELECT count(*) FROM tickets) AS t, (SELECT count(*) FROM messages) AS m, (SELECT count(*) FROM customers) AS c').get()).toEqual(counts);
      // The session survives; the same push gets the same ack and no second copy.
      const ack2 = await api<{ acks: unknown[] }>(second.url, 'POST', '/api/sync/push', { token: agent.token, body: { clientId: 'client-restart', protocol: 1, mutations: [mutation] } });
      expect(ack2.body).toEqual(ack1.body);
      expect(second.db.prepare(`SELECT count(*) AS n FROM messages WHERE body = 'Before the restart'`).get()).toEqual({ n: 1 });
      // The customer's chat token still opens the chat.
      const state = await api<{ chat: { ticketId: string } }>(second.url, 'GET', '/api/chat/state', { token: chat.body.token });
      expect(state.body.chat.ticketId).toBe(chat.body.chat.ticketId);
      expect(second.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      await second.close();
      rmSync(first.dataDir, { recursive: true, force: true });
    }
  });
});
