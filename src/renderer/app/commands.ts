/**
 * What each command of the keymap table does, wired in this one place: the key handler, the
 * command palette and the help overlay all run commands through `runCommand`. A command that
 * does not apply now says why (`commandAvailability`), so the palette can show it disabled.
 */
import type { Presence } from '../../shared/domain';
import { canAccept, canResolve } from '../features/conversation/permissions';
import { effectiveTheme, systemPrefersDark } from '../features/settings/appearance';
import { MACRO_RUNNERS } from '../features/macros/macro-commands';
import { isDisconnected } from '../features/sync/sync-store';
import { isTextField, type CommandId } from './keymap';
import type { Stores } from './stores';
import { PANES, type Pane } from './ui-store';

interface Runner {
  /** null when the command can run; else why not, in a few words. */
  available?(s: Stores): string | null;
  /** Does it; false when it turned out not to apply (the key then does what it normally does). */
  run(s: Stores): boolean;
}

const openTicket = (s: Stores) => {
  const c = s.conversation.getState();
  return c.detail?.ticket ?? null;
};
const needsChat = (s: Stores) => (s.conversation.getState().ticketId ? null : 'Open a chat first');
const needsConnection = (s: Stores) => (!s.session.getState().session?.agent ? 'Sign in first' : isDisconnected(s.sync.getState()) ? 'Needs a connection' : null);
const inWidget = () => 'Works in the chat list';
const inDialog = () => 'Works in dialogs';
const comingWithTabs = () => 'Coming with chat tabs';

const writeMode = (mode: 'reply' | 'note'): Runner => ({
  available: needsChat,
  run(s) {
    const ticketId = s.conversation.getState().ticketId;
    if (!ticketId) return false;
    s.ui.getState().showView('chats');
    s.drafts.getState().setMode(ticketId, mode);
    s.ui.getState().focus('composer');
    return true;
  },
});

const setPresence = (presence: Presence): Runner => ({
  available: (s) => needsConnection(s) ?? (s.session.getState().session?.agent?.presence === presence ? 'Already' : null),
  run(s) {
    void s.session.getState().setPresence(presence);
    return true;
  },
});

const movePane = (step: 1 | -1): Runner => ({
  available: (s) => (s.ui.getState().view === 'chats' ? null : 'Works in Chats'),
  run(s) {
    const current = (document.activeElement?.closest('[data-pane]')?.getAttribute('data-pane') ?? null) as Pane | null;
    const available = PANES.filter((p) => document.querySelector(`[data-pane="${p}"]`));
    if (available.length === 0) return false;
    const at = current ? available.indexOf(current) : -1;
    const next = available[(at + step + available.length) % available.length];
    if (next) s.ui.getState().focus(next);
    return true;
  },
});

const reserved: Runner = { available: comingWithTabs, run: () => false };

const RUNNERS: { readonly [K in CommandId]: Runner } = {
  openPalette: {
    run(s) {
      const ui = s.ui.getState();
      if (ui.overlay === 'palette') ui.closeOverlay();
      else ui.openOverlay('palette', 'all');
      return true;
    },
  },
  searchCache: { run: (s) => (s.ui.getState().openOverlay('palette', 'search'), true) },
  goToReference: { run: (s) => (s.ui.getState().openOverlay('palette', 'reference'), true) },
  openHelp: {
    run(s) {
      const ui = s.ui.getState();
      if (ui.overlay === 'help') ui.closeOverlay();
      else ui.openOverlay('help');
      return true;
    },
  },
  openSettings: {
    available: (s) => (s.ui.getState().view === 'settings' ? 'Already open' : null),
    run: (s) => (s.ui.getState().showView('settings'), true),
  },
  showChats: {
    available: (s) => (s.ui.getState().view === 'chats' ? 'Already open' : null),
    run: (s) => (s.ui.getState().showView('chats'), true),
  },
  nextChat: {
    run(s) {
      s.ui.getState().showView('chats');
      s.tickets.getState().selectRelative(1);
      return true;
    },
  },
  prevChat: {
    run(s) {
      s.ui.getState().showView('chats');
      s.tickets.getState().selectRelative(-1);
      return true;
    },
  },
  nextPane: movePane(1),
  prevPane: movePane(-1),
  leaveField: {
    available: () => 'Press it in a text field',
    run(s) {
      const el = document.activeElement;
      if (!isTextField(el)) return false;
      (el as HTMLElement).blur();
      if (s.ui.getState().view === 'chats') s.ui.getState().focus('thread');
      return true;
    },
  },
  accept: {
    available: (s) => {
      const t = openTicket(s);
      return !t ? 'Open a chat first' : canAccept(t) ? null : 'This chat is not waiting to be accepted';
    },
    run(s) {
      const t = openTicket(s);
      if (!t || !canAccept(t)) return false;
      void s.conversation.getState().accept();
      return true;
    },
  },
  resolve: {
    available: (s) => {
      const t = openTicket(s);
      return !t ? 'Open a chat first' : canResolve(t, s.session.getState().session?.agent ?? null) ? null : 'You can’t resolve this chat';
    },
    run(s) {
      const t = openTicket(s);
      if (!t || !canResolve(t, s.session.getState().session?.agent ?? null)) return false;
      void s.conversation.getState().resolve();
      return true;
    },
  },
  reply: writeMode('reply'),
  note: writeMode('note'),
  toggleNote: {
    available: needsChat,
    run(s) {
      const ticketId = s.conversation.getState().ticketId;
      if (!ticketId) return false;
      const mode = s.drafts.getState().drafts[ticketId]?.mode ?? 'reply';
      s.ui.getState().showView('chats');
      s.drafts.getState().setMode(ticketId, mode === 'note' ? 'reply' : 'note');
      s.ui.getState().focus('composer');
      return true;
    },
  },
  presenceMenu: {
    available: needsConnection,
    run(s) {
      if (needsConnection(s)) return false;
      s.ui.getState().focusPresence();
      return true;
    },
  },
  setAvailable: setPresence('available'),
  setAway: setPresence('away'),
  setOffline: setPresence('offline'),
  toggleTheme: {
    run(s) {
      const now = effectiveTheme(s.settings.getState().settings.theme, systemPrefersDark());
      void s.settings.getState().update({ theme: now === 'dark' ? 'light' : 'dark' });
      return true;
    },
  },
  toggleDensity: {
    run(s) {
      const density = s.settings.getState().settings.density;
      void s.settings.getState().update({ density: density === 'compact' ? 'comfortable' : 'compact' });
      return true;
    },
  },
  toggleSound: {
    run(s) {
      void s.settings.getState().update({ sound: !s.settings.getState().settings.sound });
      return true;
    },
  },
  // Keys the chat list and the dialogs handle themselves (the table lists them for help and settings).
  listDown: { available: inWidget, run: () => false },
  listUp: { available: inWidget, run: () => false },
  listOpen: { available: inWidget, run: () => false },
  dialogMove: { available: inDialog, run: () => false },
  dialogRun: { available: inDialog, run: () => false },
  dialogClose: { available: inDialog, run: () => false },
  oldestUnanswered: reserved,
  goToTab1: reserved,
  goToTab2: reserved,
  goToTab3: reserved,
  goToTab4: reserved,
  goToTab5: reserved,
  goToTab6: reserved,
  goToTab7: reserved,
  goToTab8: reserved,
  goToTab9: reserved,
  // Ctrl/Cmd+Shift+1…9 run the open chat's macros; Undo until the reply is sent.
  ...MACRO_RUNNERS,
};

/** null when the command can run now; else a few words on why not. */
export function commandAvailability(stores: Stores, id: CommandId): string | null {
  return RUNNERS[id].available?.(stores) ?? null;
}

/** Runs a command; false when it does not apply here. */
export function runCommand(stores: Stores, id: CommandId): boolean {
  return RUNNERS[id].run(stores);
}
