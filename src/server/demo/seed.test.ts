import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containsCardNumber } from '../../shared/card-mask';
import { parseReference } from '../../shared/reference';
import { verifyPassword } from '../auth/password';
import { regionCalendar } from '../calendar/region-calendar';
import { openDatabase, type Db } from '../storage/db';
import { toRegion, type RegionRow } from '../storage/tables/regions';
import { CATEGORIES, CANNED_LANGUAGES } from '../../shared/domain';
import { parseTemplate, unknownVariables } from '../../shared/templates';
import { DEMO_PASSWORD, addMissingCannedReplies, seedDemoWorld, upgradeDemoMacros, type SeedOptions, type SeedSummary } from './seed';
import { createMacrosTable } from '../storage/tables/macros';
import { macroFromRow, macroProblems, macroSlots, stepTemplates } from '../../shared/macros';
import { MacroRow } from '../../shared/domain';

const NOW = new Date('2026-03-04T10:30:00Z');
const OPTIONS: SeedOptions = { seed: 7, customers: 300, historicTickets: 200, liveQueued: 3, now: NOW };

const DATA_TABLES = [
  'regions',
  'customers',
  'accounts',
  'payment_methods',
  'orders',
  'installments',
  'transactions',
  'returns',
  'tickets',
  'messages',
  'canned_replies',
  'macros',
  'incidents',
] as const;

let dir: string;
const open: Db[] = [];

async function seeded(name: string, options: SeedOptions): Promise<{ db: Db; summary: SeedSummary }> {
  const db = openDatabase(join(dir, `${name}.db`));
  open.push(db);
  const summary = await seedDemoWorld(db, options);
  return { db, summary };
}

function tableHash(db: Db, table: string): string {
  const rows = db.prepare(`SELECT * FROM ${table} ORDER BY id`).all();
  return createHash('sha256').update(JSON.stringify(rows)).digest('hex');
}

function agentsHash(db: Db): string {
  const rows = db.prepare('SELECT id, email, name, role, tier, regions_json, capacity, presence, last_assigned_at, created_at FROM agents ORDER BY id').all();
  return createHash('sha256').update(JSON.stringify(rows)).digest('hex');
}

let db: Db;
let summary: SeedSummary;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agent-desk-seed-'));
  ({ db, summary } = await seeded('main', OPTIONS));
});

afterAll(() => {
  for (const d of open) d.close();
  rmSync(dir, { recursive: true, force: true });
});

const all = <T>(sql: string, ...params: unknown[]): T[] => db.prepare(sql).all(...params) as T[];

describe('seedDemoWorld', () => {
  it('fills every domain table and reports what it wrote', () => {
    const count = (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    expect(summary.customers).toBe(300);
    expect(count('customers')).toBe(300);
    expect(count('accounts')).toBe(300);
    expect(summary.tickets).toBe(203);
    expect(count('tickets')).toBe(summary.tickets);
    expect(count('messages')).toBe(summary.messages);
    expect(count('orders')).toBe(summary.orders);
    expect(count('installments')).toBe(summary.installments);
    expect(count('transactions')).toBe(summary.transactions);
    expect(count('returns')).toBe(summary.returns);
    expect(count('agents')).toBe(summary.agents);
    expect(summary.returns).toBeGreaterThan(0);
    expect(count('canned_replies')).toBeGreaterThanOrEqual(18);
    expect(count('macros')).toBeGreaterThanOrEqual(6);
    expect(count('incidents')).toBeGreaterThan(0);
    // desktops get seeded data through a snapshot: no feed, sessions or audit rows
    for (const t of ['change_feed', 'sync_clients', 'push_acks', 'sessions', 'audit_log']) expect(count(t)).toBe(0);
    const meta = Object.fromEntries(all<{ key: string; value: string }>('SELECT key, value FROM meta').map((r) => [r.key, r.value]));
    expect(meta.demo).toBe('1');
    expect(meta.seed).toBe('7');
    expect(meta.epoch).toBeTruthy();
  });

  it('is deterministic: the same seed gives identical rows, another seed different ones', async () => {
    const again = await seeded('again', OPTIONS);
    for (const t of DATA_TABLES) expect(tableHash(again.db, t), t).toBe(tableHash(db, t));
    expect(agentsHash(again.db)).toBe(agentsHash(db));
    const other = await seeded('other', { ...OPTIONS, seed: 8 });
    for (const t of ['customers', 'orders', 'installments', 'tickets', 'messages']) expect(tableHash(other.db, t), t).not.toBe(tableHash(db, t));
  });

  it('passes the foreign key check', () => {
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('gives every region at least two agents, one of them not a supervisor', () => {
    const agents = all<{ role: string; regions_json: string }>('SELECT role, regions_json FROM agents');
    for (const { id } of all<{ id: string }>('SELECT id FROM regions')) {
      const here = agents.filter((a) => (JSON.parse(a.regions_json) as string[]).includes(id));
      expect(here.length, id).toBeGreaterThanOrEqual(2);
      expect(here.some((a) => a.role !== 'supervisor'), id).toBe(true);
    }
    const hours = all<{ id: string; hours_json: string }>('SELECT id, hours_json FROM regions');
    for (const h of hours) expect(Object.keys(JSON.parse(h.hours_json) as object).sort(), h.id).toEqual(['fri', 'mon', 'sat', 'sun', 'thu', 'tue', 'wed']);
  });

  it('gives every region a calendar the desk can read: its holiday country, and Sydney its late Friday shift and exceptions', () => {
    const regions = all<RegionRow>('SELECT * FROM regions').map(toRegion);
    expect(Object.fromEntries(regions.map((r) => [r.id, r.holidayCountry]))).toEqual({ 'eu-north': 'SE', 'eu-central': 'DE', uk: 'GB-ENG', na: 'US', au: 'AU-NSW' });
    const au = regions.find((r) => r.id === 'au')!;
    expect(au.hours.fri).toEqual([['08:00', '18:00'], ['20:00', '02:00']]);
    expect(au.exceptions.map((e) => e.note)).toEqual(['Christmas Eve', "New Year's Eve", 'Christmas Eve', "New Year's Eve"]);
    // The round-the-clock lines stay open on a public holiday, which is still no business day.
    const se = regionCalendar(regions.find((r) => r.id === 'eu-north')!);
    expect(se.isOpenAt(new Date('2026-12-25T12:00:00Z'))).toBe(true);
    expect(se.day('2026-12-25').businessDay).toBe(false);
  });

  it('lets the demo agents sign in with the shared password, a tier-1 eu-north agent first', async () => {
    const first = summary.demoAgents[0]!;
    const row = db.prepare('SELECT tier, role, regions_json FROM agents WHERE email = ?').get(first.email) as { tier: number; role: string; regions_json: string };
    expect(row.tier).toBe(1);
    expect(row.role).toBe('agent');
    expect(JSON.parse(row.regions_json)).toContain('eu-north');
    for (const email of ['agent@demo.agentdesk.test', 'senior@demo.agentdesk.test', 'supervisor@demo.agentdesk.test']) {
      const a = db.prepare('SELECT password_hash FROM agents WHERE email = ?').get(email) as { password_hash: string };
      expect(await verifyPassword(DEMO_PASSWORD, a.password_hash), email).toBe(true);
    }
    const a = db.prepare('SELECT password_hash FROM agents WHERE email = ?').get(first.email) as { password_hash: string };
    expect(await verifyPassword('wrong-password', a.password_hash)).toBe(false);
    expect(summary.demoAgents.every((d) => d.password === DEMO_PASSWORD)).toBe(true);
  });

  it('makes installments agree with each order: count, spacing and an exact sum', () => {
    const orders = all<{ id: string; plan: string; total_minor: number; items_json: string; placed_at: string }>('SELECT id, plan, total_minor, items_json, placed_at FROM orders');
    const byOrder = new Map<string, { number: number; due_date: string; amount_minor: number }[]>();
    for (const i of all<{ order_id: string; number: number; due_date: string; amount_minor: number }>('SELECT order_id, number, due_date, amount_minor FROM installments ORDER BY order_id, number')) {
      const list = byOrder.get(i.order_id) ?? [];
      list.push(i);
      byOrder.set(i.order_id, list);
    }
    const days = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;
    let payIn4 = 0;
    for (const o of orders) {
      const items = JSON.parse(o.items_json) as { amountMinor: number; quantity: number; name: string }[];
      expect(items.reduce((s, i) => s + i.amountMinor, 0), o.id).toBe(o.total_minor);
      const inst = byOrder.get(o.id) ?? [];
      const sum = inst.reduce((s, i) => s + i.amount_minor, 0);
      switch (o.plan) {
        case 'pay_in_4':
          payIn4++;
          expect(inst.length).toBe(4);
          expect(sum, o.id).toBe(o.total_minor);
          for (let k = 1; k < 4; k++) expect(days(inst[k - 1]!.due_date, inst[k]!.due_date)).toBe(14);
          expect(Math.max(...inst.map((i) => i.amount_minor)) - Math.min(...inst.map((i) => i.amount_minor))).toBeLessThanOrEqual(1);
          break;
        case 'pay_in_30':
          expect(inst.length).toBe(1);
          expect(sum).toBe(o.total_minor);
          // 30 days after the purchase date in the customer's zone (which may differ from UTC's date by one)
          expect(Math.abs(days(o.placed_at.slice(0, 10), inst[0]!.due_date) - 30)).toBeLessThanOrEqual(1);
          break;
        case 'financing':
          expect([6, 12, 24]).toContain(inst.length);
          expect(sum).toBe(o.total_minor);
          break;
        case 'pay_now':
          expect(inst.length).toBe(0);
          break;
        default:
          throw new Error(`unexpected plan ${o.plan}`);
      }
    }
    expect(payIn4).toBeGreaterThan(50);
  });

  it('pays every paid installment with exactly one settled payment of the same amount', () => {
    const rows = all<{ id: string; amount_minor: number; settled: number; same: number }>(
      `SELECT i.id, i.amount_minor,
              (SELECT count(*) FROM transactions t WHERE t.installment_id = i.id AND t.kind = 'payment' AND t.status = 'settled') AS settled,
              (SELECT count(*) FROM transactions t WHERE t.installment_id = i.id AND t.kind = 'payment' AND t.status = 'settled' AND t.amount_minor = i.amount_minor) AS same
         FROM installments i WHERE i.status = 'paid'`,
    );
    expect(rows.length).toBeGreaterThan(100);
    for (const r of rows) {
      expect(r.settled, r.id).toBe(1);
      expect(r.same, r.id).toBe(1);
    }
    // nothing that is not paid has a settled payment, and payments belong to the installment's order
    const stray = all('SELECT i.id FROM installments i JOIN transactions t ON t.installment_id = i.id WHERE i.status <> \'paid\' AND t.kind = \'payment\' AND t.status = \'settled\'');
    expect(stray).toEqual([]);
    const wrongOrder = all('SELECT t.id FROM transactions t JOIN installments i ON i.id = t.installment_id WHERE t.order_id <> i.order_id OR t.customer_id <> i.customer_id');
    expect(wrongOrder).toEqual([]);
    // a purchase per order
    expect(all('SELECT o.id FROM orders o WHERE (SELECT count(*) FROM transactions t WHERE t.order_id = o.id AND t.kind = \'purchase\') <> 1')).toEqual([]);
    // late fees have a fee transaction of the same amount
    const fees = all<{ late_fee_minor: number; fee: number | null }>(
      "SELECT i.late_fee_minor, (SELECT sum(amount_minor) FROM transactions t WHERE t.installment_id = i.id AND t.kind = 'fee') AS fee FROM installments i WHERE i.late_fee_minor > 0",
    );
    for (const f of fees) expect(f.fee).toBe(f.late_fee_minor);
  });

  it('keeps installment statuses consistent with now', () => {
    const today = NOW.toISOString().slice(0, 10);
    const future = all<{ status: string }>('SELECT status FROM installments WHERE due_date > ?', today);
    expect(future.length).toBeGreaterThan(0);
    for (const f of future) expect(['scheduled', 'paused', 'paid']).toContain(f.status);
    const late = all('SELECT id FROM installments WHERE status IN (\'overdue\', \'failed\') AND due_date >= ?', today);
    expect(late).toEqual([]);
    const yesterday = new Date(NOW.getTime() - 2 * 86_400_000).toISOString().slice(0, 10);
    expect(all('SELECT id FROM installments WHERE status = \'scheduled\' AND due_date < ?', yesterday)).toEqual([]);
    expect(all('SELECT id FROM installments WHERE paid_at > ?', NOW.toISOString())).toEqual([]);
    expect(all('SELECT id FROM transactions WHERE created_at > ? OR settled_at > ?', NOW.toISOString(), NOW.toISOString())).toEqual([]);
  });

  it('pauses the installments of orders with an open return and refunds refunded ones', () => {
    const openReturns = all<{ order_id: string }>("SELECT order_id FROM returns WHERE status IN ('requested', 'in_transit', 'received')");
    expect(openReturns.length).toBeGreaterThan(0);
    for (const r of openReturns) {
      const scheduled = all("SELECT id FROM installments WHERE order_id = ? AND status IN ('scheduled', 'overdue', 'failed')", r.order_id);
      expect(scheduled, r.order_id).toEqual([]);
    }
    const refunded = all<{ order_id: string; refund_amount_minor: number; total_minor: number; plan: string; refund_date: string | null }>(
      "SELECT r.order_id, r.refund_amount_minor, o.total_minor, o.plan, r.refund_date FROM returns r JOIN orders o ON o.id = r.order_id WHERE r.status = 'refunded'",
    );
    expect(refunded.length).toBeGreaterThan(0);
    for (const r of refunded) {
      expect(r.refund_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const cash = (db.prepare("SELECT coalesce(sum(amount_minor), 0) AS s FROM transactions WHERE order_id = ? AND kind = 'refund'").get(r.order_id) as { s: number }).s;
      const offset = (db.prepare("SELECT coalesce(sum(amount_minor), 0) AS s FROM transactions WHERE order_id = ? AND rail = 'refund_offset'").get(r.order_id) as { s: number }).s;
      expect(cash + offset, r.order_id).toBe(r.refund_amount_minor);
    }
  });

  it('gives every ticket a unique, valid reference', () => {
    const refs = all<{ reference: string }>('SELECT reference FROM tickets').map((r) => r.reference);
    expect(new Set(refs).size).toBe(refs.length);
    for (const r of refs) expect(parseReference(r)).toEqual({ ok: true, reference: r });
  });

  it('writes threads in strictly increasing time that agree with the ticket timestamps', () => {
    const tickets = all<{ id: string; status: string; channel: string; created_at: string; queued_at: string; offered_at: string | null; accepted_at: string | null; first_response_at: string | null; resolved_at: string | null; last_message_at: string; customer_token_hash: string | null; assignee_id: string | null }>(
      'SELECT id, status, channel, created_at, queued_at, offered_at, accepted_at, first_response_at, resolved_at, last_message_at, customer_token_hash, assignee_id FROM tickets',
    );
    const byTicket = new Map<string, { created_at: string; author_kind: string }[]>();
    for (const m of all<{ ticket_id: string; created_at: string; author_kind: string }>('SELECT ticket_id, created_at, author_kind FROM messages ORDER BY ticket_id, created_at, id')) {
      const list = byTicket.get(m.ticket_id) ?? [];
      list.push(m);
      byTicket.set(m.ticket_id, list);
    }
    for (const t of tickets) {
      const msgs = byTicket.get(t.id) ?? [];
      expect(msgs.length, t.id).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < msgs.length; i++) expect(msgs[i]!.created_at > msgs[i - 1]!.created_at, t.id).toBe(true);
      expect(msgs[0]!.created_at >= t.created_at).toBe(true);
      expect(t.last_message_at).toBe(msgs[msgs.length - 1]!.created_at);
      expect(t.last_message_at <= NOW.toISOString()).toBe(true);
      expect(t.customer_token_hash).toBeNull();
      if (t.status === 'queued') {
        expect(t.assignee_id).toBeNull();
        continue;
      }
      expect(['resolved', 'closed']).toContain(t.status);
      expect(t.assignee_id).not.toBeNull();
      expect(t.first_response_at! > t.created_at).toBe(true);
      // queued (again, after an escalation) → offered → accepted
      expect(t.queued_at >= t.created_at && t.offered_at! > t.queued_at && t.accepted_at! > t.offered_at!, t.id).toBe(true);
      expect(t.resolved_at! >= t.last_message_at).toBe(true);
      expect(t.resolved_at! <= NOW.toISOString()).toBe(true);
      if (t.channel !== 'phone') expect(msgs.some((m) => m.author_kind === 'customer')).toBe(true);
    }
    const queued = tickets.filter((t) => t.status === 'queued');
    expect(queued.length).toBe(3);
  });

  it('assigns tickets to agents who work the ticket\'s region at the ticket\'s tier', () => {
    const rows = all<{ region_id: string; tier: number; is_complaint: number; role: string; agent_tier: number; regions_json: string }>(
      'SELECT t.region_id, t.tier, t.is_complaint, a.role, a.tier AS agent_tier, a.regions_json FROM tickets t JOIN agents a ON a.id = t.assignee_id',
    );
    for (const r of rows) {
      expect(JSON.parse(r.regions_json)).toContain(r.region_id);
      expect(r.agent_tier).toBeGreaterThanOrEqual(r.tier);
      if (r.is_complaint) expect(r.role).toBe('supervisor');
    }
    const complaints = all<{ complaint_due_at: string | null }>('SELECT complaint_due_at FROM tickets WHERE is_complaint = 1');
    expect(complaints.length).toBeGreaterThanOrEqual(1);
    for (const c of complaints) expect(c.complaint_due_at).toMatch(/^\d{4}-/);
  });

  it('rates most chats well: average CSAT of rated tickets at least 4.3', () => {
    const { avg, n, satisfied } = db.prepare('SELECT avg(csat) AS avg, count(csat) AS n, avg(csat >= 4) AS satisfied FROM tickets WHERE csat IS NOT NULL').get() as {
      avg: number;
      n: number;
      satisfied: number;
    };
    expect(n).toBeGreaterThan(60);
    expect(avg).toBeGreaterThanOrEqual(4.3);
    expect(satisfied).toBeGreaterThan(0.85);
  });

  it('never writes a card number, and never leaks template mistakes into text', () => {
    const texts = [
      ...all<{ body: string }>('SELECT body FROM messages').map((m) => m.body),
      ...all<{ subject: string }>('SELECT subject FROM tickets').map((t) => t.subject),
      ...all<{ body: string }>('SELECT body FROM canned_replies').map((t) => t.body),
    ];
    for (const text of texts) {
      expect(containsCardNumber(text), text).toBe(false);
      expect(text, text).not.toMatch(/\[object Object\]|undefined|NaN|\bnull\b/);
    }
    // only last four digits of payment methods are stored
    for (const pm of all<{ last4: string }>('SELECT last4 FROM payment_methods')) expect(pm.last4).toMatch(/^\d{4}$/);
  });

  it('quotes the customer\'s own orders and formats money in the customer\'s locale', () => {
    const rows = all<{ order_number: string; customer_id: string; owner: string | null }>(
      'SELECT t.order_number, t.customer_id, (SELECT o.customer_id FROM orders o WHERE o.order_number = t.order_number) AS owner FROM tickets t WHERE t.order_number IS NOT NULL',
    );
    expect(rows.length).toBeGreaterThan(20);
    for (const r of rows) expect(r.owner).toBe(r.customer_id);
    const bodiesOf = (locale: string) =>
      all<{ body: string }>('SELECT m.body FROM messages m JOIN tickets t ON t.id = m.ticket_id JOIN customers c ON c.id = t.customer_id WHERE c.locale = ?', locale).map((m) => m.body);
    // Intl: "1 299,00 kr" in Sweden, "49,99 €" in Germany, "$49.99" in the US (with their own spaces)
    expect(bodiesOf('sv-SE').some((b) => /\d,\d\d\u00a0kr/.test(b))).toBe(true);
    expect(bodiesOf('de-DE').some((b) => /\d,\d\d\u00a0€/.test(b))).toBe(true);
    expect(bodiesOf('en-US').some((b) => /\$\d+(,\d{3})*\.\d\d/.test(b))).toBe(true);
  });
});

describe('demo canned replies', () => {
  type Reply = { category: string; language: string; shortcut: string; title: string; body: string };
  const replies = () => all<Reply>('SELECT category, language, shortcut, title, body FROM canned_replies');

  it('exist in English, Swedish and German for every category', () => {
    for (const category of CATEGORIES)
      for (const language of CANNED_LANGUAGES) expect(replies().filter((r) => r.category === category && r.language === language).length, `${category}/${language}`).toBeGreaterThanOrEqual(3);
  });

  it('have each shortcut in all three languages, translated, with the same variables', () => {
    const byShortcut = new Map<string, Reply[]>();
    for (const r of replies()) byShortcut.set(r.shortcut, [...(byShortcut.get(r.shortcut) ?? []), r]);
    for (const [shortcut, rows] of byShortcut) {
      expect(rows.map((r) => r.language).sort(), shortcut).toEqual(['de', 'en', 'sv']);
      expect(new Set(rows.map((r) => r.category)).size, shortcut).toBe(1);
      expect(new Set(rows.map((r) => r.body)).size, shortcut).toBe(3);
      const vars = rows.map((r) => parseTemplate(r.body).flatMap((p) => (p.kind === 'variable' ? [p.path] : [])).sort().join());
      expect(new Set(vars).size, `${shortcut}: ${vars.join(' | ')}`).toBe(1);
    }
  });

  it('use only variables the console knows, and use them', () => {
    for (const r of replies()) expect(unknownVariables(r.body), `${r.shortcut}/${r.language}`).toEqual([]);
    const withVariables = replies().filter((r) => parseTemplate(r.body).some((p) => p.kind === 'variable'));
    expect(withVariables.length).toBeGreaterThan(replies().length / 2);
  });

  it('are added to a demo database seeded before the languages existed, on the change feed', async () => {
    const { db: old } = await seeded('old', { ...OPTIONS, customers: 20, historicTickets: 5, liveQueued: 0 });
    old.prepare(`DELETE FROM canned_replies WHERE language <> 'en'`).run();
    const before = (old.prepare('SELECT count(*) AS n FROM canned_replies').get() as { n: number }).n;
    const added = addMissingCannedReplies(old, NOW);
    expect(added).toBe(before * 2);
    expect(old.prepare(`SELECT count(*) AS n FROM change_feed WHERE entity = 'cannedReply'`).get()).toEqual({ n: added });
    expect(addMissingCannedReplies(old, NOW)).toBe(0);
  });
});

describe('demo macros', () => {
  const macros = () => createMacrosTable(db).all().map((r) => macroFromRow(MacroRow.parse(r)));
  const shortcuts = () => {
    const rows = all<{ language: 'en' | 'sv' | 'de'; shortcut: string }>('SELECT language, shortcut FROM canned_replies');
    return new Map(CANNED_LANGUAGES.map((l) => [l, new Set(rows.filter((r) => r.language === l).map((r) => r.shortcut))] as const));
  };

  it('give every category a macro, and each common issue one on Ctrl+Shift+1 that resolves and opens the next chat', () => {
    const list = macros();
    for (const category of CATEGORIES) {
      const first = macroSlots(list, category)[0];
      expect(first?.category, category).toBe(category);
      expect(first!.steps.map((s) => s.type).slice(-2), `${category}: ${first!.title}`).toEqual(['resolve', 'nextChat']);
      expect(first!.steps.some((s) => s.type === 'insertCannedReply' || s.type === 'insertReply'), first!.title).toBe(true);
    }
    expect(list.length).toBeGreaterThanOrEqual(CATEGORIES.length * 2);
    expect(list.every((m) => m.unsupported === null)).toBe(true);
  });

  it('have valid steps and templates that use only the catalogue and their own inputs', () => {
    for (const m of macros()) expect(macroProblems(m, { cannedShortcuts: shortcuts() }), m.title).toEqual([]);
  });

  it('write their own replies in all three languages with the same variables', () => {
    for (const m of macros())
      for (const s of m.steps) {
        if (s.type !== 'insertReply') continue;
        const langs = CANNED_LANGUAGES.map((l) => s.text[l]);
        expect(langs.every(Boolean), m.title).toBe(true);
        const vars = langs.map((t) => parseTemplate(t!).flatMap((p) => (p.kind === 'variable' ? [p.path] : [])).sort().join());
        expect(new Set(vars).size, `${m.title}: ${vars.join(' | ')}`).toBe(1);
        expect(new Set(langs).size, m.title).toBe(3);
      }
  });

  it('ask for an amount and a date somewhere, and keep the old columns filled for older desktops', () => {
    const list = macros();
    expect(list.some((m) => m.inputs.some((i) => i.type === 'money'))).toBe(true);
    expect(list.some((m) => m.inputs.some((i) => i.type === 'date'))).toBe(true);
    const rows = all<{ title: string; reply_body: string | null; set_status: string | null; steps_json: string }>('SELECT title, reply_body, set_status, steps_json FROM macros');
    for (const r of rows) {
      const steps = JSON.parse(r.steps_json) as { type: string }[];
      if (steps.some((s) => s.type === 'resolve')) expect(r.set_status, r.title).toBe('resolved');
      if (r.reply_body) expect(r.reply_body, r.title).not.toContain('{{input.');
    }
    for (const m of list) for (const s of m.steps) for (const t of stepTemplates(s)) expect(containsCardNumber(t.text)).toBe(false);
  });

  it('replace the macros of a demo database seeded before steps, on the change feed', async () => {
    const { db: old } = await seeded('old-macros', { ...OPTIONS, customers: 20, historicTickets: 5, liveQueued: 0 });
    const current = (old.prepare('SELECT count(*) AS n FROM macros').get() as { n: number }).n;
    old.prepare('DELETE FROM macros').run();
    const legacy = old.prepare(`INSERT INTO macros (id, category, title, reply_body, set_status, set_priority) VALUES (?, 'other', ?, 'Bye', 'resolved', NULL)`);
    legacy.run('old-1', 'Close with reference');
    legacy.run('old-2', 'Lower priority');
    expect(upgradeDemoMacros(old, NOW)).toEqual({ added: current, removed: 2 });
    expect(old.prepare(`SELECT op, count(*) AS n FROM change_feed WHERE entity = 'macro' GROUP BY op ORDER BY op`).all()).toEqual([
      { op: 'delete', n: 2 },
      { op: 'upsert', n: current },
    ]);
    expect((old.prepare('SELECT count(*) AS n FROM macros WHERE steps_json IS NULL').get() as { n: number }).n).toBe(0);
    expect(upgradeDemoMacros(old, NOW)).toEqual({ added: 0, removed: 0 });
  });
});
