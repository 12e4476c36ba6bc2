/** Is a region's live chat open now, in the region's own time zone? */
import type { BusinessHours } from '../storage/tables/regions';

type Day = 'sun' | 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat';

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
function localParts(at: Date, timeZone: string): { day: Day; minutes: number } {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    partsFormatters.set(timeZone, f);
  }
  const parts = f.formatToParts(at);
  const weekday = parts.find((p) => p.type === 'weekday')?.value.toLowerCase().slice(0, 3) as Day;
  const hour = Number(parts.find((p) => p.type === 'hour')?.value);
  const minute = Number(parts.find((p) => p.type === 'minute')?.value);
  return { day: weekday, minutes: hour * 60 + minute };
}

const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function isOpenAt(hours: BusinessHours, timeZone: string, at: Date): boolean {
  const { day, minutes } = localParts(at, timeZone);
  return hours[day].some(([from, to]) => minutes >= toMinutes(from) && minutes < toMinutes(to));
}

/** The next moment (to the minute, within a week) the region opens; null if never. */
export function nextOpening(hours: BusinessHours, timeZone: string, from: Date): Date | null {
  const start = Math.ceil(from.getTime() / 60_000) * 60_000;
  // Walk in 15-minute steps (business hours are on quarter hours), then refine to the minute.
  for (let t = start; t <= start + 8 * 86_400_000; t += 15 * 60_000) {
    if (isOpenAt(hours, timeZone, new Date(t))) {
      let u = t;
      while (u - 60_000 >= start && isOpenAt(hours, timeZone, new Date(u - 60_000))) u -= 60_000;
      return new Date(u);
    }
  }
  return null;
}

export function describeHours(hours: BusinessHours): string {
  const label = (d: Day) => d[0]!.toUpperCase() + d.slice(1);
  const order: Day[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  const text = (d: Day) => (hours[d].length === 0 ? 'closed' : hours[d].map(([a, b]) => (a === '00:00' && b === '24:00' ? 'all day' : `${a}–${b}`)).join(', '));
  const groups: { from: Day; to: Day; text: string }[] = [];
  for (const d of order) {
    const last = groups[groups.length - 1];
    if (last && last.text === text(d)) last.to = d;
    else groups.push({ from: d, to: d, text: text(d) });
  }
  return groups.map((g) => `${label(g.from)}${g.from === g.to ? '' : `–${label(g.to)}`} ${g.text}`).join(' · ');
}
