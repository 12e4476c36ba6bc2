/**
 * Suggested replies above the composer: up to three canned replies assist ranks for the open
 * chat, each inserted by its key (F1–F3 unless remapped) or a click, the way the `/` picker
 * inserts a reply (canned-store `insert`; the composer fills the variables).
 *
 * Calm by design: it never takes focus (a click keeps the caret in the composer), it shows
 * nothing when assist has nothing or answers with an error, it hides in Note mode and for chats
 * the agent can't write to, and while the agent types it neither appears nor disappears (new
 * suggestions replace the old ones in place), so the composer never moves under their hands.
 * One tab stop (a toolbar: arrows move between the suggestions).
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import type { ReplySuggestion } from '../../../shared/api/contract';
import type { TicketRow } from '../../../shared/domain';
import { useAssist, useDrafts, useKeymap, useSession, useStores } from '../../app/hooks';
import { ariaKeyShortcuts, shortcutLabel, type CommandId } from '../../app/keymap';
import { Icon } from '../../ui/Icon';
import { canWrite } from '../conversation/permissions';
import { isForeign, languageName } from './words';
import './assist.css';

const NONE: readonly ReplySuggestion[] = [];
const KEYS: readonly CommandId[] = ['assist.reply1', 'assist.reply2', 'assist.reply3'];

/**
 * The suggestions to show: the latest, except while the agent is typing, when the strip keeps
 * its presence (shown stays shown with the newest it has; hidden stays hidden).
 */
function useSteadyWhileTyping(ticketId: string, latest: readonly ReplySuggestion[], typing: boolean): readonly ReplySuggestion[] {
  const held = useRef({ ticketId, items: latest });
  const h = held.current;
  if (h.ticketId !== ticketId || !typing || (h.items.length > 0 && latest.length > 0)) held.current = { ticketId, items: latest };
  return held.current.items;
}

export function ReplySuggestions({ ticket }: { ticket: TicketRow }) {
  const { cannedReplies } = useStores();
  const keymap = useKeymap();
  const agent = useSession((s) => s.session?.agent ?? null);
  const latest = useAssist((s) => s.forTicket[ticket.id]?.replies ?? NONE);
  const note = useDrafts((s) => s.drafts[ticket.id]?.mode === 'note');
  const typing = useDrafts((s) => (s.drafts[ticket.id]?.body.trim() ?? '') !== '');
  const [focusAt, setFocusAt] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);

  const blocked = note || ticket.status === 'closed' || !canWrite(ticket, agent);
  const items = useSteadyWhileTyping(ticket.id, blocked ? NONE : latest, typing && !blocked);
  if (items.length === 0) return null;
  const current = Math.min(focusAt, items.length - 1);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const last = items.length - 1;
    const to = e.key === 'ArrowRight' ? Math.min(last, current + 1) : e.key === 'ArrowLeft' ? Math.max(0, current - 1) : e.key === 'Home' ? 0 : e.key === 'End' ? last : null;
    if (to === null || e.ctrlKey || e.metaKey || e.altKey) return;
    e.preventDefault();
    setFocusAt(to);
    listRef.current?.querySelectorAll<HTMLButtonElement>('button')[to]?.focus();
  };

  return (
    <div className="suggestions" data-testid="reply-suggestions">
      <div ref={listRef} className="suggestions__list" role="toolbar" aria-label="Suggested replies" onKeyDown={onKeyDown}>
        <span className="suggestions__label" title="Suggested replies, ranked from this conversation and similar resolved cases" aria-hidden="true">
          <Icon name="lightbulb" size={14} />
        </span>
        {items.map((r, i) => {
          const id = KEYS[i]!;
          const key = shortcutLabel(id, keymap);
          const foreign = isForeign(r.language);
          return (
            <button
              key={r.id}
              type="button"
              className="suggestion"
              tabIndex={i === current ? 0 : -1}
              aria-keyshortcuts={ariaKeyShortcuts(id, keymap)}
              title={`Insert “${r.title}” (/${r.shortcut})${key ? ` · ${key}` : ''}\nWhy: ${r.why}`}
              onMouseDown={(e) => e.preventDefault()}
              onFocus={() => setFocusAt(i)}
              onClick={() => cannedReplies.getState().insert(r.id)}
            >
              {/* The name is what it shows (axe: label-content-name-mismatch); the key is in aria-keyshortcuts. */}
              {key && (
                <kbd className="suggestion__key" aria-hidden="true">
                  {key}
                </kbd>
              )}
              <span className="visually-hidden">Insert </span>
              <span className="suggestion__title">{r.title}</span>
              {foreign && (
                <>
                  <span className="suggestion__lang mono" aria-hidden="true">
                    {r.language.toUpperCase()}
                  </span>
                  <span className="visually-hidden"> ({languageName(r.language)})</span>
                </>
              )}
              <span className="suggestion__why" aria-hidden="true">
                — {r.why}
              </span>
              <span className="visually-hidden">: {r.why}</span>
            </button>
          );
        })}
      </div>
    </div>
  );
}
