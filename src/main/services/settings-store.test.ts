import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/api/contract';
import { tempDir } from '../cache/test-support';
import { createSettingsStore } from './settings-store';

let dir: ReturnType<typeof tempDir>;
afterEach(() => dir?.cleanup());
const fileIn = () => {
  dir = tempDir('agent-desk-settings-');
  return path.join(dir.dir, 'desk', 'settings.json');
};

describe('settings store (JSON file)', () => {
  it('starts from the defaults, saves a patch and reads it back after a restart', () => {
    const file = fileIn();
    const store = createSettingsStore(file);
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    const next = store.set({ theme: 'dark', density: 'compact', sound: false, cannedReplyLanguage: 'sv', shortcuts: { resolve: ['Mod+Shift+d'], reply: null } });
    expect(next).toMatchObject({ theme: 'dark', density: 'compact', sound: false, cannedReplyLanguage: 'sv' });
    expect(createSettingsStore(file).get()).toEqual(next);
    expect(JSON.parse(readFileSync(file, 'utf8')).shortcuts).toEqual({ resolve: ['Mod+Shift+d'], reply: null });
  });

  it('refuses invalid values, an AltGr shortcut among them, and keeps the file as it was', () => {
    const file = fileIn();
    const store = createSettingsStore(file);
    store.set({ theme: 'light' });
    for (const patch of [
      { theme: 'sepia' },
      { cannedReplyLanguage: 'fr' },
      { shortcuts: { resolve: ['Mod+Alt+e'] } }, // Ctrl+Alt = AltGr: ę
      { shortcuts: { nextChat: ['Alt+KeyS'] } }, // ś
      { shortcuts: { resolve: ['Ctrl+Shift+E'] } }, // not the grammar
      { shortcuts: { __proto__x: ['Mod+k'] } },
    ])
      expect(() => store.set(patch as never), JSON.stringify(patch)).toThrow();
    expect(createSettingsStore(file).get()).toEqual({ ...DEFAULT_SETTINGS, theme: 'light' });
  });

  it('keeps every valid field of an older or damaged file and defaults the rest', () => {
    const file = fileIn();
    createSettingsStore(file).set({});
    writeFileSync(file, JSON.stringify({ theme: 'dark', density: 'huge', notifications: false, shortcuts: { resolve: ['Mod+Alt+e'] }, unknown: 1 }));
    expect(createSettingsStore(file).get()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', notifications: false });
    writeFileSync(file, '{ not json');
    expect(createSettingsStore(file).get()).toEqual(DEFAULT_SETTINGS);
  });
});
