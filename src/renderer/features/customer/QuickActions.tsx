/**
 * The quick-actions row under the customer card (UX.md §2), and the results of the actions run
 * from the panel: pending, then done or refused with the server's reason. Account actions are
 * disabled offline with "Needs connection" (main refuses them offline too).
 */
import { useId } from 'react';
import { Button } from '../../ui/Button';
import { Icon } from '../../ui/Icon';
import { ACCOUNT_ACTIONS, ACTION_LABELS, type ActionKind, type DialogRequest } from './actions';
import type { ActionEntry } from './panel-store';

export interface QuickActionsProps {
  actions: ActionKind[];
  /** Why nothing can run (not this agent's chat), or null. */
  blocked: string | null;
  online: boolean;
  onOpen(request: DialogRequest): void;
  /** The keys of the actions that have one (the case's keys, from the keymap with the agent's remaps). */
  keys?: Partial<Record<ActionKind, { label: string; aria?: string }>>;
}

export function QuickActions({ actions, blocked, online, onOpen, keys = {} }: QuickActionsProps) {
  const offlineId = useId();
  const blockedId = useId();
  if (actions.length === 0) return null;
  const account = actions.filter((a) => ACCOUNT_ACTIONS.includes(a));
  const offlineShown = !online && account.length > 0;
  const button = (kind: ActionKind) => {
    const needsConnection = ACCOUNT_ACTIONS.includes(kind) && !online;
    const disabled = blocked !== null || needsConnection;
    const describedBy = [blocked ? blockedId : null, needsConnection ? offlineId : null].filter(Boolean).join(' ') || undefined;
    return (
      <Button
        key={kind}
        dense
        variant={ACCOUNT_ACTIONS.includes(kind) ? 'secondary' : 'ghost'}
        className="quick-actions__button"
        disabled={disabled}
        title={blocked ?? (needsConnection ? 'Needs connection' : keys[kind]?.label ? `${ACTION_LABELS[kind]} (${keys[kind].label})` : undefined)}
        aria-keyshortcuts={keys[kind]?.aria}
        aria-describedby={describedBy}
        onClick={() => onOpen({ kind } as DialogRequest)}
      >
        {ACTION_LABELS[kind]}
        {ACCOUNT_ACTIONS.includes(kind) ? '…' : ''}
      </Button>
    );
  };
  const own = actions.filter((a) => ACCOUNT_ACTIONS.includes(a));
  const rest = actions.filter((a) => !ACCOUNT_ACTIONS.includes(a));
  return (
    <div className="quick-actions" role="group" aria-label="Quick actions">
      {own.length > 0 && <div className="quick-actions__row">{own.map(button)}</div>}
      <div className="quick-actions__row">{rest.map(button)}</div>
      {offlineShown && (
        <p className="quick-actions__note" id={offlineId}>
          <Icon name="offline" size={12} />
          Needs connection: account actions wait until you are back online.
        </p>
      )}
      {blocked && (
        <p className="quick-actions__note" id={blockedId}>
          {blocked}
        </p>
      )}
    </div>
  );
}

const STATE_ICON = { sending: 'clock', pending: 'clock', done: 'check', refused: 'alert', failed: 'alert' } as const;

export function actionStateText(a: ActionEntry, online: boolean): string {
  switch (a.state) {
    case 'sending':
      return 'Sending…';
    case 'pending':
      return online ? 'Pending: waiting for the server' : 'Queued: runs when you are back online';
    case 'done':
      return 'Done';
    case 'refused':
      return `Refused: ${a.reason ?? 'no reason given'}`;
    case 'failed':
      return `Not sent: ${a.reason ?? 'unknown error'}`;
  }
}

/** The newest results of the open chat's actions, next to where they were run. */
export function ActionResults({ entries, online, onDismiss, label = 'Action results' }: { entries: ActionEntry[]; online: boolean; onDismiss(key: number): void; label?: string }) {
  return (
    <ul className="action-results" aria-label={label} aria-live="polite">
      {entries.map((a) => (
        <li key={a.key} className={`action-result action-result--${a.state}`}>
          <Icon name={STATE_ICON[a.state]} size={12} />
          <span className="action-result__text">
            <span className="action-result__what">{a.summary}</span>
            <span className="action-result__state">{actionStateText(a, online)}</span>
          </span>
          {(a.state === 'done' || a.state === 'refused' || a.state === 'failed') && (
            <button type="button" className="icon-button action-result__dismiss" aria-label={`Dismiss: ${a.summary}`} onClick={() => onDismiss(a.key)}>
              <Icon name="close" size={12} />
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
