/**
 * The macro bar above the composer: what the last macro did in this chat and, until its reply
 * is sent, Undo. After the reply it says what was pushed ("Done"), or which step failed and
 * Retry. After "next chat" the new chat shows the previous chat's result for a few seconds.
 */
import { useEffect } from 'react';
import { useKeymap, useMacros, useStores, useTickets } from '../../app/hooks';
import { bindingsOf } from '../../app/keymap';
import { Button } from '../../ui/Button';
import { Icon } from '../../ui/Icon';
import { Keys } from '../../ui/Keys';
import { findSummary } from '../chat-list/tickets-store';
import { describeStep } from '../../../shared/macros';
import type { MacroRun } from './macros-store';

/** How long a finished macro's result stays when nothing else happens. */
export const DONE_BAR_MS = 8_000;

export interface MacroBarViewProps {
  run: MacroRun;
  /** For the previous chat's run (shown after "next chat"): that customer's name. */
  fromChat?: string | null;
  undoKeys?: readonly string[];
  onUndo(): void;
  onRetry(): void;
  onDismiss(): void;
}

const list = (words: readonly string[]) => words.join(' · ');

export function MacroBarView({ run, fromChat, undoKeys = [], onUndo, onRetry, onDismiss }: MacroBarViewProps) {
  const title = `Macro “${run.title}”`;
  const pending = run.held.map((s) => describeStep(s));
  const dismiss = (
    <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
      <Icon name="close" size={14} />
    </button>
  );
  switch (run.phase) {
    case 'waiting':
      return (
        <div className="macro-bar macro-bar--waiting">
          <Icon name="macro" size={14} className="macro-bar__icon" />
          <span className="macro-bar__text">
            <strong>{title}</strong> put its reply in the composer. {pending.length > 0 ? <>When you send it: {list(pending)}.</> : 'Nothing else to do.'}
          </span>
          <span className="macro-bar__actions">
            <Button dense variant="ghost" onClick={onUndo} aria-label={`Undo ${title}`}>
              Undo
            </Button>
            <Keys bindings={undoKeys} />
          </span>
        </div>
      );
    case 'applying':
      return (
        <div className="macro-bar macro-bar--applying">
          <Icon name="clock" size={14} className="macro-bar__icon" />
          <span className="macro-bar__text">
            <strong>{title}</strong>: {list([...run.did, ...run.applied])}
            {pending.length > 0 && <> · queuing {list(pending)}…</>}
          </span>
        </div>
      );
    case 'done':
      return (
        <div className="macro-bar macro-bar--done">
          <Icon name="check" size={14} className="macro-bar__icon" />
          <span className="macro-bar__text">
            <strong>{title}</strong> done{fromChat ? ` in ${fromChat}’s chat` : ''}: {list([...run.did, ...run.applied])}.
          </span>
          <span className="macro-bar__actions">{dismiss}</span>
        </div>
      );
    case 'failed':
      return (
        <div className="macro-bar macro-bar--failed">
          <Icon name="alert" size={14} className="macro-bar__icon" />
          <span className="macro-bar__text">
            <strong>{title}</strong> stopped: {run.error?.message ?? 'a step failed'}
            {pending.length > 0 && <> Not done yet: {list(pending)}.</>}
          </span>
          <span className="macro-bar__actions">
            <Button dense icon="retry" onClick={onRetry}>
              Retry
            </Button>
            {dismiss}
          </span>
        </div>
      );
  }
}

/** The bar for a chat: its own macro, else the one that opened it, else why a macro did not start. */
export function MacroBar({ ticketId }: { ticketId: string }) {
  const { macros } = useStores();
  const keymap = useKeymap();
  const own = useMacros((s) => s.runs[ticketId]);
  const previous = useMacros((s) => Object.values(s.runs).find((r) => r.nextTicketId === ticketId && r.ticketId !== ticketId && r.phase === 'done'));
  const problem = useMacros((s) => s.problem);
  const run = own ?? previous;
  const fromChat = useTickets((s) => (previous && run === previous ? (findSummary(s.lists, previous.ticketId)?.customerName ?? 'the previous') : null));

  // A finished macro's result goes after a while; Undo and failures stay until dealt with.
  useEffect(() => {
    if (run?.phase !== 'done') return;
    const t = setTimeout(() => macros.getState().dismiss(run.ticketId), DONE_BAR_MS);
    return () => clearTimeout(t);
  }, [run, macros]);

  const shownProblem = problem && (problem.ticketId === ticketId || problem.ticketId === null) ? problem.message : null;
  return (
    <div className="macro-bar-slot" role="status" aria-live="polite">
      {shownProblem && (
        <div className="macro-bar macro-bar--problem">
          <Icon name="alert" size={14} className="macro-bar__icon" />
          <span className="macro-bar__text">{shownProblem}</span>
          <span className="macro-bar__actions">
            <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => macros.getState().dismiss(ticketId)}>
              <Icon name="close" size={14} />
            </button>
          </span>
        </div>
      )}
      {run && (
        <MacroBarView
          run={run}
          fromChat={fromChat}
          undoKeys={bindingsOf(keymap, 'undoMacro')}
          onUndo={() => macros.getState().undo(run.ticketId)}
          onRetry={() => void macros.getState().retry(run.ticketId)}
          onDismiss={() => macros.getState().dismiss(run.ticketId)}
        />
      )}
    </div>
  );
}
