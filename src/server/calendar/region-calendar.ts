/**
 * The calendar of a stored region: its weekly hours and calendar settings in its zone. Calendars
 * are kept per distinct definition (a few per desk), so what one computed for a date serves the
 * next request too; a region whose calendar changes gets a new one.
 */
import type { Region } from '../storage/tables/regions';
import { createCalendar, type BusinessCalendar } from './calendar';

type CalendarFields = Pick<Region, 'timeZone' | 'hours' | 'holidayCountry' | 'holidayHours' | 'exceptions'>;

const calendars = new Map<string, BusinessCalendar>();
const MAX_CALENDARS = 64;

export function regionCalendar(region: CalendarFields): BusinessCalendar {
  const spec = { timeZone: region.timeZone, hours: region.hours, holidayCountry: region.holidayCountry, holidayHours: region.holidayHours, exceptions: region.exceptions };
  const key = JSON.stringify(spec);
  let calendar = calendars.get(key);
  if (!calendar) {
    if (calendars.size >= MAX_CALENDARS) calendars.clear();
    calendars.set(key, (calendar = createCalendar(structuredClone(spec))));
  }
  return calendar;
}
