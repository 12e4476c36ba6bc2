import { DEFAULT_SETTINGS, Settings } from '../../../shared/api/contract';
import type { CacheDb } from '../db';
import { parseJson } from './json';

/** The agent's preferences, one JSON row; unknown or invalid stored values fall back to defaults. */
export function createSettingsTable(db: CacheDb) {
  const read = db.prepare<[], { settings_json: string }>('SELECT settings_json FROM settings WHERE id = 1');
  const write = db.prepare<[string]>(
    'INSERT INTO settings (id, settings_json) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET settings_json = excluded.settings_json',
  );
  const get = (): Settings => {
    const stored = parseJson<Record<string, unknown>>(read.get()?.settings_json, {});
    const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const [key, value] of Object.entries(stored)) {
      if (!(key in DEFAULT_SETTINGS)) continue;
      const candidate = { ...merged, [key]: value };
      if (Settings.safeParse(candidate).success) merged[key] = value;
    }
    return Settings.parse(merged);
  };
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
