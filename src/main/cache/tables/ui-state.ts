import { EMPTY_TABS, TabsState } from '../../../shared/api/contract';
import type { CacheDb } from '../db';
import { parseJson } from './json';

/** The console's own state per agent (this cache file is the agent's): its open chat tabs. */
export function createUiStateTable(db: CacheDb) {
  const read = db.prepare<[string], string>('SELECT value_json FROM ui_state WHERE key = ?').pluck();
  const write = db.prepare<[string, string]>(
    'INSERT INTO ui_state (key, value_json) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json',
  );
  return {
    /** The stored tabs; anything unreadable is no tabs rather than an error. */
    tabs(): TabsState {
      const parsed = TabsState.safeParse(parseJson<unknown>(read.get('tabs'), null));
      return parsed.success ? parsed.data : EMPTY_TABS;
    },
    saveTabs(state: TabsState): void {
      write.run('tabs', JSON.stringify(TabsState.parse(state)));
    },
  };
}
export type UiStateTable = ReturnType<typeof createUiStateTable>;
