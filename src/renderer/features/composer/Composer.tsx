/**
 * The composer: Reply | Note. Note mode changes colour, label, icon and button text so a note
 * can't pass for a reply. Enter sends, Shift+Enter is a new line, Ctrl+Enter always sends.
 * What the agent types is a draft, saved by main as they type.
 */
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { containsCardNumber } from '../../../shared/card-mask';
import type { TicketRow } from '../../../shared/domain';
import { useDrafts, useSession, useStores, useUi } from '../../app/hooks';
import { Button } from '../../ui/Button';
import { Icon } from '../../ui/Icon';
import { InlineAlert } from '../../ui/InlineAlert';
import { SegmentedControl } from '../../ui/SegmentedControl';
import { canAccept, canWrite } from '../conversation/permissions';
import type { ComposerMode } from './drafts-store';

const MODES = [
  { value: 'reply', label: 'Reply' },
  { value: 'note', label: 'Note' },
] as const satisfies readonly { value: ComposerMode; label: string }[];

export function Composer({ ticket }: { ticket: TicketRow }) {
  const { drafts, conversation } = useStores();
  const draft = useDrafts((s) => s.drafts[ticket.id]);
  const saveError = useDrafts((s) => s.saveError);
  const agent = useSession((s) => s.session?.agent ?? null);
  const focusRequest = useUi((s) => s.focusRequest);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);

  const body = draft?.body ?? '';
  const mode: ComposerMode = draft?.mode ?? 'reply';
  const isNote = mode === 'note';
  const writable = canWrite(ticket, agent);
  const hasCard = !isNote && containsCardNumber(body);
  const blocked =
    ticket.status === 'closed'
      ? 'This chat is closed; the customer can no longer get replies here.'
      : !writable
        ? canAccept(ticket)
          ? 'Accept this chat to reply.'
          : 'This chat is assigned to someone else.'
        : null;

  useEffect(() => setSendError(null), [ticket.id, mode]);

  useEffect(() => {
    if (focusRequest?.pane === 'composer') textRef.current?.focus();
  }, [focusRequest]);

  // Grows with the text up to 40% of the window.
  useLayoutEffect(() => {
    const el = textRef.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight + 2, Math.round(window.innerHeight * 0.4))}px`;
  }, [body]);

  const send = async () => {
    const text = body.trim();
    if (!text || sending) return;
    if (blocked) return setSendError(blocked);
    if (hasCard) return setSendError('Remove the card number first; agents never take card data in chat.');
    setSending(true);
    const error = await conversation.getState().send(text, mode);
    setSending(false);
    if (error) return setSendError(error.message);
    setSendError(null);
    await drafts.getState().clear(ticket.id);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
    if (e.shiftKey && !(e.ctrlKey || e.metaKey)) return; // a new line
    e.preventDefault();
    void send();
  };

  return (
    <section className={`composer${isNote ? ' composer--note' : ''}`} aria-label="Composer">
      <div className="composer__bar">
        <SegmentedControl label="Composer mode" options={MODES} value={mode} onChange={(m) => drafts.getState().setMode(ticket.id, m)} />
        {isNote && (
          <span className="composer__note-label">
            <Icon name="lock" size={14} />
            Internal note – customer can't see this
          </span>
        )}
      </div>
      <textarea
        ref={textRef}
        className="composer__input"
        data-pane="composer"
        value={body}
        rows={3}
        onChange={(e) => drafts.getState().edit(ticket.id, e.target.value)}
        onKeyDown={onKeyDown}
        aria-label={isNote ? 'Internal note' : 'Reply to the customer'}
        placeholder={isNote ? 'Write a note for your team…' : 'Write a reply…'}
        spellCheck
      />
      {hasCard && <InlineAlert tone="warning">This reply contains a card number. Agents never take card data in chat; send a secure payment link instead.</InlineAlert>}
      {sendError && !hasCard && <InlineAlert>{sendError}</InlineAlert>}
      {saveError && <InlineAlert tone="warning">Draft not saved: {saveError.message}</InlineAlert>}
      <div className="composer__footer">
        <span className="composer__hint">{blocked ?? 'Enter to send · Shift+Enter for a new line'}</span>
        <Button variant={isNote ? 'note' : 'primary'} icon={isNote ? 'lock' : 'send'} disabled={sending || !body.trim() || !!blocked || hasCard} onClick={() => void send()}>
          {isNote ? 'Add note' : 'Send'}
        </Button>
      </div>
    </section>
  );
}
