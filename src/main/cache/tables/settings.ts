import { Settings, settingsFromStored } from '../../../shared/api/contract';
import type { CacheDb } from '../db';
import { parseJson } from './json';

/** The agent's preferences, one JSON row; unknown or invalid stored values fall back to defaults. */
export function createSettingsTable(db: CacheDb) {
  const read = db.prepare<[], { settings_json: string }>('SELECT settings_json FROM settings WHERE id = 1');
  const write = db.prepare<[string]>(
    'INSERT INTO settings (id, settings_json) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET settings_json = excluded.settings_json',
  );
  const get = (): Settings => settingsFromStored(parseJson<unknown>(read.get()?.settings_json, {}));
  return {
    get,
    /** Merges and validates the patch (a ZodError for invalid values); returns the new settings. */
    set(patch: Partial<Settings>): Settings {
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      const next = Settings.parse({ ...get(), ...defined });
      write.run(JSON.stringify(next));
      return next;
    },
  };
}
export type SettingsTable = ReturnType<typeof createSettingsTable>;
