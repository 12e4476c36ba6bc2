import type { Database } from 'better-sqlite3';

/**
 * Macros as named steps with inputs (issue: macros). `steps_json` holds the ordered steps and
 * `inputs_json` what the macro asks before it runs (src/shared/domain.ts MacroStep / MacroInput);
 * `position` orders a category's macros (the Ctrl/Cmd+Shift+1…9 slots). The first model's
 * columns stay, filled from the steps, for desktops that predate steps. A row without steps
 * (NULL) is read from those columns, as before.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE macros ADD COLUMN steps_json TEXT CHECK (steps_json IS NULL OR json_valid(steps_json));
    ALTER TABLE macros ADD COLUMN inputs_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(inputs_json));
    ALTER TABLE macros ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
  `);
}
