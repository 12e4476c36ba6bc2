/**
 * The open chat's customer's earlier cases, one key away (Ctrl+Shift+H unless remapped): from
 * the desktop cache, so also offline, newest first, each with its reference, date, category,
 * status and the customer's first question. ↑/↓ (Home/End) move, Enter opens the case in the
 * console as the palette's "go to case" does, Esc closes back to where focus was.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { EarlierCase } from '../../../shared/api/contract';
import { CATEGORY_LABELS } from '../../../shared/domain';
import { useConversation, useStores } from '../../app/hooks';
import { formatDate } from '../../lib/time';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { InlineAlert } from '../../ui/InlineAlert';
import { STATUS_LABELS } from '../conversation/permissions';
import './earlier-cases.css';

/** How many the dialog asks for: more than an agent reads in a chat. */
export const EARLIER_CASES_SHOWN = 50;

type Load = { status: 'loading' } | { status: 'done'; cases: EarlierCase[] } | { status: 'error'; message: string };

export function EarlierCasesDialog() {
  const stores = useStores();
  const detail = useConversation((s) => s.detail);
  const ticket = detail?.ticket ?? null;
  const customer = detail?.context.customer ?? null;
  const name = customer?.name?.trim() || 'this customer';
  const visitor = customer?.identity === 'visitor';
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [active, setActive] = useState(0);
  const listId = useId();
  const close = () => stores.ui.getState().closeOverlay();

  useEffect(() => {
    if (!ticket || visitor) return setLoad({ status: 'done', cases: [] });
    let live = true;
    setLoad({ status: 'loading' });
    void stores.api.invoke('tickets:ofCustomer', { customerId: ticket.customerId, exceptTicketId: ticket.id, limit: EARLIER_CASES_SHOWN }).then((r) => {
      if (!live) return;
      setLoad(r.ok ? { status: 'done', cases: r.value } : { status: 'error', message: r.error.message });
      setActive(0);
    });
    return () => {
      live = false;
    };
  }, [stores, ticket?.id, ticket?.customerId, visitor]);

  /** Closes first, then opens: the case's tab takes focus after the dialog gave it back. */
  const openCase = (c: EarlierCase) => {
    close();
    stores.ui.getState().showView('chats');
    stores.tickets.getState().select(c.ticketId);
  };

  const cases = load.status === 'done' ? load.cases : [];
  // The list arrives after the dialog opened (it took focus then): the list takes it over.
  const listRef = useRef<HTMLUListElement>(null);
  const hasCases = cases.length > 0;
  useEffect(() => {
    if (hasCases) listRef.current?.focus();
  }, [hasCases]);
  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey || cases.length === 0) return;
    const last = cases.length - 1;
    const to = e.key === 'ArrowDown' ? Math.min(last, active + 1) : e.key === 'ArrowUp' ? Math.max(0, active - 1) : e.key === 'Home' ? 0 : e.key === 'End' ? last : null;
    if (to !== null) {
      e.preventDefault();
      setActive(to);
      document.getElementById(`${listId}-${to}`)?.scrollIntoView({ block: 'nearest' });
      return;
    }
    if (e.key === 'Enter') {
      e.preventDefault();
      const c = cases[active];
      if (c) openCase(c);
    }
  };

  return (
    <Dialog label={`Earlier cases of ${name}`} onClose={close} className="earlier" fallbackFocus={() => stores.ui.getState().focus('thread')}>
      <header className="earlier__header">
        <h2 className="earlier__title">
          Earlier cases <span className="earlier__name">· {name}</span>
        </h2>
        <Button dense variant="ghost" icon="close" aria-label="Close" onClick={close} />
      </header>
      <div className="earlier__body">
        {load.status === 'loading' && (
          <p className="earlier__note" role="status">
            Looking in this computer’s cache…
          </p>
        )}
        {load.status === 'error' && <InlineAlert>Could not read the earlier cases: {load.message}</InlineAlert>}
        {load.status === 'done' && cases.length === 0 && (
          <p className="earlier__empty" role="status">
            No earlier cases for {name}
            {visitor ? ' (an unverified visitor has no case history).' : '.'}
          </p>
        )}
        {cases.length > 0 && (
          <>
            <p className="earlier__note" id={`${listId}-note`}>
              {cases.length === 1 ? '1 case' : `${cases.length} cases`} in this computer’s cache, newest first · ↑ ↓ to move, Enter opens
            </p>
            <ul
              className="earlier__list"
              role="listbox"
              aria-label={`Earlier cases of ${name}`}
              aria-describedby={`${listId}-note`}
              aria-activedescendant={`${listId}-${active}`}
              tabIndex={0}
              ref={listRef}
              onKeyDown={onKeyDown}
            >
              {cases.map((c, i) => (
                <li
                  key={c.ticketId}
                  id={`${listId}-${i}`}
                  role="option"
                  aria-selected={i === active}
                  className="earlier__item"
                  data-active={i === active}
                  onMouseMove={() => setActive(i)}
                  onClick={() => openCase(c)}
                >
                  <span className="earlier__head">
                    <span className="earlier__ref mono">{c.reference}</span>
                    <span className="earlier__meta">
                      {formatDate(c.createdAt)} · {CATEGORY_LABELS[c.category]} · {STATUS_LABELS[c.status]}
                    </span>
                  </span>
                  <span className={`earlier__question${c.firstQuestion ? '' : ' earlier__question--none'}`}>{c.firstQuestion ?? 'No message from the customer in the cache'}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </Dialog>
  );
}
