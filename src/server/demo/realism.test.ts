/**
 * The seeded history is realistic enough for assist's figures to mean something
 * (docs/demo-world.md, "How realistic is the history"): customers' pre-chat picks are sometimes
 * wrong, mostly for a neighbour; German and Swedish customers often write their own language and
 * are answered in it; agents send canned replies where they fit, not always, and record them;
 * openings vary, with typos and tone. Shares are checked with generous bounds around the
 * documented ones, on one seeded world.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CANNED_REPLIES } from './canned-content';
import { generateDemoWorld } from './seed';
import { ANGRY } from './openings';
import type { DemoWorldRows } from './world-rows';

let w: DemoWorldRows;
beforeAll(() => {
  w = generateDemoWorld({ seed: 11, customers: 900, historicTickets: 800, liveQueued: 4, now: new Date('2026-03-04T10:30:00Z') });
});

const share = (part: number, whole: number) => part / whole;
const historic = () => w.tickets.filter((t) => t.status !== 'queued');
const firstCustomerMessage = (ticketId: string) => w.messages.find((m) => m.ticket_id === ticketId && m.author_kind === 'customer')?.body ?? null;

describe('the demo history', () => {
  it('has the customer pick the wrong category ~20% of the time, mostly a neighbouring one, and keeps the true one as the category', () => {
    const tickets = historic();
    const wrong = tickets.filter((t) => t.initial_category !== t.category);
    expect(tickets.every((t) => t.initial_category !== null)).toBe(true);
    expect(share(wrong.length, tickets.length)).toBeGreaterThan(0.13);
    expect(share(wrong.length, tickets.length)).toBeLessThan(0.27);
    const neighbours = new Set(['payment_delay>missed_payment', 'payment_delay>refund_return', 'missed_payment>payment_delay', 'refund_return>payment_delay', 'technical_glitch>account_verification', 'account_verification>technical_glitch']);
    const adjacentOrOther = wrong.filter((t) => t.initial_category === 'other' || neighbours.has(`${t.category}>${t.initial_category}`));
    expect(share(adjacentOrOther.length, wrong.length)).toBeGreaterThan(0.75);
    // The pre-chat form's line says what the customer picked.
    for (const t of tickets.filter((x) => x.channel === 'chat').slice(0, 200)) {
      const started = w.messages.find((m) => m.ticket_id === t.id && m.author_kind === 'system')!;
      expect(started.body.startsWith('Chat started · ')).toBe(true);
    }
  });

  it('lets German and Swedish customers write their own language about 60% of the time, answered in it; nobody else', () => {
    const locale = new Map(w.customers.map((c) => [c.id, c.locale]));
    const chats = historic().filter((t) => t.channel === 'chat' && t.is_complaint === 0);
    const answeredLocally = (ticketId: string) => {
      const first = w.messages.find((m) => m.ticket_id === ticketId && m.author_kind === 'agent');
      return !!first && /^(Hallo \S+, ich bin|Hej \S+! Jag heter)/.test(first.body);
    };
    const deSv = chats.filter((t) => /^(de|sv)/.test(locale.get(t.customer_id)!));
    const local = deSv.filter((t) => answeredLocally(t.id));
    expect(share(local.length, deSv.length)).toBeGreaterThan(0.45);
    expect(share(local.length, deSv.length)).toBeLessThan(0.75);
    const others = chats.filter((t) => !/^(de|sv)/.test(locale.get(t.customer_id)!));
    expect(others.some((t) => answeredLocally(t.id))).toBe(false);
    // a German thread's canned replies are the German ones
    const german = local.filter((t) => locale.get(t.customer_id)!.startsWith('de')).map((t) => t.id);
    const germanCanned = w.messages.filter((m) => german.includes(m.ticket_id) && m.canned_shortcut && m.canned_shortcut !== 'ot-anything-else');
    expect(germanCanned.length).toBeGreaterThan(5);
    for (const m of germanCanned) expect(m.body, m.body).toMatch(/\b(und|die|der|Sie|Ihre?|nicht|ist|wird)\b/);
  });

  it('records canned replies where agents use them: known shortcuts, a share of replies, and hand-written answers too', () => {
    const agentMessages = w.messages.filter((m) => m.author_kind === 'agent');
    const canned = agentMessages.filter((m) => m.canned_shortcut !== null);
    const shortcuts = new Set(CANNED_REPLIES.map((r) => r.shortcut));
    for (const m of canned) expect(shortcuts.has(m.canned_shortcut!), m.canned_shortcut!).toBe(true);
    expect(share(canned.length, agentMessages.length)).toBeGreaterThan(0.15);
    expect(share(canned.length, agentMessages.length)).toBeLessThan(0.6);
    expect(w.messages.filter((m) => m.author_kind !== 'agent').every((m) => m.canned_shortcut === null)).toBe(true);
    const topical = canned.filter((m) => !m.canned_shortcut!.startsWith('ot-'));
    expect(new Set(topical.map((m) => m.canned_shortcut)).size).toBeGreaterThan(12);
    // Which reply depends on the case: a return still on its way gets "payments paused", one received the timeline.
    expect(topical.some((m) => m.canned_shortcut === 'rr-paused') && topical.some((m) => m.canned_shortcut === 'rr-timeline')).toBe(true);
    // Filled as the console fills them: no variable or prompt left.
    for (const m of canned) expect(m.body, m.body).not.toMatch(/\{\{|⟦/);
    // Some cases of a category with canned replies are answered entirely by hand.
    const withCanned = new Set(topical.map((m) => m.ticket_id));
    const returns = historic().filter((t) => t.category === 'refund_return' && t.channel === 'chat');
    expect(returns.filter((t) => !withCanned.has(t.id)).length).toBeGreaterThan(returns.length * 0.15);
  });

  it('varies the opening message: many distinct ones per category, some very short, some lower case or with typos, some angry', () => {
    const tickets = historic().filter((t) => t.channel === 'chat');
    const openings = tickets.map((t) => ({ category: t.category, text: firstCustomerMessage(t.id)! }));
    for (const category of ['payment_delay', 'refund_return', 'missed_payment'])
      expect(new Set(openings.filter((o) => o.category === category).map((o) => o.text)).size, category).toBeGreaterThan(40);
    expect(openings.some((o) => o.text.length < 15)).toBe(true);
    expect(share(openings.filter((o) => o.text === o.text.toLowerCase()).length, openings.length)).toBeGreaterThan(0.15);
    const angry = [...ANGRY.en.before, ...ANGRY.en.after, ...ANGRY.de.before, ...ANGRY.de.after, ...ANGRY.sv.before, ...ANGRY.sv.after].map((s) => s.toLowerCase());
    const angryShare = share(openings.filter((o) => angry.some((a) => o.text.toLowerCase().includes(a.replace(/[.!?]+$/, '')))).length, openings.length);
    expect(angryShare).toBeGreaterThan(0.04);
    expect(angryShare).toBeLessThan(0.3);
  });
});
