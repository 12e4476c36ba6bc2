/**
 * Whether a region's live chat is open now, and what the chat page tells the customer about it:
 * the weekly hours, today's holiday or exception, when chat opens again or closes, each time with
 * its zone's name ("Opens Mon 08:00 AEDT").
 */
import type { Region } from '../storage/tables/regions';
import { describeHours, describeToday, formatClosing, formatOpening, zoneName } from './describe';
import { regionCalendar } from './region-calendar';
import { localMoment } from './zoned';

export interface RegionAvailability {
  open: boolean;
  /** When closed: the next opening (ISO), null if none within the calendar's horizon. */
  nextOpenAt: string | null;
  /** When open: the end of the open stretch (ISO), null when open round the clock. */
  closesAt: string | null;
}

export interface RegionHoursText {
  /** "Mon–Fri 08:00–18:00 · Sat–Sun closed (AEDT)". */
  hoursText: string;
  /** "Mon 08:00 AEDT" when closed and an opening is known. */
  nextOpenText: string | null;
  /** "6:00 pm AEDT" when open and it closes later today, "Sat 2:00 am AEDT" on a later day; null round the clock. */
  closesText: string | null;
  /** "Today (Christmas Day): closed" on a public holiday or a manual exception. */
  todayText: string | null;
}

const CLOSED: RegionAvailability = { open: false, nextOpenAt: null, closesAt: null };

export function regionAvailability(region: Region | null, now: Date): RegionAvailability {
  if (!region || !region.chatEnabled) return CLOSED;
  const calendar = regionCalendar(region);
  if (calendar.isOpenAt(now)) return { open: true, nextOpenAt: null, closesAt: calendar.closesAt(now)?.toISOString() ?? null };
  return { open: false, nextOpenAt: calendar.nextOpening(now)?.toISOString() ?? null, closesAt: null };
}

export function regionHoursText(region: Region, availability: RegionAvailability, now: Date): RegionHoursText {
  const { timeZone, locale } = region;
  return {
    hoursText: `${describeHours(region.hours)} (${zoneName(timeZone, now, locale)})`,
    nextOpenText: availability.nextOpenAt ? formatOpening(new Date(availability.nextOpenAt), timeZone, locale) : null,
    closesText: availability.closesAt ? formatClosing(new Date(availability.closesAt), timeZone, locale, now) : null,
    todayText: describeToday(regionCalendar(region), localMoment(now.getTime(), timeZone).date),
  };
}
