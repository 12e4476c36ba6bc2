/**
 * Deadlines counted in a region's business days (docs/calendars.md, "Deadlines"):
 * - an email's reply is due two business days after the customer wrote, at the same wall-clock
 *   time (DOMAIN.md: "answered within 1-2 business days");
 * - a formal complaint must be answered by the end (local midnight) of the N-th business day after
 *   the day it was opened, N being the region's `complaintBusinessDays` (default 10).
 */
import type { BusinessCalendar } from './calendar';

export const EMAIL_REPLY_BUSINESS_DAYS = 2;

export function emailReplyDue(calendar: BusinessCalendar, wroteAt: Date): Date {
  return calendar.addBusinessDays(wroteAt, EMAIL_REPLY_BUSINESS_DAYS);
}

export function complaintDeadline(calendar: BusinessCalendar, openedAt: Date, businessDays: number): Date {
  return calendar.endOfBusinessDay(openedAt, businessDays);
}
