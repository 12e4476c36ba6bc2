/** The 24 px status bar: connection, outbox, last sync, and the key hints. */
import { useEffect } from 'react';
import { useKeymap, useStores, useSync, useUi } from '../../app/hooks';
import { shortcutLabel, type CommandId, type Keymap } from '../../app/keymap';
import { formatTime } from '../../lib/time';
import type { HostLink } from './sync-store';
import type { SyncStatus } from '../../../shared/api/contract';

/** How long a command's result stays in the status bar. */
export const NOTICE_MS = 6_000;

export function StatusBar() {
  const status = useSync((s) => s.status);
  const host = useSync((s) => s.host);
  const keymap = useKeymap();
  const { label, tone } = connectionLabel(status, host);
  const { ui } = useStores();
  // A command's short result ("Copied ABCD-EFGH to the clipboard."): said politely, gone after a while.
  const notice = useUi((s) => s.notice);
  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(() => ui.getState().clearNotice(notice.seq), NOTICE_MS);
    return () => clearTimeout(t);
  }, [notice, ui]);
  return (
    <footer className="status-bar" aria-label="Status">
      <span className="status-bar__item" role="status">
        <span className={`dot dot--${tone}`} aria-hidden="true" />
        {label}
      </span>
      {status && (
        <span className="status-bar__item">
          Outbox <span className="tabular">{status.outbox}</span>
        </span>
      )}
      {status?.initialSync && (
        <span className="status-bar__item">
          Syncing <span className="tabular">{status.initialSync.done}</span>/<span className="tabular">{status.initialSync.total}</span>
        </span>
      )}
      {status?.lastSyncedAt && <span className="status-bar__item">Updated {formatTime(status.lastSyncedAt)}</span>}
      {status?.problem && <span className="status-bar__item status-bar__problem">{status.problem}</span>}
      <span className="status-bar__item status-bar__notice" role="status" aria-live="polite" data-testid="console-notice">
        {notice?.text}
      </span>
      <span className="status-bar__hints">
        {hints(keymap)
          .map(([ids, text]) => (
            <span key={text} className="status-bar__hint">
              {ids.map((id, i) => (
                <span key={id}>
                  {i > 0 && '/'}
                  <kbd>{shortcutLabel(id, keymap)}</kbd>
                </span>
              ))}{' '}
              {text}
            </span>
          ))}
      </span>
    </footer>
  );
}

function connectionLabel(status: SyncStatus | null, host: HostLink): { label: string; tone: 'ok' | 'warn' | 'off' } {
  if (host === 'down' || host === 'refused') return { label: 'Desktop service unreachable', tone: 'off' };
  if (!status) return { label: 'Connecting…', tone: 'warn' };
  switch (status.connection) {
    case 'online':
      return { label: 'Online', tone: 'ok' };
    case 'connecting':
      return { label: 'Connecting…', tone: 'warn' };
    case 'offline':
      return { label: 'Offline', tone: 'off' };
  }
}

/** The key hints, from the agent's keymap; a switched-off key drops its hint. */
function hints(keymap: Keymap): [CommandId[], string][] {
  const all: [CommandId[], string][] = [
    [['openPalette'], 'commands'],
    [['nextChat', 'prevChat'], 'chats'],
    [['toggleNote'], 'note'],
    [['nextPane'], 'panes'],
    [['openHelp'], 'all keys'],
  ];
  return all.filter(([ids]) => ids.every((id) => shortcutLabel(id, keymap) !== ''));
}
