/** The middle column: header, thread and composer of the open chat. */
import { useConversation, useKeymap, useTickets } from '../../app/hooks';
import { shortcutLabel } from '../../app/keymap';
import { Composer } from '../composer/Composer';
import { findSummary } from '../chat-list/tickets-store';
import { ConversationHeader } from './ConversationHeader';
import { Thread } from './Thread';
import { InlineAlert } from '../../ui/InlineAlert';
import { MacroLayer } from '../macros/MacroLayer';

export function ConversationPane() {
  const ticketId = useConversation((s) => s.ticketId);
  const detail = useConversation((s) => s.detail);
  const detailError = useConversation((s) => s.detailError);
  const summary = useTickets((s) => findSummary(s.lists, s.selectedId));
  const keymap = useKeymap();

  if (!ticketId) {
    return (
      <section className="conversation conversation--empty" aria-label="Conversation">
        <div className="empty-state empty-state--centered">
          <p>Pick a chat from the list.</p>
          <p className="muted">
            <kbd>{shortcutLabel('nextChat', keymap)}</kbd> / <kbd>{shortcutLabel('prevChat', keymap)}</kbd> next and previous chat · <kbd>{shortcutLabel('nextPane', keymap)}</kbd> next pane ·{' '}
            <kbd>{shortcutLabel('openPalette', keymap)}</kbd> commands
          </p>
        </div>
      </section>
    );
  }

  const ticket = detail?.ticket ?? summary;
  const name = detail?.context.customer?.name ?? summary?.customerName ?? '';
  return (
    <section className="conversation" aria-label={`Conversation with ${name}`}>
      {ticket ? <ConversationHeader ticket={ticket} customerName={name} /> : <header className="conv-header" />}
      {!ticket && detailError && <InlineAlert>{detailError.message}</InlineAlert>}
      <Thread ticketId={ticketId} />
      <MacroLayer ticketId={ticketId} />
      {ticket && <Composer ticket={ticket} />}
    </section>
  );
}
