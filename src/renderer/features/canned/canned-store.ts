/**
 * Canned replies for the composer's `/` picker and the command palette: the list from the
 * desktop cache (`canned:list`), which language to write in per chat, and the fallbacks of the
 * prompts a reply left in a draft. `insert(id)` is the entry point for other features (the
 * palette, a strip of suggested replies): the composer of the open chat picks the request up and
 * inserts the filled reply, exactly as the `/` picker does. Every insert is remembered for the
 * chat's draft (`uses`) so the reply is sent with the shortcut it came from while its text still
 * largely is that reply (src/shared/canned-usage.ts).
 */
import { createStore } from 'zustand/vanilla';
import type { ApiError, DeskApi, Settings } from '../../../shared/api/contract';
import { CANNED_LANGUAGES, type CannedLanguage, type CannedReplyRow } from '../../../shared/domain';
import { languageForLocale } from '../../../shared/templates';
import { cannedShortcutFor, type CannedUse } from '../../../shared/canned-usage';
import type { CannedPaletteItem } from './match';

export type CannedLanguageSetting = 'auto' | CannedLanguage;

export interface LanguageChoice {
  language: CannedLanguage;
  /** Why this language: the agent chose it in the picker, the setting fixes it, or the customer's locale. */
  source: 'chosen' | 'setting' | 'customer';
}

export interface CannedRepliesState {
  /** null: not loaded yet. */
  replies: CannedReplyRow[] | null;
  loading: boolean;
  error: ApiError | null;
  /** The `cannedReplyLanguage` setting; 'auto' follows the customer's locale. */
  languageSetting: CannedLanguageSetting;
  /** The language the agent switched to in the picker, per chat. */
  languageByTicket: Record<string, CannedLanguage>;
  /** Per chat: prompt label → the reply's fallback text, for "Send with fallbacks". */
  fallbacks: Record<string, Record<string, string>>;
  /**
   * The palette (or anyone) asked to insert a reply, or plain text (the context panel's summary
   * of a row): that chat's composer does it, at the caret.
   */
  insertRequest: InsertRequest | null;
  /** Per chat: the canned replies inserted into its current draft, oldest first. */
  uses: Record<string, CannedUse[]>;

  /** Reads the replies (and the language setting); overlapping calls share one run. */
  load(): Promise<void>;
  setLanguageSetting(value: CannedLanguageSetting): void;
  /** null goes back to the automatic choice. */
  setLanguage(ticketId: string, language: CannedLanguage | null): void;
  /** Inserts a reply into the open chat's composer, as if picked with `/`; false when no chat is open. */
  insert(replyId: string): boolean;
  /** As `insert`, by shortcut: the reply in `language`, else the English one; false when there is none. */
  insertShortcut(shortcut: string, language: CannedLanguage): boolean;
  /** Inserts plain text into the open chat's composer at the caret; false when no chat is open. */
  insertText(text: string): boolean;
  /** The composer has handled the request. */
  insertHandled(seq: number): void;
  rememberFallbacks(ticketId: string, fallbacks: Record<string, string>): void;
  forgetFallbacks(ticketId: string): void;
  /** The composer put a canned reply into a chat's draft (its text as inserted, filled). */
  rememberUse(ticketId: string, use: CannedUse): void;
  /** The shortcut to send a reply with: the remembered reply its text still largely is, or null. */
  shortcutFor(ticketId: string, text: string): string | null;
  /** The draft was sent or emptied: its canned replies are forgotten. */
  forgetUses(ticketId: string): void;
  reset(): void;
}

export type InsertRequest = { ticketId: string; seq: number } & ({ replyId: string; text?: undefined } | { text: string; replyId?: undefined });

const isLanguage = (v: unknown): v is CannedLanguage => typeof v === 'string' && (CANNED_LANGUAGES as readonly string[]).includes(v);

/** The setting, when the settings schema has it (added with the settings screen); otherwise 'auto'. */
export function languageSettingOf(settings: Settings | null): CannedLanguageSetting {
  const value = (settings as Partial<Record<'cannedReplyLanguage', unknown>> | null)?.cannedReplyLanguage;
  return isLanguage(value) ? value : 'auto';
}

/**
 * The language for a chat: the agent's switch, else a fixed setting, else the language the
 * customer writes in (triage reads it: a Swedish customer writing English gets English), else
 * the customer's locale.
 */
export function languageFor(
  state: Pick<CannedRepliesState, 'languageByTicket' | 'languageSetting'>,
  ticketId: string | null,
  customerLocale: string | null | undefined,
  written?: string | null,
): LanguageChoice {
  const chosen = ticketId ? state.languageByTicket[ticketId] : undefined;
  if (chosen) return { language: chosen, source: 'chosen' };
  if (state.languageSetting !== 'auto') return { language: state.languageSetting, source: 'setting' };
  if (isLanguage(written)) return { language: written, source: 'customer' };
  return { language: languageForLocale(customerLocale), source: 'customer' };
}

/** The rows the command palette lists (all languages, or one). */
export function paletteItems(replies: readonly CannedReplyRow[] | null, language?: CannedLanguage): CannedPaletteItem[] {
  return (replies ?? [])
    .filter((r) => !language || r.language === language)
    .map(({ id, title, shortcut, category, language: lang }) => ({ id, title, shortcut, category, language: lang }));
}

const byCategoryThenTitle = (a: CannedReplyRow, b: CannedReplyRow) => a.category.localeCompare(b.category) || a.title.localeCompare(b.title) || a.id.localeCompare(b.id);

export function createCannedRepliesStore({ api, openTicketId = () => null }: { api: DeskApi; openTicketId?: () => string | null }) {
  let running: Promise<void> | null = null;
  let again = false;
  let generation = 0; // bumped by reset(): answers for a previous session are dropped
  let seq = 0;

  return createStore<CannedRepliesState>()((set, get) => {
    async function run(): Promise<void> {
      do {
        again = false;
        const gen = generation;
        set({ loading: true });
        const [list, settings] = await Promise.all([api.invoke('canned:list', null), api.invoke('settings:get', null)]);
        if (gen !== generation) continue;
        if (settings.ok) set({ languageSetting: languageSettingOf(settings.value) });
        // Keep the replies already loaded when a reload fails; the picker shows the error beside them.
        if (list.ok) set({ replies: [...list.value].sort(byCategoryThenTitle), error: null, loading: false });
        else set({ error: list.error, loading: false });
      } while (again);
    }

    return {
      replies: null,
      loading: false,
      error: null,
      languageSetting: 'auto',
      languageByTicket: {},
      fallbacks: {},
      insertRequest: null,
      uses: {},

      load() {
        if (running) {
          again = true;
          return running;
        }
        running = run().finally(() => {
          running = null;
        });
        return running;
      },

      setLanguageSetting(value) {
        if (get().languageSetting !== value) set({ languageSetting: value });
      },

      setLanguage(ticketId, language) {
        set((s) => {
          const { [ticketId]: _old, ...rest } = s.languageByTicket;
          return { languageByTicket: language ? { ...rest, [ticketId]: language } : rest };
        });
      },

      insert(replyId) {
        const ticketId = openTicketId();
        if (!ticketId) return false;
        set({ insertRequest: { replyId, ticketId, seq: ++seq } });
        // The composer inserts once the reply is here: a suggestion can name a reply this list has not
        // loaded yet (it was read at sign-in, before the first sync brought the desk's replies).
        if (!get().replies?.some((r) => r.id === replyId)) void get().load();
        return true;
      },

      insertShortcut(shortcut, language) {
        const replies = get().replies ?? [];
        const reply = replies.find((r) => r.shortcut === shortcut && r.language === language) ?? replies.find((r) => r.shortcut === shortcut && r.language === 'en');
        return reply ? get().insert(reply.id) : false;
      },

      insertText(text) {
        const ticketId = openTicketId();
        if (!ticketId || !text) return false;
        set({ insertRequest: { text, ticketId, seq: ++seq } });
        return true;
      },

      insertHandled(handled) {
        if (get().insertRequest?.seq === handled) set({ insertRequest: null });
      },

      rememberFallbacks(ticketId, fallbacks) {
        if (Object.keys(fallbacks).length === 0) return;
        set((s) => ({ fallbacks: { ...s.fallbacks, [ticketId]: { ...s.fallbacks[ticketId], ...fallbacks } } }));
      },

      forgetFallbacks(ticketId) {
        if (!get().fallbacks[ticketId]) return;
        set((s) => {
          const { [ticketId]: _gone, ...rest } = s.fallbacks;
          return { fallbacks: rest };
        });
      },

      rememberUse(ticketId, use) {
        set((s) => ({ uses: { ...s.uses, [ticketId]: [...(s.uses[ticketId] ?? []), use].slice(-10) } }));
      },

      shortcutFor: (ticketId, text) => cannedShortcutFor(text, get().uses[ticketId] ?? []),

      forgetUses(ticketId) {
        if (!get().uses[ticketId]) return;
        set((s) => {
          const { [ticketId]: _gone, ...rest } = s.uses;
          return { uses: rest };
        });
      },

      reset() {
        generation++;
        set({ replies: null, loading: false, error: null, languageSetting: 'auto', languageByTicket: {}, fallbacks: {}, insertRequest: null, uses: {} });
      },
    };
  });
}

export type CannedRepliesStore = ReturnType<typeof createCannedRepliesStore>;
