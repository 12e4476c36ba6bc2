/**
 * What the keymap's customer-panel and case commands do (wired into app/commands.ts): insert the
 * selected row's summary into the reply, show or hide the panel, and open the panel's own
 * Transfer, Escalate, Category and Priority dialogs, the ones its quick-actions row opens.
 * A command that can't run says why, politely, in the console's live region.
 */
import type { Stores } from '../../app/stores';
import { languageFor } from '../canned/canned-store';
import { canAccept, canWrite } from '../conversation/permissions';
import { quickActions, type ActionKind } from './actions';
import type { PanelStore } from './panel-store';
import { summarise } from './summary';
import { panelStoreFor } from './use-panel';

/** Below this width the panel folds into a strip (UX.md §2: the layout fits 1280; degrade below). */
export const NARROW_QUERY = '(max-width: 1199px)';

interface PanelRunner {
  available(s: Stores): string | null;
  run(s: Stores): boolean;
}

const isNarrow = () => typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia(NARROW_QUERY).matches;

/** Whether the panel is on screen: the agent's choice, else the window width's. */
export const isPanelShown = (panel: PanelStore): boolean => panel.getState().panelOverride ?? !isNarrow();

/** Puts the selected row's one-line summary into the open chat's reply; says why not when it can't. */
export function insertSelectedSummary(stores: Stores, panel: PanelStore, now = new Date()): boolean {
  const { detail } = stores.conversation.getState();
  if (!detail) return false;
  const { ticket, context } = detail;
  const say = panel.getState().say.bind(null, ticket.id);
  if (context.customer?.identity === 'visitor') {
    say('No account is linked to this visitor; nothing to insert.', 'warning');
    return true;
  }
  const selection = panel.getState().views[ticket.id]?.selection ?? null;
  if (!selection) {
    say('Select an order, installment or transaction first: click it, or use the arrow keys and Enter.', 'warning');
    return true;
  }
  const agent = stores.session.getState().session?.agent ?? null;
  if (!canWrite(ticket, agent)) {
    say(canAccept(ticket, agent) ? 'Accept this chat to reply.' : 'This chat is assigned to someone else.', 'warning');
    return true;
  }
  const language = languageFor(stores.cannedReplies.getState(), ticket.id, context.customer?.locale, ticket.language).language;
  const text = summarise(selection, context, { language, locale: context.customer?.locale ?? null, timeZone: context.customer?.timeZone ?? 'UTC', now });
  if (!text) {
    say('That row is no longer in the customer data; select another.', 'warning');
    return true;
  }
  if (stores.cannedReplies.getState().insertText(text)) say(`Inserted the ${selection.kind} into the reply.`);
  return true;
}

const insertSummary: PanelRunner = {
  available: (s) => (s.conversation.getState().detail ? null : 'Open a chat first'),
  run: (s) => insertSelectedSummary(s, panelStoreFor(s)),
};

const togglePanel: PanelRunner = {
  available: (s) => (s.conversation.getState().ticketId ? null : 'Open a chat first'),
  run(s) {
    if (!s.conversation.getState().ticketId) return false;
    s.ui.getState().showView('chats');
    panelStoreFor(s).getState().requestToggle();
    return true;
  },
};

type CaseDialog = Extract<ActionKind, 'transfer' | 'escalate' | 'category' | 'priority'>;

/** Why a case dialog can't open now, or null: as the quick-actions row decides what it offers. */
export function caseDialogBlock(s: Stores, kind: CaseDialog): string | null {
  const detail = s.conversation.getState().detail;
  if (!s.conversation.getState().ticketId || !detail) return 'Open a chat first';
  const { ticket, context } = detail;
  if (context.customer?.identity === 'visitor') return 'Case actions are not offered for an unverified visitor';
  const me = s.session.getState().session?.agent ?? null;
  if (!canWrite(ticket, me)) return canAccept(ticket, me) ? 'Accept this chat first' : 'This chat is assigned to someone else';
  if (!quickActions(ticket, context).includes(kind)) return kind === 'escalate' ? 'This case is already escalated as far as it goes' : 'Not offered for this case';
  return null;
}

const VERB: Record<CaseDialog, string> = { transfer: 'transfer', escalate: 'escalate', category: 'set the category', priority: 'set the priority' };

const caseDialog = (kind: CaseDialog): PanelRunner => ({
  available: (s) => caseDialogBlock(s, kind),
  run(s) {
    const why = caseDialogBlock(s, kind);
    if (why) {
      s.ui.getState().announce(`Can’t ${VERB[kind]} now: ${why.charAt(0).toLowerCase()}${why.slice(1)}.`);
      return true;
    }
    const ticketId = s.conversation.getState().detail!.ticket.id;
    const panel = panelStoreFor(s);
    s.ui.getState().showView('chats');
    // The dialog belongs to the panel: show it first when it is folded away.
    if (!isPanelShown(panel)) panel.getState().setPanelOverride(true);
    panel.getState().openDialog(ticketId, { kind });
    return true;
  },
});

export const PANEL_RUNNERS = {
  'customer.insertSummary': insertSummary,
  'customer.togglePanel': togglePanel,
  'customer.rowMove': { available: () => 'Works in the customer panel’s lists', run: () => false },
  'customer.rowSelect': { available: () => 'Works in the customer panel’s lists', run: () => false },
  'case.assign': caseDialog('transfer'),
  'case.escalate': caseDialog('escalate'),
  'case.category': caseDialog('category'),
  'case.priority': caseDialog('priority'),
} as const satisfies Record<string, PanelRunner>;
