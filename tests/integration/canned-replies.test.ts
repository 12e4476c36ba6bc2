/**
 * Canned replies end to end: a fresh demo world has them in English, Swedish and German for
 * every category; a pull delivers them with their language; the desktop serves them from its
 * cache on `canned:list` (also after a restart) and refuses a reply that still holds a prompt.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANNED_LANGUAGES, CATEGORIES } from '../../src/shared/domain';
import { PullResponse, type Change } from '../../src/shared/protocol/sync';
import { unknownVariables } from '../../src/shared/templates';
import { api } from '../helpers/api';
import { signIn, startDesktop, type TestDesktop } from '../helpers/desktop';
import { startTestServer, type TestServer } from '../helpers/server';
import { agentsIn, customerIn, setPresence, startChat } from '../helpers/world';

let srv: TestServer;
let email: string;

beforeAll(async () => {
  srv = await startTestServer({ customers: 60, historicTickets: 20 });
  email = (await agentsIn(srv, 'eu-north'))[0]!.email;
});
afterAll(async () => srv?.close());

type DbReply = { id: string; category: string; language: string; shortcut: string; body: string };
const dbReplies = async () => await srv.sql('SELECT id, category, language, shortcut, body FROM canned_replies') as DbReply[];

describe('canned replies', () => {
  it('exist in English, Swedish and German for every category of a fresh demo world', async () => {
    const rows = await dbReplies();
    for (const category of CATEGORIES)
      for (const language of CANNED_LANGUAGES) expect(rows.some((r) => r.category === category && r.language === language), `${category}/${language}`).toBe(true);
    for (const r of rows) expect(unknownVariables(r.body)).toEqual([]);
  });

  it.each([500, 20])('arrive in a pull with their language, once, in pages of %i', async (limit) => {
    const login = await srv.loginAgent(email);
    const changes: Change[] = [];
    let cursor = '';
    for (let page = 0; page < 500; page++) {
      const r = await api<unknown>(srv.url, 'GET', `/api/sync/pull?cursor=${encodeURIComponent(cursor)}&limit=${limit}`, { token: login.token });
      expect(r.status).toBe(200);
      const res = PullResponse.parse(r.body);
      changes.push(...res.changes);
      cursor = res.cursor;
      if (!res.hasMore) break;
    }
    const cannedChanges = changes.filter((c) => c.entity === 'cannedReply');
    const pulled = new Map(cannedChanges.flatMap((c) => (c.op === 'upsert' ? [[c.id, c.row] as const] : [])));
    expect(cannedChanges).toHaveLength(pulled.size); // each once
    const rows = await dbReplies();
    expect(pulled.size).toBe(rows.length);
    for (const r of rows) expect(pulled.get(r.id)).toMatchObject({ language: r.language, shortcut: r.shortcut, category: r.category });
    // Reference data larger than a page must not hold back the tickets after it.
    const visible = await srv.sql(`SELECT id FROM tickets WHERE assignee_id = ? OR (assignee_id IS NULL AND status = 'queued' AND region_id = 'eu-north' AND tier <= 1)`, login.agent.id) as { id: string }[];
    expect(visible.length).toBeGreaterThan(0);
    expect(new Set(changes.filter((c) => c.entity === 'ticket').map((c) => c.id))).toEqual(new Set(visible.map((v) => v.id)));
  });

  it('are served by the desktop from its cache, and a reply with an unfilled prompt is refused', async () => {
    const login = await srv.loginAgent(email);
    await setPresence(srv.url, login.token, 'available', 8);
    const ticketId = (await startChat(srv.url, await customerIn(srv, 'eu-north', 3))).body.chat.ticketId;

    let token: string | null = null;
    const secrets = { get: () => token, set: (v: string | null) => void (token = v) };
    let d: TestDesktop = await startDesktop({ secrets });
    try {
      await signIn(d, srv.url, email);
      const listed = await d.call('canned:list', null);
      expect(listed.length).toBe((await dbReplies()).length);
      expect(new Set(listed.map((r) => r.language))).toEqual(new Set(['en', 'sv', 'de']));
      const sv = listed.find((r) => r.shortcut === 'pd-processing' && r.language === 'sv');
      expect(sv?.body).toContain('{{transaction.amount}}');

      await d.waitFor(async () => (await d.call('tickets:list', { view: 'mine', limit: 50 })).some((t) => t.id === ticketId), 'the chat');
      await expect(d.call('messages:send', { ticketId, body: 'Your payment of ⟦payment amount⟧ is on its way.', kind: 'reply', attachmentIds: [] })).rejects.toThrow(
        /invalid_input: This reply still has a prompt to fill \(payment amount\)/,
      );
      // A note never reaches the customer: a prompt in it is fine.
      await d.call('messages:send', { ticketId, body: 'Ask for ⟦error code⟧ next time', kind: 'note', attachmentIds: [] });

      const dir = d.userDataDir;
      await d.close({ keepData: true });
      d = await startDesktop({ userDataDir: dir, secrets });
      await d.waitFor(async () => (await d.desktop.dispatch('canned:list', null)).ok, 'the cache after a restart');
      expect((await d.call('canned:list', null)).length).toBe(listed.length);
    } finally {
      await d.close();
    }
  });
});
