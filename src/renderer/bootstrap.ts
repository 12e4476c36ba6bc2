/**
 * The renderer's side effects, wired once: main's events into the stores, and the loads that
 * follow signing in, opening a chat and the host link coming back.
 */
import type { Stores } from './app/stores';
import type { DeskConnection } from './api/desk-api';
import { CATEGORY_LABELS } from '../shared/domain';
import { languageFor, languageSettingOf, paletteItems } from './features/canned/canned-store';
import { wireMacros } from './features/macros/wire';
import { wireAssist } from './features/assist/wire';
import { applyAppearance, onSystemThemeChange } from './features/settings/appearance';
import { offerSoundWanted, playOfferSound } from './features/tabs/offer-sound';
import { isDisconnected } from './features/sync/sync-store';

export interface BootstrapOptions {
  /** The offer chime (WebAudio); tests pass their own. */
  playOfferSound?: () => void;
}

export function bootstrap(connection: Pick<DeskConnection, 'state' | 'onState'>, stores: Stores, options: BootstrapOptions = {}): () => void {
  const { api, session, tickets, conversation, drafts, sync, cannedReplies, settings, ui, palette, tabs, colleagues, typing, supervisor } = stores;
  const chime = options.playOfferSound ?? playOfferSound;
  const offs: (() => void)[] = [];

  const loadSignedIn = () => {
    void tickets.getState().reload();
    void sync.getState().load();
    void cannedReplies.getState().load();
    if (!tabs.getState().loaded) void tabs.getState().load();
    else void tabs.getState().refreshSummaries();
    // Every held chat (the open tabs) may have missed events while the link was down.
    for (const id of Object.keys(conversation.getState().chats)) {
      void conversation.getState().reloadDetail(id);
      void conversation.getState().reloadThread(id);
    }
    const open = tabs.getState().activeId;
    if (open) void api.invoke('activity:viewing', { ticketId: open });
    // A supervisor's board and figures: the board then lives on the frames main forwards.
    if (session.getState().session?.agent?.role === 'supervisor') {
      void supervisor.getState().loadBoard();
      void supervisor.getState().loadFigures();
      void supervisor.getState().loadComplaints();
    }
  };
  const resetSignedOut = () => {
    ui.getState().closeOverlay();
    ui.getState().showView('chats');
    palette.getState().reset();
    void drafts.getState().flush();
    void tabs.getState().flush();
    typing.stopped();
    tabs.getState().reset();
    tickets.getState().reset();
    conversation.getState().reset();
    colleagues.getState().reset();
    drafts.getState().reset();
    sync.getState().reset();
    cannedReplies.getState().reset();
    supervisor.getState().reset();
  };
  const held = (ticketId: string) => Object.hasOwn(conversation.getState().chats, ticketId);

  offs.push(
    api.on('session:changed', (s) => session.getState().apply(s)),
    api.on('sync:status', (s) => sync.getState().apply(s)),
    api.on('tickets:changed', ({ ticketIds }) => {
      if (session.getState().phase !== 'signedIn') return;
      void tickets.getState().reload();
      // An empty list means "everything may have changed" (a resync).
      for (const id of ticketIds.length ? ticketIds : Object.keys(conversation.getState().chats)) if (held(id)) void conversation.getState().reloadDetail(id);
      // A chat that left the cache (escalated beyond this agent, say) does not stay open as a ghost.
      if (ticketIds.length) void tabs.getState().closeGone(ticketIds);
      const { tabs: open, closed } = tabs.getState();
      if (ticketIds.length === 0 || ticketIds.some((id) => open.some((t) => t.ticketId === id) || closed.some((t) => t.ticketId === id))) void tabs.getState().refreshSummaries();
    }),
    api.on('messages:changed', ({ ticketId }) => {
      if (held(ticketId)) void conversation.getState().reloadThread(ticketId);
    }),
    api.on('typing', ({ ticketId, typing }) => tickets.getState().setTyping(ticketId, typing)),
    api.on('colleagues:activity', (e) => colleagues.getState().apply(e)),
    api.on('supervisor:board', (board) => {
      if (session.getState().phase === 'signedIn') supervisor.getState().applyBoard(board);
    }),
    // Routing offered a chat: a chime (when Available and sound is on) and the offer row.
    api.on('chat:offered', ({ ticketId }) => {
      if (session.getState().phase !== 'signedIn') return;
      tabs.getState().offerAnswered(ticketId, false);
      void tickets.getState().reload(['mine']);
      if (offerSoundWanted(settings.getState().settings.sound, session.getState().session?.agent?.presence)) chime();
    }),
    // A notification was clicked: open that chat.
    api.on('chat:open', ({ ticketId }) => {
      if (session.getState().phase === 'signedIn') tickets.getState().select(ticketId);
    }),
  );

  // Canned replies in the command palette (the open chat's language first), and the language
  // setting the picker follows.
  offs.push(
    palette.getState().registerSource({
      id: 'canned-replies',
      heading: 'Canned replies',
      items: () => {
        const state = cannedReplies.getState();
        const open = conversation.getState();
        const language = languageFor(state, open.ticketId, open.detail?.context.customer?.locale, open.detail?.ticket.language).language;
        const noChat = open.ticketId ? null : 'Open a chat to insert a reply';
        return paletteItems(state.replies, language).map((r) => ({
          id: r.id,
          label: r.title,
          detail: `/${r.shortcut} · ${CATEGORY_LABELS[r.category]} · ${r.language.toUpperCase()}`,
          keywords: [r.shortcut, CATEGORY_LABELS[r.category]],
          disabled: noChat,
          run: () => void cannedReplies.getState().insert(r.id),
        }));
      },
    }),
    settings.subscribe((s, prev) => {
      if (s.settings.cannedReplyLanguage !== prev.settings.cannedReplyLanguage) cannedReplies.getState().setLanguageSetting(languageSettingOf(s.settings));
    }),
  );

  // Macros: loaded on sign-in, in the palette, run from Ctrl/Cmd+Shift+1…9.
  offs.push(wireMacros(stores));

  // Assist: suggestions and similar cases for the open chat, asked again as messages arrive.
  offs.push(wireAssist(stores));

  // Signing in or out.
  offs.push(
    session.subscribe((s, prev) => {
      if (s.phase === prev.phase) return;
      if (s.phase === 'signedIn') loadSignedIn();
      else if (prev.phase === 'signedIn') resetSignedOut();
    }),
  );

  // Selecting a chat in the list (or the palette, or a notification) opens it in a tab.
  offs.push(
    tickets.subscribe((s, prev) => {
      if (s.selectedId !== prev.selectedId && s.selectedId) tabs.getState().open(s.selectedId);
    }),
  );

  // The active tab is the open chat: its detail and thread (at once when held), its draft (the
  // previous chat's draft is saved now), the list's selection, and colleagues told who views it.
  offs.push(
    tabs.subscribe((s, prev) => {
      if (s.activeId !== prev.activeId) {
        const id = s.activeId;
        if (prev.activeId) void drafts.getState().flush(prev.activeId);
        typing.stopped();
        void conversation.getState().open(id);
        tickets.getState().select(id);
        if (id) void openDraft(id);
        void api.invoke('activity:viewing', { ticketId: id });
      }
      if (s.tabs !== prev.tabs) {
        const ids = s.tabs.map((t) => t.ticketId);
        conversation.getState().keep(ids);
        schedulePreload(ids);
      }
    }),
  );
  /** A chat's saved draft; with none saved, the tab's composer mode (a note stays a note after a restart). */
  async function openDraft(ticketId: string): Promise<void> {
    await drafts.getState().open(ticketId);
    const tab = tabs.getState().tabs.find((t) => t.ticketId === ticketId);
    const draft = drafts.getState().drafts[ticketId];
    if (tab && draft && !draft.body && draft.mode !== tab.mode) drafts.getState().setMode(ticketId, tab.mode);
  }
  // The composer's mode is kept per tab; a key typed into it tells the customer and colleagues.
  offs.push(
    drafts.subscribe((s, prev) => {
      if (s.drafts === prev.drafts) return;
      for (const [id, d] of Object.entries(s.drafts)) {
        const before = prev.drafts[id];
        if (before?.mode !== d.mode && d.loaded) tabs.getState().setMode(id, d.mode);
        if (before?.loaded && d.loaded && before.body !== d.body && id === tabs.getState().activeId) {
          if (d.body) typing.typed(id, d.mode);
          else typing.stopped(); // sent or cleared
        }
      }
    }),
  );

  // Open tabs' chats are loaded in the background, one at a time, so switching to one is instant.
  let preloadTimer: ReturnType<typeof setTimeout> | null = null;
  function schedulePreload(ids: readonly string[]): void {
    if (preloadTimer) clearTimeout(preloadTimer);
    preloadTimer = setTimeout(() => {
      preloadTimer = null;
      void (async () => {
        for (const id of ids) {
          if (session.getState().phase !== 'signedIn' || !tabs.getState().tabs.some((t) => t.ticketId === id)) continue;
          if (!held(id)) await conversation.getState().preload(id);
        }
      })();
    }, 300);
  }
  offs.push(() => {
    if (preloadTimer) clearTimeout(preloadTimer);
  });

  // The browser host's link to main: events may have been missed while it was down.
  sync.getState().setHost(connection.state());
  offs.push(
    connection.onState((state) => {
      const before = sync.getState().host;
      sync.getState().setHost(state);
      if (state === 'up' && before === 'down') {
        void session.getState().load();
        void settings.getState().load();
        if (session.getState().phase === 'signedIn') loadSignedIn();
      }
    }),
  );

  // Theme and density on the document, at once and whenever they (or the OS theme) change.
  if (typeof document !== 'undefined') {
    const root = document.documentElement;
    const paint = () => applyAppearance(root, settings.getState().settings);
    paint();
    offs.push(
      settings.subscribe((s, prev) => {
        if (s.settings.theme !== prev.settings.theme || s.settings.density !== prev.settings.density) paint();
      }),
      onSystemThemeChange(() => {
        if (settings.getState().settings.theme === 'system') paint();
      }),
    );
  }

  if (typeof window !== 'undefined') {
    const flushDrafts = () => {
      void drafts.getState().flush();
      tabs.getState().flushResolve();
      void tabs.getState().flush();
      typing.stopped();
    };
    window.addEventListener('pagehide', flushDrafts);
    offs.push(() => window.removeEventListener('pagehide', flushDrafts));
  }

  void session.getState().load();
  void settings.getState().load();

  // A supervisor's formal complaints, each minute while signed in and connected: the board's list
  // and the complaint chip of a case they hold count business days from it.
  const complaintsTimer = setInterval(() => {
    if (session.getState().phase === 'signedIn' && session.getState().session?.agent?.role === 'supervisor' && !isDisconnected(sync.getState())) void supervisor.getState().loadComplaints();
  }, COMPLAINTS_RELOAD_MS);
  offs.push(() => clearInterval(complaintsTimer));

  return () => offs.forEach((off) => off());
}

const COMPLAINTS_RELOAD_MS = 60_000;
