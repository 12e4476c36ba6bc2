/** Per-installation settings in a small JSON file, validated on read and write. */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Settings, settingsFromStored } from '../../shared/api/contract';

export function createSettingsStore(file: string) {
  let current: Settings;
  try {
    current = settingsFromStored(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    current = settingsFromStored(null); // missing or unreadable: defaults, rewritten on the next change
  }
  return {
    get: (): Settings => current,
    /** Merges and validates the patch (a ZodError for invalid values, nothing written); returns the new settings. */
    set(patch: Partial<Settings>): Settings {
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      const next = Settings.parse({ ...current, ...defined });
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(`${file}.tmp`, JSON.stringify(next, null, 2));
      renameSync(`${file}.tmp`, file);
      current = next;
      return current;
    },
  };
}
export type SettingsStore = ReturnType<typeof createSettingsStore>;
