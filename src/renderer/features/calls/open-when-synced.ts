/**
 * A case the server just made reaches this computer through sync, a moment later: open it as soon
 * as the cache has it (it may already), or give up after a while and say where it will be.
 */
import type { DeskApi } from '../../../shared/api/contract';

export interface OpenWhenSyncedOptions {
  open(ticketId: string): void;
  /** Not in the cache in time (the agent is told where it will be). */
  onLate(): void;
  timeoutMs?: number;
}

/** Returns a stop function (the console signs out, say). */
export function openWhenSynced(api: Pick<DeskApi, 'invoke' | 'on'>, ticketId: string, { open, onLate, timeoutMs = 30_000 }: OpenWhenSyncedOptions): () => void {
  let done = false;
  const finish = (then?: () => void) => {
    if (done) return;
    done = true;
    off();
    clearTimeout(timer);
    then?.();
  };
  const check = () =>
    void api.invoke('tickets:summaries', { ticketIds: [ticketId] }).then((r) => {
      if (r.ok && r.value.some((t) => t.id === ticketId)) finish(() => open(ticketId));
    });
  const off = api.on('tickets:changed', ({ ticketIds }) => {
    if (ticketIds.includes(ticketId)) check();
  });
  const timer = setTimeout(() => finish(onLate), timeoutMs);
  check();
  return () => finish();
}
