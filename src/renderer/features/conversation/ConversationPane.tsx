/**
 * The middle column: header, thread and composer of the active tab's chat. It is the tab strip's
 * tabpanel. The threads of the open tabs stay mounted, stacked, only the active one visible, so a
 * tab switch shows a thread that is already laid out, at its own scroll position.
 */
import { useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useConversation, useKeymap, useStores, useTabs, useTickets } from '../../app/hooks';
import { shortcutLabel, type Keymap } from '../../app/keymap';
import { formatWait } from '../../lib/time';
import { useNow } from '../../lib/use-now';
import { InlineAlert } from '../../ui/InlineAlert';
import { Composer } from '../composer/Composer';
import { findSummary } from '../chat-list/tickets-store';
import { CHAT_PANEL_ID, tabId } from '../tabs/TabStrip';
import { needsReply } from '../tabs/tabs-store';
import { UndoResolve } from '../tabs/UndoResolve';
import { ConversationHeader } from './ConversationHeader';
import { Thread } from './Thread';
import { HandoffNote } from '../handoff/HandoffNote';
import { MacroLayer } from '../macros/MacroLayer';
import { ReplySuggestions } from '../assist/ReplySuggestions';

export function ConversationPane() {
  const ticketId = useConversation((s) => s.ticketId);
  const detail = useConversation((s) => s.detail);
  const detailError = useConversation((s) => s.detailError);
  const summary = useTickets((s) => findSummary(s.lists, s.selectedId, s.pages));
  const tabSummary = useTabs((s) => (ticketId ? s.summaries[ticketId] : undefined));
  const keymap = useKeymap();

  if (!ticketId) return <EmptyConversation keymap={keymap} />;

  const ticket = detail?.ticket ?? summary ?? tabSummary ?? null;
  const name = detail?.context.customer?.name ?? summary?.customerName ?? tabSummary?.customerName ?? '';
  return (
    // The tab strip's tabpanel, around the conversation region (both names stay what they were).
    <div className="conversation-tabpanel" role="tabpanel" id={CHAT_PANEL_ID} aria-labelledby={tabId(ticketId)}>
      <section className="conversation" aria-label={`Conversation with ${name}`}>
        {ticket ? <ConversationHeader ticket={ticket} customerName={name} /> : <header className="conv-header" />}
        {!ticket && detailError && <InlineAlert>{detailError.message}</InlineAlert>}
        <HandoffNote ticketId={ticketId} />
        <ThreadStack activeId={ticketId} />
        <MacroLayer ticketId={ticketId} />
        {ticket && <ReplySuggestions ticket={ticket} />}
        {ticket && <Composer ticket={ticket} />}
      </section>
    </div>
  );
}

/** One thread per open tab, mounted the first time the tab is shown and kept until it closes. */
function ThreadStack({ activeId }: { activeId: string }) {
  const openIds = useTabs(useShallow((s) => s.tabs.map((t) => t.ticketId)));
  const shown = useRef<string[]>([]);
  // Pure enough for a render: the same inputs give the same list (StrictMode renders twice).
  let ids = shown.current.filter((id) => id === activeId || openIds.includes(id));
  if (!ids.includes(activeId)) ids = [...ids, activeId];
  shown.current = ids;
  return (
    <div className="thread-stack">
      {ids.map((id) => (
        <div key={id} className={`thread-slot${id === activeId ? ' is-active' : ''}`} inert={id !== activeId} aria-hidden={id === activeId ? undefined : true}>
          <Thread ticketId={id} active={id === activeId} />
        </div>
      ))}
      <UndoResolve />
    </div>
  );
}

/** No tab open: the three chats that have waited longest, and the keys that get there. */
function EmptyConversation({ keymap }: { keymap: Keymap }) {
  const { tickets } = useStores();
  const now = useNow();
  const mine = useTickets((s) => s.lists.mine);
  const queue = useTickets((s) => s.lists.queue);
  const waiting = [...new Map([...(mine ?? []), ...(queue ?? [])].map((t) => [t.id, t])).values()]
    .filter((t) => needsReply(t, now))
    .sort((a, b) => Date.parse(a.waitingSince!) - Date.parse(b.waitingSince!))
    .slice(0, 3);
  return (
    <section className="conversation conversation--empty" aria-label="Conversation">
      <div className="empty-state empty-state--centered">
        <p>No chat open.</p>
        {waiting.length > 0 && (
          <ul className="longest-waiting" aria-label="Waiting longest">
            {waiting.map((t) => (
              <li key={t.id}>
                <button type="button" className="longest-waiting__row" onClick={() => tickets.getState().select(t.id)}>
                  <span className="longest-waiting__name">{t.customerName}</span>
                  <span className="longest-waiting__wait tabular">{formatWait((now - Date.parse(t.waitingSince!)) / 1000)}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <p className="muted">
          <kbd>{shortcutLabel('oldestUnanswered', keymap)}</kbd> oldest unanswered · <kbd>{shortcutLabel('nextChat', keymap)}</kbd> / <kbd>{shortcutLabel('prevChat', keymap)}</kbd> next and previous chat ·{' '}
          <kbd>{shortcutLabel('reopenTab', keymap)}</kbd> reopen closed tab · <kbd>{shortcutLabel('openPalette', keymap)}</kbd> commands
        </p>
      </div>
    </section>
  );
}
