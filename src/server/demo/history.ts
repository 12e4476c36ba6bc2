/**
 * The seeded support history: resolved and closed tickets over the last ~60 days with their
 * threads, a handful of formal complaints, and optionally a few chats waiting in the queue.
 * Timestamps follow how a case really goes: queued, offered, accepted, first response within
 * minutes, resolved; every thread's messages strictly increase in time.
 */
import { regionCalendar } from '../calendar/region-calendar';
import { CATEGORY_LABELS, type Category, type Priority } from '../../shared/domain';
import { makeReference } from '../../shared/reference';
import type { DemoCustomer } from './commerce';
import { seededUuidV7, type Rng } from './rng';
import { agentStyle, localOf, voiceCase, type Voiced } from './case-voice';
import { filledCanned, recordedShortcut } from './canned-use';
import { moneyText, writeScript, type DemoIncident, type Line, type Script, type Speaker, type Topic } from './threads';
import type { AgentSpec, RegionId, RegionSpec } from './world-catalog';
import { exceptionsAround, REGIONS } from './world-catalog';
import type { AgentDbRow, MessageDbRow, TicketDbRow } from './world-rows';
import { DAY_MS, HOUR_MS, iso, localParts, MINUTE_MS } from './zoned-time';

export interface DemoAgent {
  row: AgentDbRow;
  spec: AgentSpec;
  firstName: string;
}

export interface HistoryInput {
  rng: Rng;
  ids: Rng;
  nowMs: number;
  customers: DemoCustomer[];
  agents: DemoAgent[];
  incidents: DemoIncident[];
  historicTickets: number;
  liveQueued: number;
  /** How far back the history goes. */
  days?: number;
  /** Draws for how customers write and agents answer (case-voice.ts); default a fork of `rng`. */
  voice?: Rng;
}

export interface HistoryRows {
  tickets: TicketDbRow[];
  messages: MessageDbRow[];
}

interface Candidate {
  customer: DemoCustomer;
  topic: Topic;
  lo: number;
  hi: number;
}

type PoolName = Topic['kind'];

const CATEGORY_WEIGHTS: readonly (readonly [Category, number])[] = [
  ['payment_delay', 22],
  ['refund_return', 25],
  ['missed_payment', 17],
  ['account_verification', 12],
  ['technical_glitch', 13],
  ['other', 11],
];

const POOLS_BY_CATEGORY: Record<Category, readonly (readonly [PoolName, number])[]> = {
  payment_delay: [['pd_transfer', 85], ['pd_ledger', 15]],
  account_verification: [['av_identity', 45], ['av_bank', 25], ['av_pending', 20], ['av_start', 10]],
  refund_return: [['rr_return', 75], ['rr_howto', 25]],
  missed_payment: [['mp_failed', 60], ['mp_fee', 25], ['mp_hardship', 15]],
  technical_glitch: [['tg_incident', 45], ['tg_device', 55]],
  other: [['other', 1]],
};

/** Relative chance of getting in touch at each local hour. */
const HOUR_WEIGHTS = [0.06, 0.04, 0.03, 0.03, 0.04, 0.08, 0.18, 0.35, 0.6, 0.9, 1, 1, 0.9, 0.95, 1, 1, 0.95, 0.9, 0.85, 0.8, 0.75, 0.6, 0.35, 0.15];

const OMBUDSMAN: Record<RegionId, string> = {
  'eu-north': 'the National Board for Consumer Disputes (ARN)',
  'eu-central': 'the consumer arbitration board (Verbraucherschlichtungsstelle)',
  uk: 'the Financial Ombudsman Service',
  na: 'the Consumer Financial Protection Bureau',
  au: 'the Australian Financial Complaints Authority (AFCA)',
};

const COMPLAINT_DEADLINE_DAYS = 56;

const CSAT_COMMENTS: Record<number, readonly string[]> = {
  5: ['Quick and friendly, thanks!', 'Super helpful.', 'Solved in minutes.', 'Very kind agent.', 'Great service, thank you.', 'Clear answer, no waiting around.'],
  4: ['Helpful, but the wait was a bit long.', 'Good, thanks.', 'Sorted in the end.', 'Friendly, took a little while.'],
  3: ['Ok, but it didn\'t fully solve my problem.', 'Had to explain things twice.', 'Fine.'],
  2: ['Still waiting for my money.', 'Not happy with the late fee.', 'Took far too long.'],
  1: ['Nobody could really help me.', 'Very disappointing.', 'I will not use this service again.'],
};


export function generateHistory(input: HistoryInput): HistoryRows {
  const { rng, ids, nowMs, customers, agents, incidents } = input;
  const voiceRng = input.voice ?? rng.fork();
  const languages = new Map<string, Voiced['lang']>();
  const windowStart = nowMs - (input.days ?? 60) * DAY_MS;
  const regionById = new Map<string, RegionSpec>(REGIONS.map((r) => [r.id, r]));
  // The same calendars the desk runs on (src/server/calendar), holidays and exceptions included.
  const calendars = new Map(REGIONS.map((r) => [r.id as string, regionCalendar({ ...r, exceptions: exceptionsAround(r, nowMs) })]));
  const isOpenAt = (region: RegionSpec, ms: number): boolean => calendars.get(region.id)!.isOpenAt(new Date(ms));
  const out: HistoryRows = { tickets: [], messages: [] };
  const references = new Set<string>();

  const reference = (): string => {
    for (;;) {
      const r = makeReference(() => rng.int(32));
      if (!references.has(r)) {
        references.add(r);
        return r;
      }
    }
  };

  const tier1 = (region: string) => agents.filter((a) => a.spec.role === 'agent' && a.spec.regions.includes(region as RegionId));
  const seniors = (region: string) => agents.filter((a) => a.spec.role === 'senior' && a.spec.regions.includes(region as RegionId));
  const supervisor = agents.find((a) => a.spec.role === 'supervisor') as DemoAgent;

  // ---- candidate pools --------------------------------------------------------------------
  const pools = new Map<PoolName, Candidate[]>();
  const add = (customer: DemoCustomer, topic: Topic, lo: number, hi: number) => {
    const from = Math.max(lo, windowStart, customer.createdMs + HOUR_MS);
    const to = Math.min(hi, nowMs);
    if (to - from < 10 * MINUTE_MS) return;
    let list = pools.get(topic.kind);
    if (!list) pools.set(topic.kind, (list = []));
    list.push({ customer, topic, lo: from, hi: to });
  };
  const ledger = incidents.find((i) => i.spec.errorCode === 'LEDGER-SYNC-DELAY');
  const bankIncident = incidents.find((i) => i.spec.errorCode === 'OB-LINK-503');

  for (const c of customers) {
    const acc = c.account;
    if (acc.verification_status === 'failed' || (acc.verification_status === 'pending' && acc.verification_attempts > 1)) add(c, { kind: 'av_identity' }, c.createdMs, nowMs);
    else if (acc.verification_status === 'verified' && acc.verification_attempts > 1) add(c, { kind: 'av_identity' }, c.createdMs, c.createdMs + 14 * DAY_MS);
    if (acc.verification_status === 'pending') add(c, { kind: 'av_pending' }, c.createdMs + DAY_MS, nowMs);
    if (acc.verification_status === 'not_started') add(c, { kind: 'av_start' }, c.createdMs, nowMs);
    for (const pm of c.paymentMethods) {
      if (pm.status === 'failed_verification') add(c, { kind: 'av_bank', pm, incident: null }, c.createdMs, nowMs);
      else if (bankIncident && pm.kind === 'bank_account' && c.region.id === 'eu-north' && rng.chance(0.15)) {
        add(c, { kind: 'av_bank', pm: { ...pm, last_decline_reason: 'Bank login timed out before consent was given' }, incident: bankIncident }, bankIncident.startedMs, bankIncident.resolvedMs ?? nowMs);
      }
    }
    if (c.device) add(c, { kind: 'tg_device' }, c.createdMs, nowMs);
    add(c, { kind: 'other' }, c.createdMs, nowMs);
    for (const o of c.orders) {
      if (o.ret) add(c, { kind: 'rr_return', order: o, ret: o.ret }, o.ret.createdMs + 2 * HOUR_MS, o.ret.decidedMs + 12 * DAY_MS);
      else add(c, { kind: 'rr_howto', order: o }, o.placedMs + DAY_MS, Date.parse(o.row.return_window_ends_at));
      for (const inst of o.installments) {
        const p = inst.payment;
        if (p && p.status !== 'failed' && (p.rail === 'bank_transfer' || p.rail === 'direct_debit')) {
          const created = Date.parse(p.created_at);
          const settled = p.settled_at ? Date.parse(p.settled_at) : null;
          if (settled === null || settled - created >= 12 * HOUR_MS) add(c, { kind: 'pd_transfer', order: o, inst, txn: p }, created + 3 * HOUR_MS, (settled ?? nowMs) - HOUR_MS);
        }
        if (ledger && p && p.rail === 'card' && p.status === 'settled') {
          const created = Date.parse(p.created_at);
          if (created >= ledger.startedMs && created < (ledger.resolvedMs ?? nowMs)) add(c, { kind: 'pd_ledger', order: o, inst, txn: p, incident: ledger }, created + 5 * MINUTE_MS, Math.min(ledger.resolvedMs ?? nowMs, created + 3 * HOUR_MS));
        }
        if (inst.missed) {
          const recovered = inst.payment && inst.payment.status !== 'failed' ? Date.parse(inst.payment.created_at) : nowMs;
          // customers get in touch after the failure email, within the 10-day grace period
          add(c, { kind: 'mp_failed', order: o, inst }, inst.collectMs + 2 * HOUR_MS, Math.min(recovered - 30 * MINUTE_MS, inst.collectMs + 9 * DAY_MS));
          if (c.riskFlags.includes('hardship') || (c.shaky && inst.row.status === 'overdue')) add(c, { kind: 'mp_hardship', order: o, inst }, inst.collectMs + DAY_MS, Math.min(recovered, inst.collectMs + 45 * DAY_MS));
        }
        if (inst.fee) {
          const at = Date.parse(inst.fee.created_at);
          add(c, { kind: 'mp_fee', order: o, inst }, at + 6 * HOUR_MS, at + 25 * DAY_MS);
        }
      }
    }
  }
  for (const inc of incidents) {
    if (inc.spec.errorCode === 'LEDGER-SYNC-DELAY') continue;
    const fits = (c: DemoCustomer): boolean => {
      const os = c.device?.os ?? '';
      switch (inc.spec.errorCode) {
        case 'OB-LINK-503':
          return c.region.id === 'eu-north';
        case 'AUTH-LOOP-401':
          return os.startsWith('Android');
        case 'APP-IOS-TIMEOUT':
          return os.startsWith('iOS');
        default:
          return true;
      }
    };
    const hours = ((inc.resolvedMs ?? nowMs) - inc.startedMs) / HOUR_MS;
    const wanted = Math.min(40, Math.ceil(hours * 1.5));
    for (let i = 0, tries = 0; i < wanted && tries < wanted * 20; tries++) {
      const c = rng.pick(customers);
      if (!fits(c)) continue;
      add(c, { kind: 'tg_incident', incident: inc }, inc.startedMs + 10 * MINUTE_MS, inc.resolvedMs ?? nowMs);
      i++;
    }
  }

  // ---- picking a case ---------------------------------------------------------------------
  const pickCandidate = (allowed?: readonly PoolName[]): Candidate => {
    for (;;) {
      let pool: PoolName;
      if (allowed) pool = rng.pick(allowed);
      else {
        const category = rng.weighted(CATEGORY_WEIGHTS);
        pool = rng.weighted(POOLS_BY_CATEGORY[category]);
      }
      const list = pools.get(pool);
      if (list && list.length > 0) return rng.pick(list);
      if (!allowed && !pools.get('other')?.length) throw new Error('the demo history needs at least one customer');
    }
  };

  /** A moment in [lo, hi] weighted by the customer's local hour. */
  const sampleTime = (c: DemoCustomer, lo: number, hi: number): number => {
    let t = lo;
    for (let i = 0; i < 12; i++) {
      t = lo + rng.next() * (hi - lo);
      if (rng.next() < (HOUR_WEIGHTS[localParts(t, c.row.time_zone).hour] ?? 1)) break;
    }
    return t;
  };

  // ---- historic tickets ---------------------------------------------------------------------
  let complaintsLeft = input.historicTickets > 0 ? Math.max(1, Math.round(input.historicTickets * 0.0025)) : 0;
  let complaintTries = 0;
  let made = 0;
  let guard = 0;
  while (made < input.historicTickets && guard++ < input.historicTickets * 50) {
    const complaint = complaintsLeft > 0 && complaintTries++ < 2000;
    const cand = complaint ? pickCandidate(['mp_fee', 'rr_return']) : pickCandidate();
    const region = regionById.get(cand.customer.region.id) as RegionSpec;
    let channel: 'chat' | 'email' | 'phone' = complaint ? 'chat' : rng.weighted([['chat', 80], ['email', 13], ['phone', region.phone ? 7 : 0]] as const);
    const room = (ch: typeof channel) => (complaint ? 14 * DAY_MS : ch === 'email' ? 4 * DAY_MS : ch === 'phone' ? HOUR_MS : 2 * HOUR_MS);
    if (cand.hi - room(channel) < cand.lo && channel !== 'chat') channel = 'chat';
    const hi = cand.hi - room(channel);
    if (hi < cand.lo) continue;
    let at = sampleTime(cand.customer, cand.lo, hi);
    if (channel !== 'email' && !isOpenAt(region, at)) {
      // outside live hours (Australia): try another moment, else the customer wrote an email
      let open = false;
      for (let i = 0; i < 8 && !open; i++) {
        at = sampleTime(cand.customer, cand.lo, hi);
        open = isOpenAt(region, at);
      }
      if (!open) {
        if (cand.hi - room('email') < cand.lo) continue;
        channel = 'email';
        at = sampleTime(cand.customer, cand.lo, cand.hi - room('email'));
      }
    }
    const agent = rng.pick(tier1(region.id).length ? tier1(region.id) : [supervisor]);
    const senior = rng.pick(seniors(region.id).length ? seniors(region.id) : [supervisor]);
    const script = writeScript(cand.topic, { rng, customer: cand.customer, at, agent: agent.firstName, senior: senior.firstName });
    // a formal complaint grows out of a first-line chat that left the customer unhappy
    if (complaint && (script.tier !== 1 || script.mood === 'happy')) continue;
    const ref = reference();
    const voiced = voiceCase({
      rng: voiceRng, customer: cand.customer, topic: cand.topic, script, reference: ref, languages, english: complaint,
      agentId: agent.row.id, agentName: agent.row.name, seniorId: senior.row.id, seniorName: senior.row.name,
    });
    const built = buildTicket({ rng, voiceRng, ids, nowMs, customer: cand.customer, region, channel, at, script: voiced.script, voiced, topic: cand.topic, agent, senior, supervisor, complaint, reference: ref });
    out.tickets.push(built.ticket);
    out.messages.push(...built.messages);
    made++;
    if (complaint) complaintsLeft--;
  }

  // ---- chats waiting in the queue now -------------------------------------------------------
  const openRegions = REGIONS.filter((r) => isOpenAt(r, nowMs)).map((r) => r.id as string);
  const waiting: { cand: Candidate; at: number }[] = [];
  for (let i = 0, tries = 0; i < input.liveQueued && tries < input.liveQueued * 100; tries++) {
    const cand = pickCandidate();
    if (!openRegions.includes(cand.customer.region.id) || cand.hi < nowMs - HOUR_MS) continue;
    waiting.push({ cand, at: nowMs - rng.between(20_000, 6 * MINUTE_MS) });
    i++;
  }
  waiting.sort((a, b) => a.at - b.at);
  for (const { cand, at } of waiting) {
    const c = cand.customer;
    const written = writeScript(cand.topic, { rng, customer: c, at, agent: '', senior: '' });
    const voiced = voiceCase({ rng: voiceRng, customer: c, topic: cand.topic, script: written, reference: '', languages, agentId: '', agentName: '', seniorId: '', seniorName: '' });
    const script = voiced.script;
    const id = seededUuidV7(ids, at);
    const messages: MessageDbRow[] = [
      message(ids, id, 'system', null, 'Agent Desk', chatStarted(script, voiced.picked), at),
      message(ids, id, 'customer', c.row.id, c.row.name, script.description, at + 1000),
    ];
    out.tickets.push({
      id,
      reference: reference(),
      customer_id: c.row.id,
      channel: 'chat',
      category: script.category,
      status: 'queued',
      priority: script.priority,
      tier: 1,
      region_id: c.region.id,
      assignee_id: null,
      subject: subjectOf(script.description),
      order_number: script.orderNumber,
      linked_ticket_id: null,
      created_at: iso(at),
      queued_at: iso(at),
      offered_at: null,
      accepted_at: null,
      first_response_at: null,
      resolved_at: null,
      last_message_at: iso(at + 1000),
      csat: null,
      csat_comment: null,
      is_complaint: 0,
      complaint_due_at: null,
      // The customer's first message waits for a reply against the region's target.
      waiting_since: iso(at + 1000),
      reply_due_at: iso(at + 1000 + c.region.firstResponseTargetSec * 1000),
      reopen_count: 0,
      reopened_at: null,
      outcome: null,
      tags_json: '[]',
      closes_at: null,
      merged_into_id: null,
      language: null,
      mood: null,
      mood_score: null,
      suggested_category: null,
      suggested_confidence: null,
      suggestion_source: null,
      complaint_opened_at: null,
      initial_category: voiced.picked,
    });
    out.messages.push(...messages);
  }

  // agents were last assigned when they last got a case
  const lastAssigned = new Map<string, string>();
  for (const t of out.tickets) {
    if (!t.assignee_id || !t.offered_at) continue;
    const prev = lastAssigned.get(t.assignee_id);
    if (!prev || prev < t.offered_at) lastAssigned.set(t.assignee_id, t.offered_at);
  }
  for (const a of agents) a.row.last_assigned_at = lastAssigned.get(a.row.id) ?? null;

  return out;
}

function subjectOf(description: string): string {
  const line = description.split('\n')[0] ?? '';
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

/** What the pre-chat form said: the category the customer picked (not always the true one). */
function chatStarted(script: Script, picked: Category): string {
  return `Chat started · ${CATEGORY_LABELS[picked]}${script.orderNumber ? ` · order ${script.orderNumber}` : ''}`;
}

function message(ids: Rng, ticketId: string, kind: MessageDbRow['author_kind'], authorId: string | null, authorName: string, body: string, at: number, shortcut: string | null = null): MessageDbRow {
  return {
    id: seededUuidV7(ids, at),
    ticket_id: ticketId,
    author_kind: kind,
    author_id: authorId,
    author_name: authorName,
    body,
    client_msg_id: null,
    attachment_ids_json: '[]',
    whisper: 0,
    canned_shortcut: kind === 'agent' ? shortcut : null,
    created_at: iso(at),
  };
}

// ---------------------------------------------------------------------------------------------

interface BuildInput {
  rng: Rng;
  voiceRng: Rng;
  voiced: Voiced;
  ids: Rng;
  nowMs: number;
  customer: DemoCustomer;
  region: RegionSpec;
  channel: 'chat' | 'email' | 'phone';
  at: number;
  script: Script;
  topic: Topic;
  agent: DemoAgent;
  senior: DemoAgent;
  supervisor: DemoAgent;
  complaint: boolean;
  reference: string;
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** Chat gaps in ms between one line and the next. */
function chatGap(rng: Rng, prev: Speaker | null, line: Line): number {
  const s = 1000;
  const staff = (w: Speaker | null) => w === 'agent' || w === 'senior' || w === 'supervisor';
  switch (line.pace) {
    case 'lookup':
      return clamp(rng.logNormal(150 * s, 0.4), 50 * s, 360 * s);
    case 'follow':
      return clamp(rng.logNormal(32 * s, 0.4), 8 * s, 100 * s);
    case 'wait':
      return clamp(rng.logNormal(170 * s, 0.5), 50 * s, 480 * s);
    case 'handover':
      return clamp(rng.logNormal(240 * s, 0.6), 60 * s, 900 * s);
    default:
      if (line.who === 'customer') return clamp(rng.logNormal(60 * s, 0.5), 10 * s, 300 * s);
      if (line.who === 'note' || line.who === 'seniorNote' || line.who === 'supervisorNote' || line.who === 'system') return clamp(rng.logNormal(20 * s, 0.5), 3 * s, 80 * s);
      return staff(prev) ? clamp(rng.logNormal(35 * s, 0.4), 8 * s, 120 * s) : clamp(rng.logNormal(70 * s, 0.5), 15 * s, 260 * s);
  }
}

function pickRating(rng: Rng, mood: Script['mood'], complaint: boolean): number {
  if (complaint) return rng.weighted([[3, 30], [2, 35], [1, 35]] as const);
  switch (mood) {
    case 'happy':
      return rng.weighted([[5, 72], [4, 21], [3, 4], [2, 2], [1, 1]] as const);
    case 'neutral':
      return rng.weighted([[5, 52], [4, 34], [3, 8], [2, 4], [1, 2]] as const);
    case 'unhappy':
      return rng.weighted([[5, 20], [4, 30], [3, 22], [2, 16], [1, 12]] as const);
  }
}

function complaintLines(b: BuildInput): { chat: Line[]; review: string; reply: string } {
  const { customer: c, script, topic } = b;
  let resolution: string;
  let review: string;
  const fee = topic.kind === 'mp_fee' || topic.kind === 'mp_failed' ? topic.inst.fee : null;
  switch (script.category) {
    case 'missed_payment':
      resolution = fee
        ? `The reminders did go out, but I agree our messages could have been clearer, so I have refunded the late fee of ${moneyText(c, fee.amount_minor)} as a goodwill gesture.`
        : 'I have put a 30-day hold on collections for your account and asked our payments team to contact you about a plan that works for you.';
      review = 'Checked collection attempts, reminders sent and the earlier contacts. Reminders went out on time; goodwill decision approved.';
      break;
    case 'refund_return':
      if (topic.kind === 'rr_return' && topic.ret.outcome === 'rejected') {
        resolution = 'I have asked the store for the evidence from their returns check. Your payments on this order are paused until we have it, and I will write to you again within 10 business days.';
        review = 'Reviewed the return history and the merchant\'s decision; evidence requested from the merchant, payments paused meanwhile.';
      } else {
        resolution = 'I have escalated the return with the store and asked them to confirm it to us within 5 business days. Nothing will be collected on this order until it is settled, and I will write to you as soon as they reply.';
        review = 'Reviewed the return timeline; merchant chased through the partner team, customer kept informed.';
      }
      break;
    default:
      resolution = 'Your payment was received and is correctly applied to your account. I am sorry for the worry this caused, and I have made sure no fees or reminders were triggered while it was on its way.';
      review = 'Checked the payment trail: the transfer settled normally. No fees charged; apology sent.';
      break;
  }
  const chat: Line[] = [
    { who: 'customer', text: 'Honestly, this isn\'t good enough. I want to make a formal complaint.' },
    { who: 'agent', text: `I'm sorry you've had this experience, ${c.firstName}. I've registered a formal complaint, and a supervisor will review your case and reply to you in writing.` },
    { who: 'note', pace: 'follow', text: `Escalated to complaint: customer unhappy with the outcome (${script.summary})` },
    { who: 'system', pace: 'follow', text: 'Your case is now a formal complaint. A supervisor will reply within eight weeks at the latest; your reference stays the same.' },
  ];
  const reply = `Hi ${c.firstName}, I'm ${b.supervisor.firstName}, a supervisor in our customer support team. I have reviewed your complaint and the whole history of your case. ${resolution} If you're not satisfied with this answer, you can refer your complaint to ${OMBUDSMAN[c.region.id]}. Your reference remains ${b.reference}.`;
  return { chat, review, reply };
}

function buildTicket(b: BuildInput): { ticket: TicketDbRow; messages: MessageDbRow[] } {
  const { rng, ids, customer: c, script, channel, region } = b;
  const ticketId = seededUuidV7(ids, b.at);
  const messages: MessageDbRow[] = [];
  const t = b.at;
  let last = t - 1;
  const push = (who: Speaker, body: string, at: number, shortcut: string | null = null) => {
    const when = Math.max(at, last + 1000);
    last = when;
    const author =
      who === 'customer'
        ? { kind: 'customer' as const, id: c.row.id, name: c.row.name }
        : who === 'system'
          ? { kind: 'system' as const, id: null, name: 'Agent Desk' }
          : who === 'agent' || who === 'note'
            ? { kind: who === 'agent' ? ('agent' as const) : ('note' as const), id: b.agent.row.id, name: b.agent.row.name }
            : who === 'senior' || who === 'seniorNote'
              ? { kind: who === 'senior' ? ('agent' as const) : ('note' as const), id: b.senior.row.id, name: b.senior.row.name }
              : { kind: who === 'supervisor' ? ('agent' as const) : ('note' as const), id: b.supervisor.row.id, name: b.supervisor.row.name };
    messages.push(message(ids, ticketId, author.kind, author.id, author.name, body, when, shortcut));
    return when;
  };

  const escalated = script.tier === 2;
  const local = localOf(b.voiced.lang);
  const lang = b.voiced.lang;
  /** A closing line: the canned reply by the agent's habit (filled for the case), else their own words. */
  const closingLine = (staff: DemoAgent, shortcut: string, own: string): [string, string | null] => {
    if (b.voiceRng.chance(agentStyle(staff.row.id).cannedShare)) {
      const filled = filledCanned(shortcut, lang, { customer: c, topic: b.topic, agentName: staff.row.name, reference: b.reference, category: script.category });
      if (filled) return [filled, recordedShortcut(filled, shortcut, filled)];
    }
    return [own, null];
  };
  let assignee: DemoAgent = escalated ? b.senior : b.agent;
  let tier: 1 | 2 | 3 = script.tier;
  let priority: Priority = script.priority;
  // after an escalation the case queues again and the new owner is offered it, as live
  let queuedAt = t;
  let offeredAt: number;
  let acceptedAt: number;
  let firstResponseAt: number;
  let resolvedAt: number;
  let complaintDue: number | null = null;
  const finalStaff: Speaker = escalated ? 'senior' : 'agent';

  if (channel === 'chat') {
    push('system', chatStarted(script, b.voiced.picked), t);
    push('customer', script.description, t + 1000);
    const target = region.firstResponseTargetSec * 1000;
    const wait = clamp(rng.logNormal(target * 0.4, 0.7), 12_000, target * 2.2);
    offeredAt = t + wait;
    if (script.waitingLine && wait > 60_000) push('customer', script.waitingLine, t + wait * rng.between(0.4, 0.8));
    push('system', `${b.agent.firstName} joined the chat.`, offeredAt);
    acceptedAt = last + rng.between(2_000, 20_000);
    const greeting = local ? local.greet(c.firstName, b.agent.firstName) : `Hi ${c.firstName}, I'm ${b.agent.firstName}.`;
    firstResponseAt = push('agent', `${greeting} ${script.ack}`, acceptedAt + rng.between(20_000, 70_000));
    let prev: Speaker | null = 'agent';
    const lines = [...script.body];
    for (const line of lines) {
      if (line.pace === 'handover' && line.who === 'senior') {
        offeredAt = push('system', `${b.senior.firstName} joined the chat.`, last + chatGap(rng, prev, line));
        acceptedAt = offeredAt + rng.between(2_000, 10_000);
        push('senior', line.text, acceptedAt + rng.between(15_000, 50_000), line.shortcut ?? null);
      } else {
        const at = push(line.who, line.text, last + chatGap(rng, prev, line), line.shortcut ?? null);
        if (line.who === 'system' && line.text.startsWith('A senior agent')) queuedAt = at;
      }
      prev = line.who;
    }
    if (b.complaint) {
      const cl = complaintLines(b);
      for (const line of cl.chat) {
        queuedAt = push(line.who, line.text, last + chatGap(rng, prev, line));
        prev = line.who;
      }
      complaintDue = queuedAt + COMPLAINT_DEADLINE_DAYS * DAY_MS;
      tier = 3;
      priority = 'urgent';
      assignee = b.supervisor;
      push('system', 'The customer left the chat.', last + rng.between(30_000, 120_000));
      offeredAt = push('system', `${b.supervisor.firstName} joined the chat.`, last + rng.between(1, 6) * DAY_MS);
      acceptedAt = offeredAt + rng.between(2_000, 10_000);
      push('supervisorNote', cl.review, acceptedAt + rng.between(20, 90) * MINUTE_MS);
      push('supervisor', cl.reply, last + rng.between(5, 40) * MINUTE_MS);
      if (rng.chance(0.6)) push('customer', rng.pick(['Thank you for looking into it properly.', 'Thanks. I appreciate the reply.', 'Ok. Thank you.']), last + rng.between(2, 30) * HOUR_MS);
      resolvedAt = push('system', `${b.supervisor.firstName} marked this chat as resolved.`, last + rng.between(10, 120) * MINUTE_MS);
    } else {
      const closer = finalStaff;
      const closerName = escalated ? b.senior.firstName : b.agent.firstName;
      const closerAgent = escalated ? b.senior : b.agent;
      const anythingElse = closingLine(closerAgent, 'ot-anything-else', local ? local.anythingElse : rng.pick(['Is there anything else I can help you with today?', 'Anything else I can do for you?', 'Is there anything else?']));
      push(closer, anythingElse[0], last + chatGap(rng, prev, { who: closer, text: '' }), anythingElse[1]);
      if (rng.chance(0.85)) {
        push('customer', local ? rng.pick(local.nothingElse) : rng.pick(['No, that\'s all. Thanks for your help!', 'No thanks, have a nice day.', 'That\'s everything, thank you.', 'Nope, all good!', 'No, thank you!']), last + chatGap(rng, closer, { who: 'customer', text: '' }));
        const goodbye = closingLine(
          closerAgent,
          'ot-closing',
          local
            ? local.closing(c.firstName, b.reference)
            : rng.pick([
                `Thanks for chatting with us, ${c.firstName}! Your reference is ${b.reference} if you need to get back to us.`,
                `You're welcome! If anything comes up, just quote your reference ${b.reference}. Have a great day.`,
                `Take care, ${c.firstName}. Your reference for this chat is ${b.reference}.`,
              ]),
        );
        push(closer, goodbye[0], last + chatGap(rng, 'customer', { who: closer, text: '' }), goodbye[1]);
      } else {
        push('system', 'The customer left the chat.', last + rng.between(60_000, 240_000));
      }
      resolvedAt = push('system', `${closerName} marked this chat as resolved.`, last + rng.between(5_000, 40_000));
    }
  } else if (channel === 'email') {
    const opening = `${script.description}${script.waitingLine ? ` ${script.waitingLine}` : ''}`;
    push('customer', local ? local.mailFromCustomer(opening, c.firstName) : `Hi,\n\n${opening}\n\nThanks,\n${c.firstName}`, t);
    // emails arrive in a queue; an agent picks them up within hours
    const firstReplyAt = t + clamp(rng.logNormal(5 * HOUR_MS, 0.7), 40 * MINUTE_MS, 26 * HOUR_MS);
    offeredAt = firstReplyAt - rng.between(5, 30) * MINUTE_MS;
    acceptedAt = offeredAt + rng.between(10_000, 120_000);
    // group the script into email turns
    type Turn = { who: Speaker; parts: string[]; pace?: Line['pace']; shortcut?: string | null };
    const turns: Turn[] = [];
    for (const line of script.body) {
      if (line.chatOnly) continue;
      const prevTurn = turns[turns.length - 1];
      const isMail = line.who === 'agent' || line.who === 'senior' || line.who === 'customer';
      // A mail that joins a canned reply with other text is recorded only while the canned part is most of it.
      if (isMail && prevTurn && prevTurn.who === line.who) {
        prevTurn.parts.push(line.text);
        if (line.shortcut && !prevTurn.shortcut) prevTurn.shortcut = line.shortcut;
      } else turns.push({ who: line.who, parts: [line.text], pace: line.pace, shortcut: line.shortcut ?? null });
    }
    if (turns[0]?.who === 'agent') turns[0].parts.unshift(script.ack);
    else turns.unshift({ who: 'agent', parts: [script.ack] });
    const lastStaffIndex = turns.map((x) => x.who === 'agent' || x.who === 'senior').lastIndexOf(true);
    firstResponseAt = 0;
    turns.forEach((turn, i) => {
      let at: number;
      if (i === 0) at = firstReplyAt;
      else if (turn.who === 'customer') at = last + clamp(rng.logNormal(4 * HOUR_MS, 0.8), 15 * MINUTE_MS, 30 * HOUR_MS);
      else if (turn.who === 'agent' || turn.who === 'senior') at = last + clamp(rng.logNormal((turn.who === 'senior' ? 6 : 3) * HOUR_MS, 0.7), 20 * MINUTE_MS, 20 * HOUR_MS);
      else at = last + rng.between(2, 20) * MINUTE_MS;
      if (turn.who === 'agent' || turn.who === 'senior') {
        // a chat line that greets ("Hi Ann, Bo here.") loses its greeting inside an email
        const greeting = `Hi ${c.firstName}, `;
        turn.parts = turn.parts.map((p) => (p.startsWith(greeting) ? p.charAt(greeting.length).toUpperCase() + p.slice(greeting.length + 1) : p));
        const name = turn.who === 'senior' ? b.senior.firstName : b.agent.firstName;
        const closing = i === lastStaffIndex ? (local ? local.mailClosing(b.reference) : `\n\nYour reference is ${b.reference}; just reply to this email if there's anything else.`) : '';
        if (turn.who === 'senior' && queuedAt > t && offeredAt <= queuedAt) {
          offeredAt = Math.max(queuedAt + MINUTE_MS, at - rng.between(5, 30) * MINUTE_MS);
          acceptedAt = offeredAt + rng.between(10_000, 120_000);
        }
        const mail = local ? local.mailToCustomer(c.firstName, turn.parts.join('\n\n'), closing, name) : `Hi ${c.firstName},\n\n${turn.parts.join('\n\n')}${closing}\n\nKind regards,\n${name}\nCustomer Support`;
        const canned = turn.shortcut ? cannedPart(turn.shortcut, turn.who === 'senior' ? b.senior : b.agent, lang, b) : null;
        const when = push(turn.who, mail, at, canned && turn.shortcut ? recordedShortcut(mail, turn.shortcut, canned) : null);
        if (!firstResponseAt) firstResponseAt = when;
      } else if (turn.who === 'customer') push('customer', `${turn.parts.join(' ')}\n\n${c.firstName}`, at);
      else if (turn.who === 'system' && turn.parts[0]?.startsWith('A senior agent')) {
        // by email the handover is internal: the note says it all
      } else {
        const when = push(turn.who, turn.parts.join('\n\n'), at);
        if (turn.who === 'note' && turn.parts[0]?.startsWith('Escalated to senior')) queuedAt = when;
      }
    });
    resolvedAt = last + rng.between(1, 15) * MINUTE_MS;
  } else {
    // phone: the call itself is not transcribed; the agent writes a summary
    const wait = clamp(rng.logNormal(90_000, 0.6), 15_000, 600_000);
    offeredAt = t + wait;
    acceptedAt = offeredAt + rng.between(2_000, 10_000);
    firstResponseAt = push('system', `Phone call answered by ${b.agent.firstName}.`, acceptedAt);
    const talkMs = script.body.length * rng.between(25_000, 45_000) + 60_000;
    if (escalated) {
      offeredAt = push('system', `${b.agent.firstName} transferred the call to ${b.senior.firstName}.`, last + talkMs * 0.5);
      acceptedAt = offeredAt + rng.between(2_000, 6_000);
    }
    const minutes = Math.max(1, Math.round(talkMs / MINUTE_MS));
    push('system', `Call ended after ${minutes} minute${minutes === 1 ? '' : 's'}.`, acceptedAt + talkMs);
    push(escalated ? 'seniorNote' : 'note', `Call summary. Customer said: "${script.description}" ${script.summary}`, last + rng.between(40_000, 240_000));
    resolvedAt = last + rng.between(20_000, 90_000);
  }

  const lastMessageAt = last;
  resolvedAt = Math.max(resolvedAt, lastMessageAt);
  const isChat = channel === 'chat';
  const rated = b.complaint ? rng.chance(0.4) : isChat ? rng.chance(0.63) : rng.chance(0.3);
  const csat = rated ? pickRating(rng, script.mood, b.complaint) : null;
  const comment = csat !== null && rng.chance(0.35) ? rng.pick(CSAT_COMMENTS[csat] ?? ['']) : null;
  const ticket: TicketDbRow = {
    id: ticketId,
    reference: b.reference,
    customer_id: c.row.id,
    channel,
    category: script.category,
    status: resolvedAt > b.nowMs - 2 * DAY_MS ? 'resolved' : 'closed',
    priority,
    tier,
    region_id: region.id,
    assignee_id: assignee.row.id,
    subject: subjectOf(script.description),
    order_number: script.orderNumber,
    linked_ticket_id: null,
    created_at: iso(b.at),
    queued_at: iso(queuedAt),
    offered_at: iso(offeredAt),
    accepted_at: iso(acceptedAt),
    first_response_at: iso(firstResponseAt),
    resolved_at: iso(resolvedAt),
    last_message_at: iso(lastMessageAt),
    csat,
    csat_comment: comment,
    is_complaint: b.complaint ? 1 : 0,
    waiting_since: null,
    reply_due_at: null,
    complaint_due_at: complaintDue === null ? null : iso(complaintDue),
    reopen_count: 0,
    reopened_at: null,
    outcome: null,
    tags_json: '[]',
    closes_at: null,
    merged_into_id: null,
      language: null,
      mood: null,
      mood_score: null,
      suggested_category: null,
      suggested_confidence: null,
      suggestion_source: null,
    complaint_opened_at: complaintDue === null ? null : iso(queuedAt),
    initial_category: b.voiced.picked,
  };
  return { ticket, messages };
}

/** The filled canned text a mail turn started from (the whole mail must keep 60% of it to count). */
function cannedPart(shortcut: string, staff: DemoAgent, lang: Voiced['lang'], b: BuildInput): string | null {
  return filledCanned(shortcut, lang, { customer: b.customer, topic: b.topic, agentName: staff.row.name, reference: b.reference, category: b.script.category });
}
