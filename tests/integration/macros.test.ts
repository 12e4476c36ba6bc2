/**
 * Macros end to end: a fresh demo world's macros arrive in a pull with their steps, inputs and
 * order (and the first model's fields for older desktops); the desktop serves them from its
 * cache on `macros:list`, checked, also after a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORIES, MacroRow } from '../../src/shared/domain';
import { macroSlots } from '../../src/shared/macros';
import { PullResponse, type Change } from '../../src/shared/protocol/sync';
import { api } from '../helpers/api';
import { signIn, startDesktop, type TestDesktop } from '../helpers/desktop';
import { startTestServer, type TestServer } from '../helpers/server';
import { agentsIn } from '../helpers/world';

let srv: TestServer;
let email: string;

beforeAll(async () => {
  srv = await startTestServer({ customers: 40, historicTickets: 10 });
  email = (await agentsIn(srv, 'eu-north'))[0]!.email;
});
afterAll(async () => srv?.close());

const dbMacros = async () => await srv.sql('SELECT id, category, title, steps_json, position FROM macros') as { id: string; category: string; title: string; steps_json: string; position: number }[];

describe('macros', () => {
  it('arrive in a pull with their steps, inputs and position, once each', async () => {
    const login = await srv.loginAgent(email);
    const changes: Change[] = [];
    let cursor = '';
    for (let page = 0; page < 200; page++) {
      const r = await api<unknown>(srv.url, 'GET', `/api/sync/pull?cursor=${encodeURIComponent(cursor)}&limit=100`, { token: login.token });
      expect(r.status).toBe(200);
      const res = PullResponse.parse(r.body);
      changes.push(...res.changes);
      cursor = res.cursor;
      if (!res.hasMore) break;
    }
    const pulled = changes.flatMap((c) => (c.entity === 'macro' && c.op === 'upsert' ? [c.row] : []));
    const rows = await dbMacros();
    expect(pulled).toHaveLength(rows.length);
    expect(new Set(pulled.map((m) => m.id))).toEqual(new Set(rows.map((r) => r.id)));
    for (const r of rows) {
      const m = pulled.find((p) => p.id === r.id)!;
      expect(m.steps, r.title).toEqual(JSON.parse(r.steps_json));
      expect(m.position).toBe(r.position);
    }
    const refund = pulled.find((m) => m.title === 'Refund confirmed: amount, resolve');
    expect(refund?.inputs).toEqual([{ key: 'amount', label: 'Refund amount', type: 'money', prefill: { from: 'return.refundAmount', addDays: 0, businessDays: false } }]);
    // An older desktop reads the first model's fields (a zod object drops what it does not know).
    const old = MacroRow.omit({ steps: true, inputs: true, position: true }).strip();
    const matched = pulled.find((m) => m.title === 'Payment found: confirm and resolve')!;
    expect(old.parse(matched)).toMatchObject({ setStatus: 'resolved', replyBody: expect.stringContaining('{{transaction.amount}}') });
  });

  it('are served by the desktop from its cache, checked and in their order, also after a restart', async () => {
    let token: string | null = null;
    const secrets = { get: () => token, set: (v: string | null) => void (token = v) };
    let d: TestDesktop = await startDesktop({ secrets });
    try {
      await signIn(d, srv.url, email);
      await d.waitFor(async () => (await d.call('macros:list', null)).length === (await dbMacros()).length, 'the macros');
      const listed = await d.call('macros:list', null);
      expect(listed.every((m) => m.unsupported === null)).toBe(true);
      for (const category of CATEGORIES) {
        const first = macroSlots(listed, category)[0]!;
        expect(first.category).toBe(category);
        expect(first.steps.at(-1)).toEqual({ type: 'nextChat' });
      }
      expect(macroSlots(listed, 'payment_delay')[0]?.title).toBe('Payment on its way: expected date, resolve');

      const dir = d.userDataDir;
      await d.close({ keepData: true });
      d = await startDesktop({ userDataDir: dir, secrets });
      await d.waitFor(async () => (await d.desktop.dispatch('macros:list', null)).ok, 'the cache after a restart');
      expect(await d.call('macros:list', null)).toEqual(listed);
    } finally {
      await d.close();
    }
  });
});
