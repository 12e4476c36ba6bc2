/**
 * What each command of the keymap table does, wired in this one place: the key handler, the
 * command palette and the help overlay all run commands through `runCommand`. A command that
 * does not apply now says why (`commandAvailability`), so the palette can show it disabled.
 */
import type { TicketSummary } from '../../shared/api/contract';
import type { Presence } from '../../shared/domain';
import { canAccept, canEditTags, canResolve } from '../features/conversation/permissions';
import { canDecline, oldestUnanswered, pendingOffers } from '../features/tabs/tabs-store';
import { effectiveTheme, systemPrefersDark } from '../features/settings/appearance';
import { MACRO_RUNNERS } from '../features/macros/macro-commands';
import { copyReference, copyReferenceBlock } from '../features/conversation/copy-reference';
import { PANEL_RUNNERS } from '../features/customer/panel-commands';
import { ASSIST_RUNNERS } from '../features/assist/assist-commands';
import { isDisconnected } from '../features/sync/sync-store';
import { isTextField, VIEWER_COMMANDS, type CommandId, type ViewerCommandId } from './keymap';
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
const agentId = (s: Stores) => s.session.getState().session?.agent?.id ?? null;
const isSupervisor = (s: Stores) => s.session.getState().session?.agent?.role === 'supervisor';

/** Offers waiting for the agent, oldest first. */
const offersOf = (s: Stores) => pendingOffers(s.tickets.getState().lists.mine, agentId(s), s.tabs.getState().answeredOffers);

/** The chat an offer key acts on: the open chat when it is the offer, else the oldest offer. */
/** `canAccept` for the signed-in agent. */
const acceptableBy = (s: Stores) => (t: NonNullable<ReturnType<typeof openTicket>>) => canAccept(t, s.session.getState().session?.agent ?? null);

function offerTarget(s: Stores, may: (t: NonNullable<ReturnType<typeof openTicket>>) => boolean): string | null {
  const t = openTicket(s);
  // An offer already answered (its accept waits in the outbox) is not offered again.
  if (t && may(t) && !s.tabs.getState().answeredOffers[t.id] && s.conversation.getState().queuedAction !== 'accept') return t.id;
  return offersOf(s)[0]?.id ?? null;
}

/** Opens a chat in a tab and shows it (the list's selection follows the active tab). */
export function showChat(s: Stores, ticketId: string): void {
  s.ui.getState().showView('chats');
  s.tabs.getState().open(ticketId);
}

const goToTab = (n: number): Runner => ({
  available: (s) => (s.tabs.getState().tabs.length >= (n === 9 ? 1 : n) ? null : n === 9 ? 'No tabs open' : `Fewer than ${n} tabs open`),
  run(s) {
    s.ui.getState().showView('chats');
    return s.tabs.getState().goTo(n);
  },
});

const moveTab = (delta: 1 | -1): Runner => ({
  available: (s) => {
    const { tabs, activeId } = s.tabs.getState();
    const at = tabs.findIndex((t) => t.ticketId === activeId);
    if (at < 0) return 'Open a chat first';
    return (delta < 0 ? at > 0 : at < tabs.length - 1) ? null : delta < 0 ? 'Already the first tab' : 'Already the last tab';
  },
  run(s) {
    const id = s.tabs.getState().activeId;
    return id ? s.tabs.getState().move(id, delta) : false;
  },
});

/** Alt+J / Alt+K: through the open tabs; with no tabs, through the list. */
const cycleChats = (delta: 1 | -1): Runner => ({
  run(s) {
    s.ui.getState().showView('chats');
    if (s.tabs.getState().cycle(delta)) return true;
    s.tickets.getState().selectRelative(delta);
    return true;
  },
});

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


const earlierCasesBlock = (s: Stores) => (s.conversation.getState().detail ? null : 'Open a chat first');
const tagsBlock = (s: Stores) => {
  const t = openTicket(s);
  return !t ? 'Open a chat first' : canEditTags(t, s.session.getState().session?.agent ?? null) ? null : 'You can’t change this chat';
};

const VIEWER_RUNNERS = Object.fromEntries(VIEWER_COMMANDS.map((c) => [`viewer.${c}`, { available: () => 'Works in the image viewer', run: () => false }])) as unknown as Record<ViewerCommandId, Runner>;

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
  showBoard: {
    available: (s) => (isSupervisor(s) ? null : 'Supervisors only'),
    run(s) {
      if (!isSupervisor(s)) return false;
      s.ui.getState().showView(s.ui.getState().view === 'board' ? 'chats' : 'board');
      return true;
    },
  },
  nextChat: cycleChats(1),
  prevChat: cycleChats(-1),
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
  // The open chat when it waits to be accepted, else the oldest offer: it opens in a tab.
  accept: {
    available: (s) => (offerTarget(s, acceptableBy(s)) ? null : openTicket(s) ? 'This chat is not waiting to be accepted' : 'No chat is offered to you'),
    run(s) {
      const id = offerTarget(s, acceptableBy(s));
      if (!id) return false;
      acceptChat(s, id);
      return true;
    },
  },
  decline: {
    available: (s) => (offerTarget(s, (t) => canDecline(t, agentId(s))) ? null : 'No chat is offered to you'),
    run(s) {
      const id = offerTarget(s, (t) => canDecline(t, agentId(s)));
      if (!id) return false;
      declineChat(s, id);
      return true;
    },
  },
  // Resolving asks for the wrap-up, then waits out "Resolved · Undo", closes the tab and opens the next chat that needs a reply.
  resolve: {
    available: (s) => {
      const t = openTicket(s);
      return !t ? 'Open a chat first' : canResolve(t, s.session.getState().session?.agent ?? null) ? null : 'You can’t resolve this chat';
    },
    run(s) {
      const t = openTicket(s);
      if (!t || !canResolve(t, s.session.getState().session?.agent ?? null)) return false;
      s.ui.getState().showView('chats');
      s.ui.getState().openOverlay('wrapUp');
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
  oldestUnanswered: {
    available: (s) => (oldestOf(s) ? null : 'No chat waits for a reply'),
    run(s) {
      const id = oldestOf(s);
      if (!id) return false;
      showChat(s, id);
      return true;
    },
  },
  closeTab: {
    available: (s) => (s.tabs.getState().activeId ? null : 'No tab open'),
    run(s) {
      if (!s.tabs.getState().activeId) return false;
      s.tabs.getState().close();
      return true;
    },
  },
  reopenTab: {
    available: (s) => (s.tabs.getState().closed.length > 0 ? null : 'No closed tab to reopen'),
    run(s) {
      s.ui.getState().showView('chats');
      return s.tabs.getState().reopen();
    },
  },
  moveTabLeft: moveTab(-1),
  moveTabRight: moveTab(1),
  goToTab1: goToTab(1),
  goToTab2: goToTab(2),
  goToTab3: goToTab(3),
  goToTab4: goToTab(4),
  goToTab5: goToTab(5),
  goToTab6: goToTab(6),
  goToTab7: goToTab(7),
  goToTab8: goToTab(8),
  goToTab9: goToTab(9),
  // Ctrl/Cmd+Shift+1…9 run the open chat's macros; Undo until the reply is sent.
  ...MACRO_RUNNERS,
  // The customer panel's keys and the case's dialogs (Transfer, Escalate, Category, Priority).
  ...PANEL_RUNNERS,
  ...ASSIST_RUNNERS,
  'case.copyReference': {
    available: copyReferenceBlock,
    run(s) {
      void copyReference(s);
      return true;
    },
  },
  'case.tags': {
    available: tagsBlock,
    run(s) {
      const why = tagsBlock(s);
      if (why) s.ui.getState().announce(`Can’t edit tags: ${why.charAt(0).toLowerCase()}${why.slice(1)}.`);
      else {
        s.ui.getState().showView('chats');
        s.ui.getState().openOverlay('tags');
      }
      return true;
    },
  },
  'case.merge': {
    available: tagsBlock,
    run(s) {
      const why = tagsBlock(s);
      if (why) s.ui.getState().announce(`Can’t merge: ${why.charAt(0).toLowerCase()}${why.slice(1)}.`);
      else {
        s.ui.getState().showView('chats');
        s.ui.getState().openOverlay('merge');
      }
      return true;
    },
  },
  'case.logCall': {
    available: tagsBlock,
    run(s) {
      const why = tagsBlock(s);
      if (why) s.ui.getState().announce(`Can’t log a call: ${why.charAt(0).toLowerCase()}${why.slice(1)}.`);
      else {
        s.ui.getState().showView('chats');
        s.ui.getState().openOverlay('callLog');
      }
      return true;
    },
  },
  // Needs no open chat: the caller is found by email and the new case opens when it syncs.
  'case.fromCall': {
    available: needsConnection,
    run(s) {
      const why = needsConnection(s);
      if (why) s.ui.getState().announce(`Can’t open a case from a call: ${why.charAt(0).toLowerCase()}${why.slice(1)}.`);
      else s.ui.getState().openOverlay('fromCall');
      return true;
    },
  },
  'case.earlierCases': {
    available: earlierCasesBlock,
    run(s) {
      const why = earlierCasesBlock(s);
      if (why) s.ui.getState().announce(`Can’t show earlier cases: ${why.toLowerCase()}.`);
      else s.ui.getState().openOverlay('earlierCases');
      return true;
    },
  },
  // The image viewer listens for its own keys, from this table (matchViewerCommand).
  ...VIEWER_RUNNERS,
};

/** The chat that has waited longest for a reply: among the agent's chats and the open tabs. */
function oldestOf(s: Stores): string | null {
  const rows = new Map<string, TicketSummary>();
  for (const t of s.tickets.getState().lists.mine ?? []) rows.set(t.id, t);
  for (const t of Object.values(s.tabs.getState().summaries)) if (s.tabs.getState().tabs.some((x) => x.ticketId === t.id)) rows.set(t.id, t);
  return oldestUnanswered(rows.values(), Date.now());
}

/** Accepts a chat (the outbox sends it) and opens it in a tab. */
export function acceptChat(s: Stores, ticketId: string): void {
  s.tabs.getState().offerAnswered(ticketId, true);
  void s.conversation.getState().accept(ticketId);
  showChat(s, ticketId);
}

/** Declines an offer: routing offers it to someone else; its tab, if open, closes. */
export function declineChat(s: Stores, ticketId: string): void {
  s.tabs.getState().offerAnswered(ticketId, true);
  if (s.tabs.getState().tabs.some((t) => t.ticketId === ticketId)) s.tabs.getState().close(ticketId);
  void s.conversation
    .getState()
    .decline(ticketId)
    .then((error) => {
      if (error) s.tabs.getState().offerAnswered(ticketId, false); // the offer shows again
    });
}

/** null when the command can run now; else a few words on why not. */
export function commandAvailability(stores: Stores, id: CommandId): string | null {
  return RUNNERS[id].available?.(stores) ?? null;
}

/** Runs a command; false when it does not apply here. */
export function runCommand(stores: Stores, id: CommandId): boolean {
  return RUNNERS[id].run(stores);
}
