/**
 * What assist's keys do (wired into app/commands.ts): insert suggested reply 1–3 into the reply,
 * the way the `/` picker and the palette insert a canned reply (canned-store `insert`, filled by
 * the composer), and set the category triage suggests through the panel's own set-category action.
 */
import type { TicketRow } from '../../../shared/domain';
import { CATEGORY_LABELS } from '../../../shared/domain';
import type { Stores } from '../../app/stores';
import { canAccept, canWrite } from '../conversation/permissions';
import { caseDialogBlock } from '../customer/panel-commands';
import type { PanelStore } from '../customer/panel-store';
import { panelStoreFor } from '../customer/use-panel';

interface AssistRunner {
  available(s: Stores): string | null;
  run(s: Stores): boolean;
}

/** The suggestion strip's rule: a chat the agent can write to, in Reply mode. Null when it shows. */
export function suggestionsBlock(ticket: TicketRow | null, s: Stores): string | null {
  if (!ticket) return 'Open a chat first';
  const agent = s.session.getState().session?.agent ?? null;
  if (ticket.status === 'closed') return 'This chat is closed';
  if (!canWrite(ticket, agent)) return canAccept(ticket, agent) ? 'Accept this chat first' : 'This chat is assigned to someone else';
  if (s.drafts.getState().drafts[ticket.id]?.mode === 'note') return 'Suggestions are replies: switch to Reply';
  return null;
}

const openTicket = (s: Stores) => s.conversation.getState().detail?.ticket ?? null;

function suggestionBlock(s: Stores, n: 1 | 2 | 3): string | null {
  const ticket = openTicket(s);
  const why = suggestionsBlock(ticket, s);
  if (why) return why;
  return s.assist.getState().forTicket[ticket!.id]?.replies[n - 1] ? null : n === 1 ? 'No suggested reply for this chat' : `No suggestion ${n} for this chat`;
}

const insertSuggestion = (n: 1 | 2 | 3): AssistRunner => ({
  available: (s) => suggestionBlock(s, n),
  run(s) {
    const ticket = openTicket(s);
    if (!ticket) return false;
    const why = suggestionBlock(s, n);
    if (why) {
      s.ui.getState().announce(`No reply inserted: ${why.charAt(0).toLowerCase()}${why.slice(1)}.`);
      return true;
    }
    const reply = s.assist.getState().forTicket[ticket.id]!.replies[n - 1]!;
    s.ui.getState().showView('chats');
    return s.cannedReplies.getState().insert(reply.id);
  },
});

/** Why the suggested category can't be set now, or null. */
export function suggestedCategoryBlock(s: Stores): string | null {
  const why = caseDialogBlock(s, 'category');
  if (why) return why;
  const ticket = openTicket(s)!;
  const suggestion = ticket.categorySuggestion;
  if (!suggestion || suggestion.category === ticket.category) return 'No other category is suggested for this chat';
  return null;
}

/** Sets the open chat's category to triage's suggestion, as the Set category dialog does. */
export function applySuggestedCategory(s: Stores, panel: PanelStore = panelStoreFor(s)): boolean {
  const why = suggestedCategoryBlock(s);
  if (why) {
    s.ui.getState().announce(`Category not changed: ${why.charAt(0).toLowerCase()}${why.slice(1)}.`);
    return false;
  }
  const ticket = openTicket(s)!;
  const category = ticket.categorySuggestion!.category;
  void panel.getState().run({ kind: 'ticket.setCategory', ticketId: ticket.id, category }, { target: 'ticket', summary: `Set category to ${CATEGORY_LABELS[category]}` });
  s.ui.getState().announce(`Setting the category to ${CATEGORY_LABELS[category]}.`);
  return true;
}

export const ASSIST_RUNNERS = {
  'assist.reply1': insertSuggestion(1),
  'assist.reply2': insertSuggestion(2),
  'assist.reply3': insertSuggestion(3),
  'assist.applyCategory': {
    available: suggestedCategoryBlock,
    run: (s) => (applySuggestedCategory(s), true),
  },
  'assist.useSummary': { available: () => 'Works in the transfer and escalation dialogs', run: () => false },
} as const satisfies Record<string, AssistRunner>;
