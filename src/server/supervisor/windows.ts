/**
 * The figures' windows (docs/figures.md, "Windows"): "today" is the region's own calendar day,
 * from local midnight in its zone; "7d" and "30d" are that day and the 6 or 29 local days before
 * it. Each region has its own start; a total over regions counts each case in its own region's
 * window, so the total is the sum of its queues.
 */
import type { FigureRange } from '../../shared/protocol/supervisor';
import { addDays, localDate, zonedTime } from '../calendar/zoned';

const DAYS: Record<FigureRange, number> = { today: 1, '7d': 7, '30d': 30 };

/** When `range` starts in `timeZone`, as an instant (ms), seen at `nowMs`. */
export function windowStart(range: FigureRange, timeZone: string, nowMs: number): number {
  const first = addDays(localDate(nowMs, timeZone), -(DAYS[range] - 1));
  return zonedTime(first, 0, 0, timeZone);
}
