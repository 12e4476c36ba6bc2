/** Name, reference, category and status of the open chat, with Accept / Resolve. */
import type { TicketRow } from '../../../shared/domain';
import { CATEGORY_LABELS } from '../../../shared/domain';
import { useColleagues, useConversation, useKeymap, useSession, useStores, useTabs } from '../../app/hooks';
import { acceptChat } from '../../app/commands';
import { ariaKeyShortcuts, shortcutLabel, type CommandId, type Keymap } from '../../app/keymap';
import { Button } from '../../ui/Button';
import { Chip, type ChipTone } from '../../ui/Chip';
import { Icon } from '../../ui/Icon';
import { InlineAlert } from '../../ui/InlineAlert';
import { ComplaintChip } from '../complaints/ComplaintChip';
import { colleaguesLine } from './colleagues-store';
import { copyReferenceOf } from './copy-reference';
import { CaseWrapUp } from '../wrap-up/CaseWrapUp';
import { TriageChips } from '../assist/TriageChips';
import { canAccept, canResolve, STATUS_LABELS } from './permissions';

const STATUS_TONE: Record<TicketRow['status'], ChipTone> = { queued: 'info', open: 'accent', pending: 'neutral', resolved: 'success', closed: 'neutral' };

export function ConversationHeader({ ticket, customerName }: { ticket: TicketRow; customerName: string }) {
  const agent = useSession((s) => s.session?.agent ?? null);
  const keymap = useKeymap();
  const queuedAction = useConversation((s) => s.queuedAction);
  const pending = useConversation((s) => s.actionPending);
  const actionError = useConversation((s) => s.actionError);
  const stores = useStores();
  const resolving = useTabs((s) => s.resolving?.ticketId === ticket.id);
  // Collision awareness: another agent viewing or typing in this chat.
  const colleagues = useColleagues((s) => colleaguesLine(s.byTicket[ticket.id]));
  const answered = useTabs((s) => s.answeredOffers[ticket.id] === true);
  const showAccept = canAccept(ticket, agent) && queuedAction !== 'accept' && !answered;
  const showResolve = canResolve(ticket, agent) && queuedAction !== 'resolve';

  return (
    <header className="conv-header">
      <div className="conv-header__row">
        <div className="conv-header__title">
          <h2 className="conv-header__name">{customerName}</h2>
          <span className="conv-header__meta">
            <button
              type="button"
              className="conv-header__ref mono"
              onClick={() => void copyReferenceOf(stores, ticket.reference)}
              title={tooltip('Copy the reference', 'case.copyReference', keymap)}
              aria-label={`Copy the reference ${ticket.reference}`}
              aria-keyshortcuts={ariaKeyShortcuts('case.copyReference', keymap)}
            >
              {ticket.reference}
            </button>
            <Chip>{CATEGORY_LABELS[ticket.category]}</Chip>
            <Chip tone={STATUS_TONE[ticket.status]}>{STATUS_LABELS[ticket.status]}</Chip>
            {(ticket.priority === 'high' || ticket.priority === 'urgent') && <Chip tone="danger">{ticket.priority === 'urgent' ? 'Urgent' : 'High priority'}</Chip>}
            <CaseWrapUp ticket={ticket} />
          </span>
          <span className="conv-header__colleagues" role="status">
            {colleagues && (
              <>
                <Icon name="eye" size={12} />
                {colleagues}
              </>
            )}
          </span>
        </div>
        <div className="conv-header__actions">
          {queuedAction && (
            <Chip tone="warning" title="Runs when the connection is back">
              <Icon name="clock" size={11} />
              {queuedAction === 'accept' ? 'Accept queued' : 'Resolve queued'}
            </Chip>
          )}
          {showAccept && (
            <Button variant="primary" icon="accept" disabled={pending} onClick={() => acceptChat(stores, ticket.id)} title={tooltip('Accept', 'accept', keymap)} aria-keyshortcuts={ariaKeyShortcuts('accept', keymap)}>
              Accept
            </Button>
          )}
          {showResolve && (
            <Button icon="resolve" disabled={pending || resolving} onClick={() => stores.ui.getState().openOverlay('wrapUp')} title={tooltip('Resolve', 'resolve', keymap)} aria-keyshortcuts={ariaKeyShortcuts('resolve', keymap)}>
              Resolve
            </Button>
          )}
        </div>
      </div>
      <TriageChips ticket={ticket} />
      {ticket.isComplaint && <ComplaintChip ticketId={ticket.id} dueAt={ticket.complaintDueAt} />}
      {actionError && <InlineAlert>{actionError.message}</InlineAlert>}
    </header>
  );
}

/** "Resolve (Ctrl+Shift+E)", or just "Resolve" when the agent switched the key off. */
function tooltip(text: string, id: CommandId, keymap: Keymap): string {
  const keys = shortcutLabel(id, keymap);
  return keys ? `${text} (${keys})` : text;
}
