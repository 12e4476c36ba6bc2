/** The pinned handoff note above the thread (handoff.ts): who wrote it, when, what it says, as text. */
import { useConversation, useSession } from '../../app/hooks';
import { formatTime } from '../../lib/time';
import { Icon } from '../../ui/Icon';
import { chatOf } from '../conversation/conversation-store';
import { handoffNote } from './handoff';
import './handoff.css';

export function HandoffNote({ ticketId }: { ticketId: string }) {
  const agentId = useSession((s) => s.session?.agent?.id ?? null);
  const ticket = useConversation((s) => chatOf(s, ticketId)?.detail?.ticket ?? null);
  const messages = useConversation((s) => chatOf(s, ticketId)?.messages);
  const note = ticket && messages ? handoffNote(ticket, messages, agentId) : null;
  if (!note) return null;
  return (
    <aside className="handoff" aria-label="Handoff note">
      <p className="handoff__meta">
        <Icon name="lock" size={12} />
        Handoff note from {note.authorName} · {formatTime(note.createdAt)} · pinned until you reply
      </p>
      <p className="handoff__body">{note.body}</p>
    </aside>
  );
}
