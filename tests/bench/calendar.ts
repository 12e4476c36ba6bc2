/**
 * The business calendar's cost per question (docs/calendars.md): `npx tsx tests/bench/calendar.ts`.
 * Sydney's calendar (late Friday shift, NSW holidays, an exception) and a round-the-clock
 * Stockholm line, over 1,000 successive hours; the baseline is one Intl formatToParts call, what
 * every wall-clock conversion would cost without the offset cache.
 */
import { createCalendar } from '../../src/server/calendar/calendar';
import type { WeeklyHours } from '../../src/server/calendar/model';
const always: WeeklyHours = { mon: [['00:00', '24:00']], tue: [['00:00', '24:00']], wed: [['00:00', '24:00']], thu: [['00:00', '24:00']], fri: [['00:00', '24:00']], sat: [['00:00', '24:00']], sun: [['00:00', '24:00']] };
const au: WeeklyHours = { mon: [['08:00', '18:00']], tue: [['08:00', '18:00']], wed: [['08:00', '18:00']], thu: [['08:00', '18:00']], fri: [['08:00', '18:00'], ['20:00', '02:00']], sat: [['10:00', '16:00']], sun: [] };
const cals = {
  au: createCalendar({ timeZone: 'Australia/Sydney', hours: au, holidayCountry: 'AU-NSW', holidayHours: [], exceptions: [{ date: '2026-12-24', intervals: [['08:00', '12:00']] }] }),
  se24: createCalendar({ timeZone: 'Europe/Stockholm', hours: always, holidayCountry: 'SE', holidayHours: [['00:00', '24:00']], exceptions: [] }),
};
const t0 = new Date('2026-11-29T10:00:00Z');
let baselineUs = 1;
function time(label: string, n: number, fn: (i: number) => unknown): number {
  for (let i = 0; i < Math.min(n, 50); i++) fn(i);
  const s = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  const us = ((performance.now() - s) * 1000) / n;
  if (label.startsWith('baseline')) return (baselineUs = us);
  console.log(`${label.padEnd(40)} ${us.toFixed(1).padStart(8)} µs/op  ${(us / baselineUs).toFixed(0).padStart(5)}x one Intl call`);
  return us;
}
const at = (i: number) => new Date(t0.getTime() + (i % 1000) * 3_600_000);
const f = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Stockholm', hour: '2-digit' });
console.log(`baseline: one Intl formatToParts ${time('baseline', 20000, (i) => f.formatToParts(at(i))).toFixed(1)} µs`);
for (const [name, c] of Object.entries(cals)) {
  time(`${name} isOpenAt`, 5000, (i) => c.isOpenAt(at(i)));
  time(`${name} nextOpening`, 5000, (i) => c.nextOpening(at(i)));
  time(`${name} closesAt`, 2000, (i) => c.closesAt(at(i)));
  time(`${name} addBusinessDays(2)`, 5000, (i) => c.addBusinessDays(at(i), 2));
  time(`${name} endOfBusinessDay(10)`, 5000, (i) => c.endOfBusinessDay(at(i), 10));
  time(`${name} businessMs over 30 days`, 500, (i) => c.businessMs(at(i), new Date(at(i).getTime() + 30 * 86_400_000)));
}
