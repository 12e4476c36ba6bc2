/** Reconnect and retry delays: exponential from 1 s up to 60 s with full jitter (SYNC.md §5). */
export const BACKOFF_MIN_MS = 1_000;
export const BACKOFF_MAX_MS = 60_000;

export function backoffDelay(attempt: number, random: () => number = Math.random, min = BACKOFF_MIN_MS, max = BACKOFF_MAX_MS): number {
  const ceiling = Math.min(max, min * 2 ** Math.max(0, attempt));
  // Full jitter, but never below the minimum so a flapping server is not hammered.
  return Math.round(min + random() * (ceiling - min));
}
