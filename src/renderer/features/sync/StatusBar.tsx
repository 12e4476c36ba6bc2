/** The 24 px status bar: connection, outbox, last sync, and the key hints. */
import { useSync } from '../../app/hooks';
import { shortcutLabel } from '../../app/keymap';
import { formatTime } from '../../lib/time';
import type { HostLink } from './sync-store';
import type { SyncStatus } from '../../../shared/api/contract';

export function StatusBar() {
  const status = useSync((s) => s.status);
  const host = useSync((s) => s.host);
  const { label, tone } = connectionLabel(status, host);
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
      <span className="status-bar__hints">
        <kbd>{shortcutLabel('nextChat')}</kbd>/<kbd>{shortcutLabel('prevChat')}</kbd> chats · <kbd>{shortcutLabel('toggleNote')}</kbd> note · <kbd>F6</kbd> panes
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
