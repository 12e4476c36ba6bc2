/**
 * The agent's settings as main stores them (settings:get / settings:set), applied at once:
 * changes show before main answers and go back if main refuses them. Shortcut changes are
 * checked here first (unsafe keys, conflicts) so the agent reads why in one sentence.
 */
import { createStore } from 'zustand/vanilla';
import { DEFAULT_SETTINGS, type ApiError, type DeskApi, type Settings } from '../../../shared/api/contract';
import { remap, resetConflict, resetShortcut, resolveKeymap, COMMANDS, type CommandId, type Keymap } from '../../app/keymap';

export type SettingsResult = { ok: true } | { ok: false; message: string };

export interface SettingsStoreState {
  settings: Settings;
  /** The keymap the settings make (derived; a new object only when the shortcuts change). */
  keymap: Keymap;
  status: 'idle' | 'loading' | 'ready' | 'error';
  loadError: ApiError | null;
  saveError: ApiError | null;
  load(): Promise<void>;
  update(patch: Partial<Settings>): Promise<SettingsResult>;
  /** New keys for a command (`null` switches it off). */
  setShortcut(id: CommandId, bindings: readonly string[] | null): Promise<SettingsResult>;
  resetShortcut(id: CommandId): Promise<SettingsResult>;
  resetAllShortcuts(): Promise<SettingsResult>;
}

export function createSettingsStore({ api }: { api: DeskApi }) {
  let pending = 0; // updates in flight: a load answer must not undo what the agent just changed

  return createStore<SettingsStoreState>()((set, get) => {
    const apply = (settings: Settings) => {
      const keymap = settings.shortcuts === get().settings.shortcuts ? get().keymap : resolveKeymap(settings.shortcuts);
      set({ settings, keymap });
    };

    return {
      settings: DEFAULT_SETTINGS,
      keymap: resolveKeymap(DEFAULT_SETTINGS.shortcuts),
      status: 'idle',
      loadError: null,
      saveError: null,

      async load() {
        set({ status: 'loading' });
        const r = await api.invoke('settings:get', null);
        if (pending > 0) return set({ status: 'ready' });
        if (r.ok) {
          apply(r.value);
          set({ status: 'ready', loadError: null });
        } else set({ status: 'error', loadError: r.error });
      },

      async update(patch) {
        const before = get().settings;
        apply({ ...before, ...patch });
        pending++;
        const r = await api.invoke('settings:set', patch);
        pending--;
        if (r.ok) {
          if (pending === 0) apply(r.value);
          set({ saveError: null });
          return { ok: true };
        }
        // Main refused: show what it holds.
        const back = await api.invoke('settings:get', null);
        apply(back.ok ? back.value : before);
        set({ saveError: r.error });
        return { ok: false, message: `Not saved: ${r.error.message}` };
      },

      async setShortcut(id, bindings) {
        const r = remap(get().settings.shortcuts, id, bindings);
        if (!r.ok) return r;
        return get().update({ shortcuts: r.overrides });
      },

      async resetShortcut(id) {
        const other = resetConflict(get().settings.shortcuts, id);
        if (other) return { ok: false, message: `Its default key is now “${COMMANDS[other].label}”. Change that shortcut first.` };
        return get().update({ shortcuts: resetShortcut(get().settings.shortcuts, id) });
      },

      async resetAllShortcuts() {
        return get().update({ shortcuts: {} });
      },
    };
  });
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;
