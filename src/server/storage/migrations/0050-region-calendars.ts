import type { Database } from 'better-sqlite3';

/**
 * Business calendars per region (issue 8, docs/calendars.md): the country whose public holidays
 * close the region (`holiday_country`, "SE" or "AU-NSW"; NULL: none), the intervals kept on those
 * holidays (`holiday_hours_json`, `[]`: closed), manual exceptions for single dates
 * (`exceptions_json`) and the business days a formal complaint has (`complaint_business_days`).
 * Existing regions keep exactly their behaviour: no holidays, no exceptions; `hours_json` is read
 * as before (an interval whose end is not after its start now runs past midnight).
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE regions ADD COLUMN holiday_country TEXT;
    ALTER TABLE regions ADD COLUMN holiday_hours_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(holiday_hours_json));
    ALTER TABLE regions ADD COLUMN exceptions_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(exceptions_json));
    ALTER TABLE regions ADD COLUMN complaint_business_days INTEGER NOT NULL DEFAULT 10 CHECK (complaint_business_days BETWEEN 1 AND 60);
  `);
}
