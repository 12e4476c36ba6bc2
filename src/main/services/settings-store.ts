/** Per-installation settings in a small JSON file, validated on read and write. */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SETTINGS, Settings } from '../../shared/api/contract';

export function createSettingsStore(file: string) {
  let current: Settings = DEFAULT_SETTINGS;
  try {
    current = Settings.parse({ ...DEFAULT_SETTINGS, ...(JSON.parse(readFileSync(file, 'utf8')) as object) });
  } catch {
    current = DEFAULT_SETTINGS; // missing or damaged: defaults, rewritten on the next change
  }
  return {
    get: (): Settings => current,
    set(patch: Partial<Settings>): Settings {
      current = Settings.parse({ ...current, ...patch });
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(`${file}.tmp`, JSON.stringify(current, null, 2));
      renameSync(`${file}.tmp`, file);
      return current;
    },
  };
}
export type SettingsStore = ReturnType<typeof createSettingsStore>;
