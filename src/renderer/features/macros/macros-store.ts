/**
 * Macros: the list from the desktop cache (`macros:list`) and the runner.
 *
 * Running one: ask its inputs (if any) → put its reply, filled for the chat, into the composer
 * → hold every other step. The agent reviews the reply and sends it with Enter; only then are
 * the held steps pushed, in order, through the same outbox as everything else (notes as
 * `messages:send`, the rest as `actions:run`), and "next chat" opens the next chat that needs a
 * reply. Until the reply is sent nothing has left the console, so Undo is exact: it puts the
 * composer back as it was and drops the held steps. A macro without a reply applies at once.
 *
 * The held steps live in this store, not in main's outbox: a console restart before the reply
 * is sent keeps the reply (it is a draft) but forgets the held steps, and the bar goes with them.
 */
import { createStore } from 'zustand/vanilla';
import type { ActionInput, ApiError, DeskApi, TicketDetail } from '../../../shared/api/contract';
import type { AgentRow, CannedReplyRow, Macro, MacroStep } from '../../../shared/domain';
import {
  contextCurrency,
  describeStep,
  fillMacroReply,
  fillMacroText,
  inputProblem,
  isReplyStep,
  macroSlots,
  prefillValue,
  replyTextIn,
  todayIn,
  type InputValues,
  type MacroFill,
} from '../../../shared/macros';
import { buildTemplateContext, formattingFor, type SelectedRow } from '../../../shared/templates';
import type { createUiStore } from '../../app/ui-store';
import { languageFor, type CannedRepliesStore } from '../canned/canned-store';
import type { TicketsStore } from '../chat-list/tickets-store';
import type { ComposerMode, DraftsStore } from '../composer/drafts-store';
import type { ConversationStore } from '../conversation/conversation-store';
import { canWrite } from '../conversation/permissions';
import type { SessionStore } from '../session/session-store';
import { goToNextNeedingReply } from './next-chat';

export type MacroRunPhase = 'waiting' | 'applying' | 'done' | 'failed';

export interface MacroRun {
  ticketId: string;
  macroId: string;
  title: string;
  phase: MacroRunPhase;
  /** What the macro did at once (its reply in the composer). */
  did: string[];
  /** Steps not pushed yet: held until the reply is sent, or left after a failure. */
  held: MacroStep[];
  /** What was pushed, in words. */
  applied: string[];
  /** The composer before the macro: what Undo restores. */
  before: { body: string; mode: ComposerMode };
  /** The values the macro was filled with (notes and reasons are written when they are pushed). */
  fill: MacroFill;
  error: ApiError | null;
  /** The chat "next chat" opened; null when none needed a reply. */
  nextTicketId?: string | null;
}

/** The inputs dialog: one at a time. */
export interface MacroAsk {
  ticketId: string;
  macroId: string;
  title: string;
  macro: Macro;
  /** The fields' first values (from the chat's records or today). */
  values: Record<string, string>;
  currency: string | null;
  today: string;
  fill: Omit<MacroFill, 'values'>;
}

export interface MacrosState {
  /** null: not loaded yet. */
  macros: Macro[] | null;
  loading: boolean;
  error: ApiError | null;
  /** The latest macro run per chat. */
  runs: Record<string, MacroRun>;
  asking: MacroAsk | null;
  /** Why the last run did not start, for the open chat. */
  problem: { ticketId: string | null; message: string } | null;

  load(): Promise<void>;
  /** Runs a macro on the open chat; a sentence on why not, or null when it started. */
  run(macroId: string): Promise<string | null>;
  /** Ctrl/Cmd+Shift+N: the Nth macro for the open chat (macroSlots). */
  runSlot(slot: number): Promise<string | null>;
  /** The dialog's Enter: the problems per input key, or null when the macro went on. */
  confirmInputs(values: InputValues): Promise<Record<string, string> | null>;
  cancelInputs(): void;
  /** Until the reply is sent: the composer as it was, the held steps dropped. */
  undo(ticketId: string): boolean;
  /** The composer sent a reply in this chat: push what the macro held. */
  replySent(ticketId: string): Promise<void>;
  /** Push what is left after a failure. */
  retry(ticketId: string): Promise<void>;
  dismiss(ticketId: string): void;
  reset(): void;
  /**
   * Where the row the agent selected in the customer panel comes from (wired once): a macro's
   * reply and the defaults of its inputs are about that transaction, installment or order, as a
   * canned reply's are.
   */
  setSelectionSource(source: (ticketId: string) => SelectedRow | null): void;
}

export interface MacrosDeps {
  api: DeskApi;
  conversation: ConversationStore;
  drafts: DraftsStore;
  cannedReplies: CannedRepliesStore;
  session: SessionStore;
  tickets: TicketsStore;
  ui: ReturnType<typeof createUiStore>;
  now?: () => Date;
}

const bySlotOrder = (a: Macro, b: Macro) => a.category.localeCompare(b.category) || a.position - b.position || a.title.localeCompare(b.title);

/** The macros on Ctrl/Cmd+Shift+1…9 for the open chat. */
export function openChatSlots(macros: readonly Macro[] | null, detail: TicketDetail | null): Macro[] {
  return macroSlots(macros ?? [], detail?.ticket.category ?? null);
}

export function createMacrosStore(deps: MacrosDeps) {
  const { api } = deps;
  const now = deps.now ?? (() => new Date());
  let running: Promise<void> | null = null;
  let again = false;
  let generation = 0;

  return createStore<MacrosState>()((set, get) => {
    async function loadOnce(): Promise<void> {
      do {
        again = false;
        const gen = generation;
        set({ loading: true });
        const r = await api.invoke('macros:list', null);
        if (gen !== generation) continue;
        if (r.ok) set({ macros: [...r.value].sort(bySlotOrder), error: null, loading: false });
        else set({ error: r.error, loading: false });
      } while (again);
    }

    // A new run goes last, so the runs keep the order they started in (the bar shows the latest).
    const putRun = (run: MacroRun) =>
      set((s) => {
        const { [run.ticketId]: _old, ...rest } = s.runs;
        return { runs: { ...rest, [run.ticketId]: run } };
      });
    const patchRun = (ticketId: string, patch: Partial<MacroRun>) =>
      set((s) => (s.runs[ticketId] ? { runs: { ...s.runs, [ticketId]: { ...s.runs[ticketId], ...patch } } } : {}));
    const refuse = (ticketId: string | null, message: string) => {
      set({ problem: { ticketId, message } });
      return message;
    };

    /**
     * Resolves once the open chat's details are on hand (or failed, or 5 s passed): a macro key
     * pressed right after an accept or a switch acts on the chat on screen, whose header shows
     * from its summary before its details arrive, instead of being refused as "still loading".
     */
    function openChatLoaded(timeoutMs = 5_000): Promise<void> {
      const loaded = () => {
        const c = deps.conversation.getState();
        return !c.ticketId || c.detail?.ticket.id === c.ticketId || c.detailError !== null;
      };
      if (loaded()) return Promise.resolve();
      return new Promise((resolve) => {
        const done = () => {
          off();
          clearTimeout(timer);
          resolve();
        };
        const off = deps.conversation.subscribe(() => {
          if (loaded()) done();
        });
        const timer = setTimeout(done, timeoutMs);
      });
    }

    /** The open chat, if the agent may run a macro on it now. */
    function openChat(): { detail: TicketDetail; agent: AgentRow } | string {
      const c = deps.conversation.getState();
      const agent = deps.session.getState().session?.agent ?? null;
      if (!c.ticketId) return 'Open a chat to run a macro.';
      if (!c.detail || c.detail.ticket.id !== c.ticketId) return 'This chat is still loading; try again in a moment.';
      if (!agent || !canWrite(c.detail.ticket, agent)) return 'This chat is not yours: accept it first, or ask for it to be transferred.';
      if (c.detail.ticket.status === 'closed') return 'This chat is closed.';
      return { detail: c.detail, agent };
    }

    let selectionOf: (ticketId: string) => SelectedRow | null = () => null;

    function fillFor(detail: TicketDetail, agent: AgentRow, macro: Macro): Omit<MacroFill, 'values'> {
      const ctx = buildTemplateContext(detail, agent, selectionOf(detail.ticket.id));
      const language = languageFor(deps.cannedReplies.getState(), detail.ticket.id, ctx.customer?.locale, detail.ticket.language).language;
      return { ctx, formatting: formattingFor(ctx.customer, language), inputs: macro.inputs, today: todayIn(ctx.customer?.timeZone, now()) };
    }

    async function cannedReply(step: Extract<MacroStep, { type: 'insertCannedReply' }>, language: string): Promise<CannedReplyRow | null> {
      const find = (rows: readonly CannedReplyRow[] | null) =>
        step.replyId
          ? (rows?.find((r) => r.id === step.replyId) ?? null)
          : (rows?.find((r) => r.shortcut === step.shortcut && r.language === language) ?? rows?.find((r) => r.shortcut === step.shortcut && r.language === 'en') ?? null);
      const hit = find(deps.cannedReplies.getState().replies);
      if (hit || deps.cannedReplies.getState().replies !== null) return hit;
      await deps.cannedReplies.getState().load();
      return find(deps.cannedReplies.getState().replies);
    }

    /** Inputs given (or none asked): the reply into the composer, the other steps held. */
    async function start(ticketId: string, macro: Macro, fill: MacroFill): Promise<string | null> {
      const replyStep = macro.steps.find(isReplyStep);
      let reply: { text: string; title: string | null; fallbacks: Record<string, string> } | null = null;
      if (replyStep?.type === 'insertCannedReply') {
        const row = await cannedReply(replyStep, fill.formatting.language);
        if (!row) return refuse(ticketId, `Macro “${macro.title}” needs the canned reply /${replyStep.shortcut ?? replyStep.replyId}, which is not in your cache yet.`);
        const composed = fillMacroReply(row.body, fill);
        reply = { text: composed.text, title: row.title, fallbacks: fallbacksOf(composed.prompts) };
      } else if (replyStep?.type === 'insertReply') {
        const composed = fillMacroReply(replyTextIn(replyStep, fill.formatting.language), fill);
        reply = { text: composed.text, title: null, fallbacks: fallbacksOf(composed.prompts) };
      }
      // The chat may have changed while a canned reply loaded.
      if (deps.conversation.getState().ticketId !== ticketId) return refuse(ticketId, 'The chat changed before the macro ran; run it again.');

      const draft = deps.drafts.getState().drafts[ticketId];
      const before = { body: draft?.body ?? '', mode: draft?.mode ?? ('reply' as ComposerMode) };
      const held = macro.steps.filter((s) => !isReplyStep(s));
      set({ problem: null });
      if (!reply) {
        putRun({ ticketId, macroId: macro.id, title: macro.title, phase: 'applying', did: [], held, applied: [], before, fill, error: null });
        await push(ticketId);
        return null;
      }
      const body = before.body.trim() ? `${before.body.trimEnd()}\n\n${reply.text}` : reply.text;
      deps.drafts.getState().edit(ticketId, body);
      deps.drafts.getState().setMode(ticketId, 'reply');
      deps.cannedReplies.getState().rememberFallbacks(ticketId, reply.fallbacks);
      deps.ui.getState().focus('composer');
      const did = [describeStep(replyStep!, { reply: reply.title })];
      putRun({ ticketId, macroId: macro.id, title: macro.title, phase: 'waiting', did, held, applied: [], before, fill, error: null });
      return null;
    }

    /** Pushes the held steps in order; stops at the first that fails (Retry goes on from it). */
    async function push(ticketId: string): Promise<void> {
      const run = get().runs[ticketId];
      if (!run) return;
      patchRun(ticketId, { phase: 'applying', error: null });
      for (const step of run.held) {
        const error = await pushStep(ticketId, step, run.fill);
        const current = get().runs[ticketId];
        if (!current) return; // signed out meanwhile
        if (error) return patchRun(ticketId, { phase: 'failed', error });
        const extra: Partial<MacroRun> = {};
        let words = doneWords(step);
        if (step.type === 'nextChat') {
          // Only from the macro's own chat: an agent who already moved on stays where they are.
          const stillHere = deps.tickets.getState().selectedId === ticketId;
          const next = stillHere ? goToNextNeedingReply(deps, ticketId) : null;
          extra.nextTicketId = next;
          words = next ? 'next chat opened' : stillHere ? 'no other chat needs a reply' : 'next chat skipped (you had moved on)';
        }
        patchRun(ticketId, { ...extra, held: current.held.slice(1), applied: [...current.applied, words] });
      }
      patchRun(ticketId, { phase: 'done' });
    }

    async function pushStep(ticketId: string, step: MacroStep, customerFill: MacroFill): Promise<ApiError | null> {
      // Notes, reasons and transfer notes are for the team: English, in the customer's region's formats.
      const fill: MacroFill = { ...customerFill, formatting: formattingFor(customerFill.ctx.customer, 'en') };
      const action = (input: ActionInput) => api.invoke('actions:run', input).then((r) => (r.ok ? null : r.error));
      switch (step.type) {
        case 'insertCannedReply':
        case 'insertReply':
        case 'nextChat':
          return null;
        case 'addNote': {
          const r = await api.invoke('messages:send', { ticketId, body: fillMacroText(step.body, fill), kind: 'note', attachmentIds: [] });
          return r.ok ? null : r.error;
        }
        case 'setCategory':
          return action({ kind: 'ticket.setCategory', ticketId, category: step.category });
        case 'setPriority':
          return action({ kind: 'ticket.setPriority', ticketId, priority: step.priority });
        case 'setStatus':
          return action({ kind: 'ticket.setStatus', ticketId, status: step.status });
        case 'resolve':
          return action({ kind: 'ticket.setStatus', ticketId, status: 'resolved' });
        case 'transfer':
          return action({ kind: 'ticket.transfer', ticketId, toAgentId: step.agentId, ...(step.note ? { note: fillMacroText(step.note, fill) } : {}) });
        case 'escalate':
          return action({ kind: 'ticket.escalate', ticketId, to: step.to, reason: fillMacroText(step.reason, fill) });
      }
    }

    return {
      macros: null,
      loading: false,
      error: null,
      runs: {},
      asking: null,
      problem: null,

      setSelectionSource(source) {
        selectionOf = source;
      },

      load() {
        if (running) {
          again = true;
          return running;
        }
        running = loadOnce().finally(() => {
          running = null;
        });
        return running;
      },

      async run(macroId) {
        if (get().macros === null) await get().load();
        await openChatLoaded();
        if (get().macros === null) return refuse(deps.conversation.getState().ticketId, `Macros are not available: ${get().error?.message ?? 'not loaded'}`);
        const chat = openChat();
        const ticketId = deps.conversation.getState().ticketId;
        if (typeof chat === 'string') return refuse(ticketId, chat);
        const macro = get().macros?.find((m) => m.id === macroId);
        if (!macro) return refuse(ticketId, 'That macro is not in your cache any more.');
        if (macro.unsupported) return refuse(ticketId, `Macro “${macro.title}”: ${macro.unsupported}`);
        const id = chat.detail.ticket.id;
        // A second macro on the same chat replaces one whose reply is not sent yet.
        if (get().runs[id]?.phase === 'waiting') get().undo(id);
        const fill = fillFor(chat.detail, chat.agent, macro);
        if (macro.inputs.length === 0) return start(id, macro, { ...fill, values: {} });
        const values = Object.fromEntries(macro.inputs.map((i) => [i.key, prefillValue(i, fill.ctx, fill.today)]));
        set({ problem: null, asking: { ticketId: id, macroId, title: macro.title, macro, values, currency: contextCurrency(fill.ctx), today: fill.today, fill } });
        return null;
      },

      async runSlot(slot) {
        if (get().macros === null) await get().load();
        await openChatLoaded(); // the slots are the open chat's category's
        const { macros, error } = get();
        if (macros === null) return refuse(deps.conversation.getState().ticketId, `Macros are not available: ${error?.message ?? 'not loaded'}`);
        const macro = openChatSlots(get().macros, deps.conversation.getState().detail)[slot - 1];
        if (!macro) return refuse(deps.conversation.getState().ticketId, `No macro on key ${slot} for this chat.`);
        return get().run(macro.id);
      },

      async confirmInputs(values) {
        const ask = get().asking;
        if (!ask) return null;
        const problems: Record<string, string> = {};
        for (const input of ask.macro.inputs) {
          const p = inputProblem(input, values[input.key] ?? '', ask.currency, ask.today);
          if (p) problems[input.key] = p;
        }
        if (Object.keys(problems).length > 0) return problems;
        set({ asking: null });
        if (deps.conversation.getState().ticketId !== ask.ticketId) {
          refuse(ask.ticketId, 'The chat changed before the macro ran; run it again.');
          return null;
        }
        await start(ask.ticketId, ask.macro, { ...ask.fill, values });
        return null;
      },

      cancelInputs() {
        if (get().asking) set({ asking: null });
      },

      undo(ticketId) {
        const run = get().runs[ticketId];
        if (!run || run.phase !== 'waiting') return false;
        deps.drafts.getState().edit(ticketId, run.before.body);
        deps.drafts.getState().setMode(ticketId, run.before.mode);
        set((s) => {
          const { [ticketId]: _gone, ...rest } = s.runs;
          return { runs: rest };
        });
        if (deps.conversation.getState().ticketId === ticketId) deps.ui.getState().focus('composer');
        return true;
      },

      async replySent(ticketId) {
        if (get().runs[ticketId]?.phase !== 'waiting') return;
        patchRun(ticketId, { did: [...(get().runs[ticketId]?.did ?? []).map((d) => d.replace(/^reply\b/, 'reply sent'))] });
        await push(ticketId);
      },

      async retry(ticketId) {
        if (get().runs[ticketId]?.phase !== 'failed') return;
        await push(ticketId);
      },

      dismiss(ticketId) {
        const run = get().runs[ticketId];
        if (run && run.phase !== 'waiting' && run.phase !== 'applying')
          set((s) => {
            const { [ticketId]: _gone, ...rest } = s.runs;
            return { runs: rest };
          });
        if (get().problem?.ticketId === ticketId) set({ problem: null });
      },

      reset() {
        generation++;
        set({ macros: null, loading: false, error: null, runs: {}, asking: null, problem: null });
      },
    };
  });
}

/** A pushed step in words ("note added", "resolved"). */
export function doneWords(step: MacroStep): string {
  switch (step.type) {
    case 'addNote':
      return 'note added';
    case 'resolve':
      return 'resolved';
    case 'escalate':
      return describeStep(step).replace(/^escalate/, 'escalated');
    case 'transfer':
      return step.agentId === null ? 'back in the queue' : describeStep(step).replace(/^transfer/, 'transferred');
    default:
      return describeStep(step);
  }
}

function fallbacksOf(prompts: readonly { label: string; fallback: string | null }[]): Record<string, string> {
  return Object.fromEntries(prompts.flatMap((p) => (p.fallback === null ? [] : [[p.label, p.fallback] as const])));
}

export type MacrosStore = ReturnType<typeof createMacrosStore>;
