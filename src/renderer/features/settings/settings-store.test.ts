import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/api/contract';
import { bindingsOf } from '../../app/keymap';
import { createFakeApi, deferred, fail, ok } from '../../testing/fake-api';
import { effectiveTheme } from './appearance';
import { createSettingsStore } from './settings-store';

function fakeMain(initial: Partial<Settings> = {}) {
  let stored: Settings = { ...DEFAULT_SETTINGS, ...initial };
  const api = createFakeApi({
    'settings:get': () => ok(stored),
    'settings:set': (patch) => {
      stored = { ...stored, ...(patch as Partial<Settings>) };
      return ok(stored);
    },
  });
  return { api, stored: () => stored };
}

describe('settings store', () => {
  it('loads what main stores, with the keymap it makes', async () => {
    const { api } = fakeMain({ theme: 'dark', shortcuts: { resolve: ['Mod+Shift+d'] } });
    const store = createSettingsStore({ api });
    expect(store.getState().status).toBe('idle');
    await store.getState().load();
    expect(store.getState()).toMatchObject({ status: 'ready', settings: { theme: 'dark' } });
    expect(bindingsOf(store.getState().keymap, 'resolve')).toEqual(['Mod+Shift+d']);
  });

  it('applies a change at once, before main answers', async () => {
    const { api } = fakeMain();
    const answer = deferred<ReturnType<typeof ok<Settings>>>();
    api.handle('settings:set', () => answer.promise);
    const store = createSettingsStore({ api });
    const done = store.getState().update({ theme: 'dark', density: 'compact' });
    expect(store.getState().settings).toMatchObject({ theme: 'dark', density: 'compact' });
    answer.resolve(ok({ ...DEFAULT_SETTINGS, theme: 'dark', density: 'compact' }));
    await expect(done).resolves.toEqual({ ok: true });
  });

  it('goes back to what main holds when it refuses, and says why', async () => {
    const { api } = fakeMain({ theme: 'light' });
    api.handle('settings:set', () => fail('invalid_input', 'Invalid input for settings:set: theme invalid.'));
    const store = createSettingsStore({ api });
    await store.getState().load();
    const r = await store.getState().update({ theme: 'dark' });
    expect(r).toEqual({ ok: false, message: 'Not saved: Invalid input for settings:set: theme invalid.' });
    expect(store.getState().settings.theme).toBe('light');
    expect(store.getState().saveError?.code).toBe('invalid_input');
  });

  it('remaps, refuses a conflict without asking main, switches off and resets', async () => {
    const { api, stored } = fakeMain();
    const store = createSettingsStore({ api });
    await store.getState().load();
    expect(await store.getState().setShortcut('resolve', ['Mod+Shift+d'])).toEqual({ ok: true });
    expect(stored().shortcuts).toEqual({ resolve: ['Mod+Shift+d'] });
    const calls = api.callsTo('settings:set').length;
    expect(await store.getState().setShortcut('accept', ['Mod+Shift+d'])).toEqual({ ok: false, message: 'Ctrl+Shift+D is already “Resolve”. Change or switch off that shortcut first.' });
    expect(await store.getState().setShortcut('accept', ['Mod+Alt+a'])).toMatchObject({ ok: false, message: expect.stringContaining('AltGr') });
    expect(api.callsTo('settings:set')).toHaveLength(calls);
    expect(await store.getState().setShortcut('reply', null)).toEqual({ ok: true });
    expect(bindingsOf(store.getState().keymap, 'reply')).toEqual([]);
    expect(await store.getState().resetShortcut('resolve')).toEqual({ ok: true });
    expect(stored().shortcuts).toEqual({ reply: null });
    expect(await store.getState().resetAllShortcuts()).toEqual({ ok: true });
    expect(stored().shortcuts).toEqual({});
  });

  it('keeps the defaults and reports a load failure', async () => {
    const store = createSettingsStore({ api: createFakeApi({ 'settings:get': () => fail('internal', 'Disk trouble.') }) });
    await store.getState().load();
    expect(store.getState()).toMatchObject({ status: 'error', loadError: { message: 'Disk trouble.' }, settings: DEFAULT_SETTINGS });
  });

  it('resolves the system theme from the OS preference', () => {
    expect(effectiveTheme('system', true)).toBe('dark');
    expect(effectiveTheme('system', false)).toBe('light');
    expect(effectiveTheme('light', true)).toBe('light');
  });
});
