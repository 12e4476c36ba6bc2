/**
 * The renderer's side effects, wired once: main's events into the stores, and the loads that
 * follow signing in, opening a chat and the host link coming back.
 */
import type { Stores } from './app/stores';
import type { DeskConnection } from './api/desk-api';
import { CATEGORY_LABELS } from '../shared/domain';
import { languageFor, languageSettingOf, paletteItems } from './features/canned/canned-store';
import { wireMacros } from './features/macros/wire';
import { applyAppearance, onSystemThemeChange } from './features/settings/appearance';

export function bootstrap(connection: Pick<DeskConnection, 'state' | 'onState'>, stores: Stores): () => void {
  const { api, session, tickets, conversation, drafts, sync, cannedReplies, settings, ui, palette } = stores;
  const offs: (() => void)[] = [];

  const loadSignedIn = () => {
    void tickets.getState().reload();
    void sync.getState().load();
    void cannedReplies.getState().load();
    const open = conversation.getState().ticketId;
    if (open) {
      void conversation.getState().reloadDetail();
      void conversation.getState().reloadThread();
    }
  };
  const resetSignedOut = () => {
    ui.getState().closeOverlay();
    ui.getState().showView('chats');
    palette.getState().reset();
    void drafts.getState().flush();
    tickets.getState().reset();
    void conversation.getState().open(null);
    drafts.getState().reset();
    sync.getState().reset();
    cannedReplies.getState().reset();
  };

  offs.push(
    api.on('session:changed', (s) => session.getState().apply(s)),
    api.on('sync:status', (s) => sync.getState().apply(s)),
    api.on('tickets:changed', ({ ticketIds }) => {
      if (session.getState().phase !== 'signedIn') return;
      void tickets.getState().reload();
      const open = conversation.getState().ticketId;
      if (open && ticketIds.includes(open)) void conversation.getState().reloadDetail();
    }),
    api.on('messages:changed', ({ ticketId }) => {
      if (conversation.getState().ticketId === ticketId) void conversation.getState().reloadThread();
    }),
    api.on('typing', ({ ticketId, typing }) => tickets.getState().setTyping(ticketId, typing)),
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
        const language = languageFor(state, open.ticketId, open.detail?.context.customer?.locale).language;
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

  // Signing in or out.
  offs.push(
    session.subscribe((s, prev) => {
      if (s.phase === prev.phase) return;
      if (s.phase === 'signedIn') loadSignedIn();
      else if (prev.phase === 'signedIn') resetSignedOut();
    }),
  );

  // Opening a chat: its detail and thread, and its draft (the previous chat's draft is saved now).
  offs.push(
    tickets.subscribe((s, prev) => {
      if (s.selectedId === prev.selectedId) return;
      if (prev.selectedId) void drafts.getState().flush(prev.selectedId);
      void conversation.getState().open(s.selectedId);
      if (s.selectedId) void drafts.getState().open(s.selectedId);
    }),
  );

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
    const flushDrafts = () => void drafts.getState().flush();
    window.addEventListener('pagehide', flushDrafts);
    offs.push(() => window.removeEventListener('pagehide', flushDrafts));
  }

  void session.getState().load();
  void settings.getState().load();

  return () => offs.forEach((off) => off());
}
