/**
 * Merge the open case into another open case of the same customer (issue 8): ↑/↓ pick the case
 * the conversation continues in, Enter asks to confirm (it cannot be undone), Enter again merges,
 * Esc cancels. The candidates come from this computer's cache; the server checks again.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { EarlierCase } from '../../../shared/api/contract';
import { CATEGORY_LABELS } from '../../../shared/domain';
import { formatDate } from '../../lib/time';
import { Dialog } from '../../ui/Dialog';
import { InlineAlert } from '../../ui/InlineAlert';
import { STATUS_LABELS } from '../conversation/permissions';
import '../earlier-cases/earlier-cases.css';

export type MergeCandidates = { status: 'loading' } | { status: 'done'; cases: EarlierCase[] } | { status: 'error'; message: string };

export interface MergeDialogProps {
  reference: string;
  customerName: string;
  candidates: MergeCandidates;
  onMerge(targetId: string): void;
  onCancel(): void;
}

/** Cases a case can be merged into: the customer's others that are not closed (a merged case is closed). */
export const mergeTargets = (cases: readonly EarlierCase[]): EarlierCase[] => cases.filter((c) => c.status !== 'closed');

export function MergeDialog({ reference, customerName, candidates, onMerge, onCancel }: MergeDialogProps) {
  const listId = useId();
  const [active, setActive] = useState(0);
  const [armed, setArmed] = useState<string | null>(null);
  const cases = candidates.status === 'done' ? mergeTargets(candidates.cases) : [];
  const listRef = useRef<HTMLUListElement>(null);
  const hasCases = cases.length > 0;
  useEffect(() => {
    if (hasCases) listRef.current?.focus();
  }, [hasCases]);

  const pick = (c: EarlierCase) => (armed === c.ticketId ? onMerge(c.ticketId) : setArmed(c.ticketId));
  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey || cases.length === 0) return;
    const last = cases.length - 1;
    const to = e.key === 'ArrowDown' ? Math.min(last, active + 1) : e.key === 'ArrowUp' ? Math.max(0, active - 1) : null;
    if (to !== null) {
      e.preventDefault();
      setActive(to);
      setArmed(null);
      return;
    }
    if (e.key === 'Enter') {
      e.preventDefault();
      const c = cases[active];
      if (c) pick(c);
    }
  };
  const target = cases.find((c) => c.ticketId === armed);

  return (
    <Dialog label={`Merge ${reference} into another case`} onClose={onCancel} className="earlier">
      <header className="earlier__header">
        <h2 className="earlier__title">
          Merge <span className="mono">{reference}</span> <span className="earlier__name">into another case of {customerName}</span>
        </h2>
      </header>
      <div className="earlier__body">
        {candidates.status === 'loading' && (
          <p className="earlier__note" role="status">
            Looking in this computer’s cache…
          </p>
        )}
        {candidates.status === 'error' && <InlineAlert>Could not read the customer’s cases: {candidates.message}</InlineAlert>}
        {candidates.status === 'done' && cases.length === 0 && (
          <p className="earlier__empty" role="status">
            {customerName} has no other open case to merge into.
          </p>
        )}
        {cases.length > 0 && (
          <>
            <p className="earlier__note" id={`${listId}-note`} role="status">
              {target
                ? `Merge ${reference} into ${target.reference}? Both histories are kept there and the customer is told. Enter again merges, Esc cancels.`
                : '↑ ↓ to pick the case the conversation continues in, Enter to merge'}
            </p>
            <ul
              className="earlier__list"
              role="listbox"
              aria-label="Cases to merge into"
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
                  onClick={() => pick(c)}
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
