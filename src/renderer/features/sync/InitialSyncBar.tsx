/**
 * The first sync of a new cache: a thin progress bar under the header with "Syncing your chats
 * 120 of 400". Cached chats stay usable meanwhile; it goes away when the sync is done.
 */
import { useSync } from '../../app/hooks';

export function InitialSyncBar() {
  const progress = useSync((s) => s.status?.initialSync ?? null);
  if (!progress) return null;
  const total = Math.max(progress.total, progress.done, 0);
  const pct = total === 0 ? 0 : Math.round((progress.done / total) * 100);
  const text = total === 0 ? 'Syncing your chats…' : `Syncing your chats · ${progress.done} of ${total}`;
  return (
    <div className="initial-sync">
      <div
        className="initial-sync__track"
        role="progressbar"
        aria-label="Initial sync"
        aria-valuemin={0}
        aria-valuemax={total || 100}
        aria-valuenow={total === 0 ? undefined : progress.done}
        aria-valuetext={text}
      >
        <span className="initial-sync__fill" style={{ transform: `scaleX(${pct / 100})` }} />
      </div>
      <span className="initial-sync__text tabular">{text}</span>
    </div>
  );
}
