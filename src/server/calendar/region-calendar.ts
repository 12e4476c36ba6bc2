/** The calendar of a stored region: its weekly hours and calendar settings in its zone. */
import type { Region } from '../storage/tables/regions';
import { createCalendar, type BusinessCalendar } from './calendar';

export function regionCalendar(region: Pick<Region, 'timeZone' | 'hours' | 'holidayCountry' | 'holidayHours' | 'exceptions'>): BusinessCalendar {
  return createCalendar({
    timeZone: region.timeZone,
    hours: region.hours,
    holidayCountry: region.holidayCountry,
    holidayHours: region.holidayHours,
    exceptions: region.exceptions,
  });
}
