/**
 * Triage on arrival (issue 9): the language, mood and category the desk reads from a customer's
 * own words, kept on the case (migration 120) so the list, the chat header and the supervisors'
 * board show them.
 *
 * It never delays a message: it listens to this node's commits (the feed), collects the customer
 * messages, and works them a moment later in its own transaction, one per case, writing only what
 * changed (a new ticket version and feed row, so desktops and the board follow). Each node triages
 * what it committed itself; a node that dies takes at most the last fraction of a second's
 * triage with it, and the case's next message triages it again.
 *
 * - Language: eld on the message; an unreliable guess (a few words, an order number) keeps what
 *   the case already had.
 * - Mood: the latest English message's mood (wink-nlp); a customer who calms down stops standing
 *   out. Other languages: no measured signal, the mood stays what English messages made it.
 * - Category: read once, from the first message (the pre-chat description is the subject), by
 *   the classifier trained on this desk's resolved cases; keyword rules stand in for a category
 *   with too few examples. Agents see it when it disagrees with the case's category.
 *
 * The classifier is retrained in the background from the most recent resolved cases, each
 * labelled with the category the agent confirmed at wrap-up: an agent's correction is a training
 * example from then on.
 */
import type * as AssistCoreModule from '../../shared/assist';
import type { CategoryModel } from '../../shared/assist';
import type { Mood } from '../../shared/domain';
import type { Deps } from '../deps';
import type { FeedDbRow } from '../storage/tables/change-feed';
import type { TicketDbRow, TicketPatch } from '../storage/tables/tickets';
import { feedTicket } from '../tickets/feed';

/** The assist core, loaded on first use: its language and mood models take about a second to load, which no server start should wait for. */
type AssistCore = typeof AssistCoreModule;
let core: Promise<AssistCore> | null = null;
export const loadAssistCore = (): Promise<AssistCore> => (core ??= import('../../shared/assist'));

export interface TriageOptions {
  /** How long customer messages collect before they are worked (default 150 ms). */
  delayMs?: number;
  /** How often the classifier is retrained (default 10 minutes; 0: only by `retrain()`). */
  retrainMs?: number;
  /** How many of the most recent resolved cases it learns from (default 5,000). */
  trainingCases?: number;
  /**
   * The least time between two passes over one case (default 3 s): a customer typing fast costs
   * one reading of their latest words per interval, not one per message, so a busy node spends
   * its time delivering (a case's first message is read at once).
   */
  cooldownMs?: number;
}

/** How many of a case's messages wait for its next pass at most (the latest ones tell). */
const PENDING_PER_CASE = 5;
/** A turn of the event loop every this many cases read. */
const YIELD_EVERY = 16;
/** At most this many cases' triage per write transaction. */
const WRITE_CHUNK = 100;

interface Pending {
  /** The customer's messages since the last pass, oldest first. */
  bodies: string[];
}

export function createTriage(deps: Pick<Deps, 'storage' | 'log'>, opts: TriageOptions = {}) {
  const delayMs = opts.delayMs ?? 150;
  const trainingCases = opts.trainingCases ?? 5_000;
  const cooldownMs = opts.cooldownMs ?? 3_000;
  const pending = new Map<string, Pending>();
  /** When each case was last worked (entries older than the cooldown are dropped at each pass). */
  const lastWorked = new Map<string, number>();
  let model: CategoryModel | null = null;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  let training: Promise<CategoryModel | null> | null = null;
  let stopped = false;
  let worked = 0;

  function onFeed(rows: FeedDbRow[]): void {
    if (stopped) return;
    for (const r of rows) {
      if (r.remote || r.entity !== 'message' || r.ticket_id === null) continue;
      const m = r.snapshot?.message;
      if (!m || m.author_kind !== 'customer') continue;
      const p = pending.get(r.ticket_id) ?? { bodies: [] };
      p.bodies.push(m.body);
      if (p.bodies.length > PENDING_PER_CASE) p.bodies.shift();
      pending.set(r.ticket_id, p);
    }
    schedule(delayMs);
  }

  function schedule(afterMs: number): void {
    if (stopped || pending.size === 0 || timer) return;
    timer = setTimeout(() => {
      timer = null;
      running = running.then(work).catch((err: unknown) => deps.log.error({ err }, 'triage failed'));
    }, afterMs);
    timer.unref();
  }

  /** The pending cases whose cooldown has passed (taken out of `pending`); the rest wait. */
  function takeReady(now: number): [string, Pending][] {
    for (const [id, at] of lastWorked) if (now - at >= cooldownMs) lastWorked.delete(id);
    const ready: [string, Pending][] = [];
    for (const [id, p] of pending) {
      if (lastWorked.has(id)) continue;
      ready.push([id, p]);
      pending.delete(id);
      lastWorked.set(id, now);
    }
    return ready;
  }

  /**
   * One pass over the cases whose cooldown has passed: reads them (one read transaction), works
   * out what changes outside any transaction, and writes the changed ones in short transactions
   * (read again under the write lock, so a change committed in between is not overwritten). Cases
   * whose triage did not change cost no write at all.
   */
  async function work(): Promise<void> {
    const now = Date.now();
    const batch = takeReady(now);
    // What waits for its cooldown is worked when the earliest one ends.
    if (pending.size > 0) {
      let soonest = cooldownMs;
      for (const id of pending.keys()) soonest = Math.min(soonest, Math.max(0, (lastWorked.get(id) ?? now) + cooldownMs - now));
      schedule(Math.max(delayMs, soonest));
    }
    if (stopped || batch.length === 0) return;
    const a = await loadAssistCore();
    const rows = await deps.storage.read(async (tx) => {
      const out: [TicketDbRow, string[]][] = [];
      for (const [ticketId, p] of batch) {
        const t = await tx.tickets.get(ticketId);
        if (t) out.push([t, p.bodies]);
      }
      return out;
    });
    worked += batch.length;
    // The reading is the dear part (about 0.7 ms a case): outside any transaction, and a turn of the
    // event loop every few cases, so a burst of new chats does not hold up delivery.
    const changed: { t: TicketDbRow; bodies: string[]; patch: TicketPatch }[] = [];
    for (const [i, [t, bodies]] of rows.entries()) {
      const patch = triagePatch(a, t, bodies, model);
      if (Object.keys(patch).length > 0) changed.push({ t, bodies, patch });
      if (i % YIELD_EVERY === YIELD_EVERY - 1) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    // Written in short transactions; a case changed in between (another version) is read again.
    for (let from = 0; from < changed.length && !stopped; from += WRITE_CHUNK) {
      await deps.storage.write(async (tx) => {
        for (const c of changed.slice(from, from + WRITE_CHUNK)) {
          const t = await tx.tickets.getForUpdate(c.t.id);
          if (!t) continue;
          const patch = t.version === c.t.version ? c.patch : triagePatch(a, t, c.bodies, model);
          if (Object.keys(patch).length === 0) continue;
          await feedTicket(tx, await tx.tickets.update(t.id, patch, t));
        }
      });
    }
  }

  /** Retrains the category model from the desk's resolved cases; returns it (null: nothing to learn from yet). */
  function retrain(): Promise<CategoryModel | null> {
    training ??= (async () => {
      try {
        const examples = await deps.storage.read((tx) => tx.tickets.recentResolved(trainingCases));
        const { trainCategoryModel } = await loadAssistCore();
        const next = examples.length > 0 ? trainCategoryModel(examples.map((e) => ({ text: e.subject, category: e.category }))) : null;
        model = next;
        deps.log.info({ examples: examples.length, perCategory: next?.perCategory }, 'triage: category model trained');
        return next;
      } finally {
        training = null;
      }
    })();
    return training;
  }

  const off = deps.storage.onFeed(onFeed);
  const retrainMs = opts.retrainMs ?? 10 * 60_000;
  const retrainTimer = retrainMs > 0 ? setInterval(() => void retrain().catch((err: unknown) => deps.log.error({ err }, 'triage: retraining failed')), retrainMs) : null;
  retrainTimer?.unref();

  return {
    retrain,
    get model(): CategoryModel | null {
      return model;
    },
    /** Works what is pending now (tests), then waits for any pass under way. */
    async flush(): Promise<void> {
      if (timer) {
        clearTimeout(timer);
        timer = null;
      }
      lastWorked.clear();
      running = running.then(work);
      await running;
    },
    /** Cases worked so far (tests, metrics). */
    get worked(): number {
      return worked;
    },
    async stop(): Promise<void> {
      stopped = true;
      off();
      if (timer) clearTimeout(timer);
      if (retrainTimer) clearInterval(retrainTimer);
      await running.catch(() => undefined);
      await training?.catch(() => undefined);
    },
  };
}
export type Triage = ReturnType<typeof createTriage>;

/** What the customer's new messages change on the case: only columns whose value changes. */
export function triagePatch(a: Pick<AssistCore, 'detectLanguage' | 'moodOf' | 'suggestCategory' | 'customerSide'>, t: TicketDbRow, bodies: readonly string[], model: CategoryModel | null): TicketPatch {
  const patch: TicketPatch = {};
  // The latest message that tells: a burst is read from its end, and reading stops as soon as both are known.
  let language: string | null = null;
  let mood: { mood: Mood; score: number } | null = null;
  for (let i = bodies.length - 1; i >= 0 && (language === null || mood === null); i--) {
    const lang = a.detectLanguage(bodies[i]!);
    const reliable = lang.reliable ? lang.language : null;
    language ??= reliable;
    mood ??= a.moodOf(bodies[i]!, reliable ?? t.language);
  }
  if (language !== null && language !== t.language) patch.language = language;
  if (mood) {
    // To a tenth: a score that barely moves costs no new ticket version.
    const score = Math.round(mood.score * 10) / 10;
    if (mood.mood !== t.mood) patch.mood = mood.mood;
    if (score !== t.mood_score) patch.mood_score = score;
  }
  if (t.suggested_category === null) {
    const s = a.suggestCategory(model, a.customerSide(t.subject, bodies.slice(0, 1)));
    if (s) {
      patch.suggested_category = s.category;
      patch.suggested_confidence = Math.round(s.confidence * 1000) / 1000;
      patch.suggestion_source = s.source;
    }
  }
  return patch;
}
