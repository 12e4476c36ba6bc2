/**
 * Where a transfer goes: the team queue first, then the colleagues who work this chat's queue
 * (`agents:forTransfer`, from the desktop cache: presence and load "3/8"), the ones who can take
 * it now first and the others disabled with the reason. A filter field drives the list as a
 * combobox (type to filter by name, ↑ ↓ to move, Enter to transfer, which the dialog handles);
 * choices beyond the queue and colleagues (other teams' queues) slot in as more options.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { TransferCandidate } from '../../../shared/api/contract';
import { useStores } from '../../app/hooks';

/** What the transfer goes to: the team queue, or a colleague by id. */
export type TransferChoice = { kind: 'queue' } | { kind: 'agent'; candidate: TransferCandidate };
export const QUEUE_KEY = 'queue';

export interface CandidatesState {
  phase: 'loading' | 'ready' | 'error';
  candidates: TransferCandidate[];
  error: string | null;
}

/** The colleagues for this chat, fetched again when someone's presence changes or on `reload`. */
export function useTransferCandidates(ticketId: string): CandidatesState & { reload(): void } {
  const { api } = useStores();
  const [state, setState] = useState<CandidatesState>({ phase: 'loading', candidates: [], error: null });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    let live = true;
    void api.invoke('agents:forTransfer', { ticketId }).then((r) => {
      if (!live) return;
      setState((s) => (r.ok ? { phase: 'ready', candidates: r.value, error: null } : { phase: s.candidates.length ? 'ready' : 'error', candidates: s.candidates, error: r.error.message }));
    });
    return () => {
      live = false;
    };
  }, [api, ticketId, generation]);

  useEffect(() => api.on('presence:changed', reload), [api, reload]);
  return { ...state, reload };
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

/** Colleagues whose name matches the filter (any part, accents ignored), in the server's order. */
export function filterCandidates(candidates: readonly TransferCandidate[], filter: string): TransferCandidate[] {
  const q = fold(filter.trim());
  return q ? candidates.filter((c) => fold(c.name).includes(q)) : [...candidates];
}

const ROLE_LABEL: Record<TransferCandidate['role'], string | null> = { agent: null, senior: 'Senior', supervisor: 'Supervisor' };
const PRESENCE_LABEL: Record<TransferCandidate['presence'], string> = { available: 'Available', away: 'Away', offline: 'Offline' };

export function TransferTargets({
  state,
  filter,
  onFilter,
  active,
  onActive,
  disabled,
  refocus,
}: {
  state: CandidatesState;
  filter: string;
  onFilter(value: string): void;
  /** QUEUE_KEY or a colleague's id. */
  active: string;
  onActive(key: string): void;
  /** While a transfer is on its way: read-only, keeping the focus where it is. */
  disabled?: boolean;
  /** Changes when the focus should come back to the filter (after a refusal), unless it is still in the dialog. */
  refocus?: number;
}) {
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const visible = useMemo(() => filterCandidates(state.candidates, filter), [state.candidates, filter]);
  const keys = useMemo(() => [QUEUE_KEY, ...visible.map((c) => c.id)], [visible]);
  const optionId = (key: string) => `${listId}-${key}`;

  // Typing moves the choice to the best match: the first colleague who can take it, else the first shown.
  const changeFilter = (value: string) => {
    onFilter(value);
    const matches = filterCandidates(state.candidates, value);
    if (!value.trim()) return;
    const best = matches.find((c) => c.available) ?? matches[0];
    onActive(best ? best.id : QUEUE_KEY);
  };

  // A colleague filtered out (or gone from the list) is not left chosen out of sight.
  useEffect(() => {
    if (!keys.includes(active)) onActive(keys[1] ?? QUEUE_KEY);
  }, [keys, active, onActive]);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing || disabled) return;
    const at = Math.max(0, keys.indexOf(active));
    const to = e.key === 'ArrowDown' ? Math.min(keys.length - 1, at + 1) : e.key === 'ArrowUp' ? Math.max(0, at - 1) : e.key === 'PageDown' ? keys.length - 1 : e.key === 'PageUp' ? 0 : null;
    if (to === null) return;
    e.preventDefault();
    onActive(keys[to]!);
  };

  useEffect(() => {
    const input = inputRef.current;
    const dialog = input?.closest('[role="dialog"]');
    if (refocus && input && !dialog?.contains(document.activeElement)) input.focus();
  }, [refocus]);

  useEffect(() => {
    document.getElementById(optionId(active))?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);

  const hiddenCount = state.candidates.length - visible.length;

  return (
    <div className="field transfer-targets">
      <label className="field__label" htmlFor={inputId}>
        Transfer to
      </label>
      <input
        ref={inputRef}
        id={inputId}
        className="input"
        type="text"
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={optionId(active)}
        aria-describedby={`${inputId}-help`}
        placeholder="Filter colleagues by name"
        autoComplete="off"
        spellCheck={false}
        value={filter}
        readOnly={disabled}
        onChange={(e) => changeFilter(e.target.value)}
        onKeyDown={onKeyDown}
        data-autofocus
      />
      <span className="field__help" id={`${inputId}-help`}>
        ↑ ↓ choose · Enter transfers
      </span>
      <ul id={listId} role="listbox" aria-label="Transfer to" className="transfer-list">
        <li
          id={optionId(QUEUE_KEY)}
          role="option"
          aria-selected={active === QUEUE_KEY}
          className={`transfer-option${active === QUEUE_KEY ? ' transfer-option--active' : ''}`}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => !disabled && onActive(QUEUE_KEY)}
        >
          <span className="transfer-option__line">
            <span className="transfer-option__queue" aria-hidden="true" />
            <span className="transfer-option__name">Team queue</span>
            <span className="transfer-option__meta">next available agent</span>
          </span>
        </li>
        {visible.map((c) => {
          const role = ROLE_LABEL[c.role];
          return (
            <li
              key={c.id}
              id={optionId(c.id)}
              role="option"
              aria-selected={active === c.id}
              aria-disabled={c.available ? undefined : true}
              className={`transfer-option${active === c.id ? ' transfer-option--active' : ''}${c.available ? '' : ' transfer-option--disabled'}`}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => !disabled && onActive(c.id)}
            >
              <span className="transfer-option__line">
                <span className={`presence-dot presence-dot--${c.presence}`} aria-hidden="true" />
                <span className="transfer-option__name">{c.name}</span>
                {role && <span className="transfer-option__meta">{role}</span>}
                <span className="visually-hidden">{PRESENCE_LABEL[c.presence]},</span>
                {c.openChats !== null && (
                  <span className="transfer-option__load">
                    <span aria-hidden="true">
                      {c.openChats}/{c.capacity}
                    </span>
                    <span className="visually-hidden">
                      {c.openChats} of {c.capacity} chats
                    </span>
                  </span>
                )}
              </span>
              {c.reason && <span className="transfer-option__reason">{c.reason}</span>}
            </li>
          );
        })}
      </ul>
      {state.phase === 'loading' && (
        <p className="transfer-targets__note" role="status">
          Loading colleagues…
        </p>
      )}
      {state.error && (
        <p className="transfer-targets__note" role="status">
          Colleagues could not be listed: {state.error} The team queue still works.
        </p>
      )}
      {state.phase === 'ready' && state.candidates.length === 0 && (
        <p className="transfer-targets__note" role="status">
          Nobody else works this chat's queue; the team queue is the only choice.
        </p>
      )}
      {state.phase === 'ready' && state.candidates.length > 0 && visible.length === 0 && (
        <p className="transfer-targets__note" role="status">
          No colleague matches “{filter.trim()}”.
        </p>
      )}
      {hiddenCount > 0 && visible.length > 0 && <span className="visually-hidden" role="status">{`${visible.length} of ${state.candidates.length} colleagues shown`}</span>}
    </div>
  );
}
