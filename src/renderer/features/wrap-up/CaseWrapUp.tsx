/** The case header's wrap-up: how it ended (once resolved) and its tags, with the button that edits them (`#`). */
import type { TicketRow } from '../../../shared/domain';
import { OUTCOME_LABELS } from '../../../shared/wrap-up';
import { useKeymap, useSession, useStores } from '../../app/hooks';
import { ariaKeyShortcuts, shortcutLabel } from '../../app/keymap';
import { Chip } from '../../ui/Chip';
import { canEditTags } from '../conversation/permissions';
import './wrap-up.css';

export function CaseWrapUp({ ticket }: { ticket: TicketRow }) {
  const stores = useStores();
  const keymap = useKeymap();
  const agent = useSession((s) => s.session?.agent ?? null);
  const tags = ticket.tags ?? [];
  const editable = canEditTags(ticket, agent);
  const keys = shortcutLabel('case.tags', keymap);
  return (
    <>
      {ticket.outcome && (ticket.status === 'resolved' || ticket.status === 'closed') && <Chip tone="success">{OUTCOME_LABELS[ticket.outcome]}</Chip>}
      {tags.length > 0 && (
        <ul className="case-tags" aria-label="Tags">
          {tags.map((t) => (
            <li key={t}>
              <Chip>#{t}</Chip>
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <button
          type="button"
          className="conv-header__tags-edit"
          onClick={() => stores.ui.getState().openOverlay('tags')}
          title={keys ? `Edit tags (${keys})` : 'Edit tags'}
          aria-keyshortcuts={ariaKeyShortcuts('case.tags', keymap)}
        >
          {tags.length ? 'Edit tags' : '+ Tags'}
        </button>
      )}
    </>
  );
}
