/**
 * The macro bar above the composer: what the last macro did in this chat and, until its reply
 * is sent, Undo. After the reply it says what was pushed ("Done"), or which step failed and
 * Retry. After "next chat" the new chat shows the previous chat's result for a few seconds.
 */
import { useEffect, type ReactNode } from 'react';
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
  const name = `Macro “${run.title}”`;
  const pending = run.held.map((s) => describeStep(s));
  const dismiss = (
    <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
      <Icon name="close" size={14} />
    </button>
  );
  // One line: a long title gives way first, so what happened stays readable (all of it in the tooltip).
  const line = (icon: Parameters<typeof Icon>[0]['name'], rest: string, actions: ReactNode, phase: string) => (
    <div className={`macro-bar macro-bar--${phase}`}>
      <Icon name={icon} size={14} className="macro-bar__icon" />
      <span className="macro-bar__text" title={`${name}${rest}`}>
        <strong className="macro-bar__name">{name}</strong>
        <span className="macro-bar__rest">{rest}</span>
      </span>
      {actions && <span className="macro-bar__actions">{actions}</span>}
    </div>
  );
  switch (run.phase) {
    case 'waiting':
      return line(
        'macro',
        ` did: ${list(run.did.map((d) => `${d} in the composer`))}${pending.length > 0 ? ` · on send: ${pending.join(', ')}` : ''}`,
        <>
          <Button dense onClick={onUndo} aria-label={`Undo ${name}`}>
            Undo
          </Button>
          <Keys bindings={undoKeys} />
        </>,
        'waiting',
      );
    case 'applying':
      return line('clock', ` · ${list([...run.did, ...run.applied])}${pending.length > 0 ? ` · queuing ${pending.join(', ')}…` : ''}`, null, 'applying');
    case 'done': {
      // In the chat it opened, "next chat opened" goes without saying.
      const done = fromChat ? run.applied.filter((w) => w !== 'next chat opened') : run.applied;
      return line('check', ` · Done${fromChat ? ` in ${fromChat}’s chat` : ''}: ${list([...run.did, ...done])}`, dismiss, 'done');
    }
    case 'failed':
      return line(
        'alert',
        ` stopped: ${run.error?.message ?? 'a step failed'}${pending.length > 0 ? ` Not done yet: ${pending.join(', ')}.` : ''}`,
        <>
          <Button dense icon="retry" onClick={onRetry}>
            Retry
          </Button>
          {dismiss}
        </>,
        'failed',
      );
  }
}

/** The bar for a chat: its own macro, else the one that opened it, else why a macro did not start. */
export function MacroBar({ ticketId }: { ticketId: string }) {
  const { macros } = useStores();
  const keymap = useKeymap();
  const own = useMacros((s) => s.runs[ticketId]);
  // The latest macro that opened this chat: an earlier one that led here too is old news.
  const previous = useMacros((s) => Object.values(s.runs).filter((r) => r.nextTicketId === ticketId && r.ticketId !== ticketId && r.phase === 'done').at(-1));
  const problem = useMacros((s) => s.problem);
  const run = own ?? previous;
  const fromChat = useTickets((s) => (previous && run === previous ? (findSummary(s.lists, previous.ticketId, s.pages)?.customerName ?? 'the previous') : null));

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
