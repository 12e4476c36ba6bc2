import { describe, expect, it } from 'vitest';
import { KEYMAP, matchShortcut, shortcutLabel, type KeyLike } from './keymap';

const key = (over: Partial<KeyLike>): KeyLike => ({ key: '', code: '', ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...over });

describe('keymap', () => {
  it('matches Alt+J/K on the physical key, whatever character the layout types', () => {
    expect(matchShortcut(key({ key: '∆', code: 'KeyJ', altKey: true }), true)).toBe('nextChat');
    expect(matchShortcut(key({ key: 'k', code: 'KeyK', altKey: true }), false)).toBe('prevChat');
  });

  it('never takes an AltGr character (Polish ą, German @)', () => {
    const altGr = (k: string, code: string) => key({ key: k, code, ctrlKey: true, altKey: true, getModifierState: (m) => m === 'AltGraph' });
    expect(matchShortcut(altGr('ą', 'KeyA'), true)).toBeNull();
    expect(matchShortcut(altGr('@', 'KeyQ'), false)).toBeNull();
  });

  it('matches Ctrl+Shift chords on the letter, in text fields too', () => {
    expect(matchShortcut(key({ key: 'N', code: 'KeyN', ctrlKey: true, shiftKey: true }), true)).toBe('toggleNote');
    expect(matchShortcut(key({ key: 'A', code: 'KeyA', ctrlKey: true, shiftKey: true }), true)).toBe('accept');
    expect(matchShortcut(key({ key: 'a', code: 'KeyA', ctrlKey: true }), true)).toBeNull();
  });

  it('keeps single-key shortcuts out of text fields', () => {
    expect(matchShortcut(key({ key: 'r', code: 'KeyR' }), false)).toBe('reply');
    expect(matchShortcut(key({ key: 'r', code: 'KeyR' }), true)).toBeNull();
    expect(matchShortcut(key({ key: 'n', code: 'KeyN' }), false)).toBe('note');
    expect(matchShortcut(key({ key: 'F6', code: 'F6', shiftKey: true }), true)).toBe('prevPane');
  });

  it('binds no chord that types a character on PL/DE/Nordic layouts', () => {
    const forbiddenAlt = new Set('ACELNOSXZQM0123456789'.split('').map((c) => (/\d/.test(c) ? `Digit${c}` : `Key${c}`)));
    for (const b of KEYMAP) {
      expect(b.mod && b.alt, b.id).toBeFalsy();
      if (b.alt) expect(forbiddenAlt.has(b.code ?? ''), b.id).toBe(false);
    }
    expect(shortcutLabel('toggleNote')).toBe('Ctrl+Shift+N');
    expect(shortcutLabel('nextChat')).toBe('Alt+J');
  });
});

// ---- the registry: AltGr on real layouts, remaps, conflicts, recording -------------------------

import {
  COMMAND_IDS,
  COMMANDS,
  DEFAULT_KEYMAP,
  bindingFromEvent,
  bindingLabel,
  bindingProblem,
  bindingsOf,
  findConflict,
  isChanged,
  isRemappable,
  matchViewerCommand,
  remap,
  resetConflict,
  resetShortcut,
  resolveKeymap,
} from './keymap';

/** A key as Chromium reports AltGr: Windows adds Ctrl+Alt, Linux/macOS only the AltGraph state. */
const altGrKey = (k: string, code: string, windows: boolean, shift = false): KeyLike =>
  key({ key: k, code, ctrlKey: windows, altKey: windows, shiftKey: shift, getModifierState: (m) => m === 'AltGraph' });

describe('keymap registry: characters typed with AltGr are never taken', () => {
  // Every command bound to the physical keys AltGr uses, so only the guard can keep them out.
  const greedy = resolveKeymap({
    reply: ['Mod+Shift+q'],
    note: ['Mod+Shift+x'],
    toggleTheme: ['Mod+Shift+l'],
    toggleDensity: ['F7'],
    toggleSound: ['Mod+Digit2'],
  });
  const layouts: [string, string, string, boolean?][] = [
    // Polish (programmer): AltGr + a c e l n o s x z
    ['ą', 'KeyA', 'pl'], ['ć', 'KeyC', 'pl'], ['ę', 'KeyE', 'pl'], ['ł', 'KeyL', 'pl'], ['ń', 'KeyN', 'pl'],
    ['ó', 'KeyO', 'pl'], ['ś', 'KeyS', 'pl'], ['ź', 'KeyX', 'pl'], ['ż', 'KeyZ', 'pl'], ['Ą', 'KeyA', 'pl', true],
    // German: AltGr + q e m 7 8 9 0 ß <
    ['@', 'KeyQ', 'de'], ['€', 'KeyE', 'de'], ['µ', 'KeyM', 'de'], ['{', 'Digit7', 'de'], ['[', 'Digit8', 'de'], [']', 'Digit9', 'de'], ['}', 'Digit0', 'de'], ['\\', 'Minus', 'de'], ['|', 'IntlBackslash', 'de'],
    // Swedish / Norwegian / Danish / Finnish: AltGr + 2 3 4 7 0 and the key right of 0
    ['@', 'Digit2', 'sv'], ['£', 'Digit3', 'sv'], ['$', 'Digit4', 'sv'], ['{', 'Digit7', 'sv'], ['}', 'Digit0', 'sv'], ['\\', 'Minus', 'sv'], ['€', 'KeyE', 'sv'],
  ];
  for (const [ch, code, layout, shift] of layouts) {
    it(`${layout}: AltGr+${code.replace(/^(Key|Digit)/, '')} types ${ch}`, () => {
      for (const windows of [true, false])
        for (const inText of [true, false]) expect(matchShortcut(altGrKey(ch, code, windows, shift), inText, greedy)).toBeNull();
    });
  }

  it('takes no Option/Alt character on macOS or Linux either (Alt without AltGraph state)', () => {
    const km = resolveKeymap();
    for (const [ch, code] of [['@', 'KeyL'], ['ś', 'KeyS'], ['€', 'KeyE'], ['ą', 'KeyA'], ['{', 'Digit8']] as const)
      expect(matchShortcut(key({ key: ch, code, altKey: true }), true, km)).toBeNull();
  });

  it('lets typed letters through in text fields: plain keys only outside them', () => {
    expect(matchShortcut(key({ key: 'ą', code: 'KeyA' }), true)).toBeNull();
    expect(matchShortcut(key({ key: '?', code: 'Minus', shiftKey: true }), true)).toBeNull();
    expect(matchShortcut(key({ key: '?', code: 'Minus', shiftKey: true }), false)).toBe('openHelp'); // German: Shift+ß
    expect(matchShortcut(key({ key: '?', code: 'Slash', shiftKey: true }), false)).toBe('openHelp'); // US
    expect(matchShortcut(key({ key: 'k', code: 'KeyK', ctrlKey: true }), true)).toBe('openPalette'); // also in the composer
    expect(matchShortcut(key({ key: 'K', code: 'KeyK', ctrlKey: true, shiftKey: true }), true)).toBeNull();
  });

  it('has no conflicts and no unsafe keys in its own defaults', () => {
    for (const id of COMMAND_IDS) {
      for (const b of COMMANDS[id].defaults) {
        expect(findConflict(DEFAULT_KEYMAP, id, b), `${id} ${b}`).toBeNull();
        if (isRemappable(id)) expect(bindingProblem(id, b, false), `${id} ${b}`).toBeNull();
      }
    }
  });

  it('gives the chat tabs their keys: Ctrl+1…9 (built in), Alt+J/K, the oldest unanswered chat, close and reopen', () => {
    expect(bindingsOf(DEFAULT_KEYMAP, 'goToTab1')).toEqual(['Mod+Digit1']);
    expect(bindingsOf(DEFAULT_KEYMAP, 'goToTab9')).toEqual(['Mod+Digit9']);
    expect(bindingsOf(DEFAULT_KEYMAP, 'nextChat')).toEqual(['Alt+KeyJ']);
    expect(matchShortcut(key({ key: '1', code: 'Digit1', ctrlKey: true }), false)).toBe('goToTab1');
    expect(matchShortcut(key({ key: '3', code: 'Digit3', ctrlKey: true }), true)).toBe('goToTab3'); // from the composer too
    expect(matchShortcut(key({ key: 'Y', code: 'KeyY', ctrlKey: true, shiftKey: true }), true)).toBe('oldestUnanswered');
    expect(matchShortcut(key({ key: 'w', code: 'KeyW', ctrlKey: true }), true)).toBe('closeTab');
    expect(matchShortcut(key({ key: 'T', code: 'KeyT', ctrlKey: true, shiftKey: true }), false)).toBe('reopenTab');
    expect(matchShortcut(key({ key: 'X', code: 'KeyX', ctrlKey: true, shiftKey: true }), false)).toBe('decline');
    // Positions are built in; no remap takes them.
    expect(isRemappable('goToTab1')).toBe(false);
    const r = remap({}, 'toggleTheme', ['Mod+Digit3'], false);
    expect(r).toEqual({ ok: false, message: 'Ctrl+3 is already “Go to tab 3”. Change or switch off that shortcut first.' });
    // Ctrl+W is a system chord, but closing a tab may keep it as its own default.
    expect(bindingProblem('closeTab', 'Mod+w', false)).toBeNull();
    expect(bindingProblem('toggleTheme', 'Mod+w', false)).toMatch(/belongs to the system/);
  });
});

describe('keymap registry: remap, conflicts, switching off', () => {
  it('remaps a command, and the new key works where the old one did', () => {
    const r = remap({}, 'resolve', ['Mod+Shift+d'], false);
    expect(r).toEqual({ ok: true, overrides: { resolve: ['Mod+Shift+d'] } });
    const km = resolveKeymap(r.ok ? r.overrides : {});
    expect(matchShortcut(key({ key: 'D', code: 'KeyD', ctrlKey: true, shiftKey: true }), true, km)).toBe('resolve');
    expect(matchShortcut(key({ key: 'E', code: 'KeyE', ctrlKey: true, shiftKey: true }), true, km)).toBeNull();
    expect(isChanged(km, 'resolve')).toBe(true);
    expect(isChanged(km, 'accept')).toBe(false);
  });

  it('refuses a key another command uses, naming it', () => {
    expect(remap({}, 'resolve', ['Mod+Shift+a'], false)).toEqual({ ok: false, message: 'Ctrl+Shift+A is already “Accept offered chat”. Change or switch off that shortcut first.' });
    expect(remap({}, 'reply', ['j'], false)).toMatchObject({ ok: false, message: expect.stringContaining('Move down the chat list') });
    // Once that command is off, the key is free.
    const off = remap({}, 'accept', null, false);
    expect(off).toEqual({ ok: true, overrides: { accept: null } });
    expect(remap(off.ok ? off.overrides : {}, 'resolve', ['Mod+Shift+a'], false)).toMatchObject({ ok: true });
    // Dialog keys live in dialogs: Escape there does not clash with "Leave field".
    expect(findConflict(DEFAULT_KEYMAP, 'leaveField', 'Escape')).toBeNull();
  });

  it('switches a command off, and its key then does nothing', () => {
    const r = remap({}, 'reply', null, false);
    const km = resolveKeymap(r.ok ? r.overrides : {});
    expect(bindingsOf(km, 'reply')).toEqual([]);
    expect(matchShortcut(key({ key: 'r', code: 'KeyR' }), false, km)).toBeNull();
    expect(matchShortcut(key({ key: 'n', code: 'KeyN' }), false, km)).toBe('note');
  });

  it('refuses AltGr combinations, plain letters where the command works everywhere, and system chords', () => {
    expect(remap({}, 'resolve', ['Mod+Alt+e'], false)).toMatchObject({ ok: false, message: expect.stringContaining('AltGr') });
    expect(remap({}, 'nextChat', ['Alt+KeyS'], false)).toMatchObject({ ok: false, message: expect.stringContaining('ś') });
    expect(remap({}, 'resolve', ['d'], false)).toMatchObject({ ok: false, message: expect.stringContaining('type into the composer') });
    expect(remap({}, 'resolve', ['Shift+d'], false)).toMatchObject({ ok: false, message: expect.stringContaining('type into the composer') });
    expect(remap({}, 'reply', ['d'], false)).toEqual({ ok: true, overrides: { reply: ['d'] } }); // command mode: fine
    expect(remap({}, 'resolve', ['Mod+c'], false)).toMatchObject({ ok: false, message: expect.stringContaining('system') });
    expect(remap({}, 'reply', ['Tab'], false)).toMatchObject({ ok: false, message: expect.stringContaining('moves focus') });
    expect(remap({}, 'dialogClose', ['F8'], false)).toMatchObject({ ok: false, message: expect.stringContaining('built-in') });
    expect(remap({}, 'resolve', ['Ctrl+Shift+E'], false)).toMatchObject({ ok: false });
  });

  it('drops an override that equals the defaults, and resets one', () => {
    expect(remap({ resolve: ['Mod+Shift+d'] }, 'resolve', ['Mod+Shift+e'], false)).toEqual({ ok: true, overrides: {} });
    expect(resetShortcut({ resolve: ['Mod+Shift+d'], reply: null }, 'resolve')).toEqual({ reply: null });
    // A reset that would bring back a key now used elsewhere is refused by name.
    expect(resetConflict({ resolve: null, accept: ['Mod+Shift+e'] }, 'resolve')).toBe('accept');
  });

  it('ignores stored overrides for unknown, fixed or reserved commands, and unsafe stored keys', () => {
    const km = resolveKeymap({ dialogClose: null, goToTab1: ['Mod+Shift+q'], nope: ['F9'], resolve: ['Mod+Alt+e', 'Mod+Shift+d'] });
    expect(bindingsOf(km, 'dialogClose')).toEqual(['Escape']);
    expect(bindingsOf(km, 'goToTab1')).toEqual(['Mod+Digit1']);
    expect(bindingsOf(km, 'resolve')).toEqual(['Mod+Shift+d']);
  });
});

describe('keymap registry: recording a key press', () => {
  it('records chords on the printed letter, Alt chords and digits on the physical key', () => {
    expect(bindingFromEvent(key({ key: 'E', code: 'KeyE', ctrlKey: true, shiftKey: true }), false)).toEqual({ binding: 'Mod+Shift+e' });
    expect(bindingFromEvent(key({ key: 'z', code: 'KeyY', ctrlKey: true }), false)).toEqual({ binding: 'Mod+z' }); // QWERTZ
    expect(bindingFromEvent(key({ key: '∆', code: 'KeyJ', altKey: true }), true)).toEqual({ binding: 'Alt+KeyJ' }); // macOS ⌥J
    expect(bindingFromEvent(key({ key: '&', code: 'Digit1', ctrlKey: true }), false)).toEqual({ binding: 'Mod+Digit1' }); // AZERTY
    expect(bindingFromEvent(key({ key: 'k', code: 'KeyK', metaKey: true }), true)).toEqual({ binding: 'Mod+k' });
    expect(bindingFromEvent(key({ key: '?', code: 'Slash', shiftKey: true }), false)).toEqual({ binding: '?' });
    expect(bindingFromEvent(key({ key: 'F6', code: 'F6', shiftKey: true }), false)).toEqual({ binding: 'Shift+F6' });
    expect(bindingFromEvent(key({ key: ' ', code: 'Space', ctrlKey: true }), false)).toEqual({ binding: 'Mod+Space' });
  });

  it('keeps listening on a modifier alone and refuses AltGr, dead keys and the Windows key', () => {
    expect(bindingFromEvent(key({ key: 'Control', code: 'ControlLeft', ctrlKey: true }), false)).toBeNull();
    expect(bindingFromEvent(key({ key: 'AltGraph', code: 'AltRight', getModifierState: (m) => m === 'AltGraph' }), false)).toBeNull();
    expect(bindingFromEvent(altGrKey('ś', 'KeyS', false), false)).toMatchObject({ problem: expect.stringContaining('AltGr') });
    expect(bindingFromEvent(altGrKey('@', 'KeyQ', true), false)).toMatchObject({ problem: expect.stringContaining('AltGr') });
    expect(bindingFromEvent(key({ key: 'Dead', code: 'Equal' }), false)).toMatchObject({ problem: expect.stringContaining('accent') });
    expect(bindingFromEvent(key({ key: 'k', code: 'KeyK', metaKey: true }), false)).toMatchObject({ problem: expect.stringContaining('Windows key') });
  });

  it('labels keys for the platform', () => {
    expect(bindingLabel('Mod+Shift+e', false)).toBe('Ctrl+Shift+E');
    expect(bindingLabel('Mod+Shift+e', true)).toBe('⌘⇧E');
    expect(bindingLabel('Alt+KeyJ', true)).toBe('⌥J');
    expect(bindingLabel('Mod+Digit1', false)).toBe('Ctrl+1');
    expect(bindingLabel('Escape', false)).toBe('Esc');
    expect(bindingLabel('ArrowDown', false)).toBe('↓');
    expect(bindingLabel('?', false)).toBe('?');
    expect(bindingLabel('Enter', false)).toBe('Enter');
    expect(bindingLabel('Mod+Shift+F6', true)).toBe('⌘⇧F6');
  });
});

describe('keymap registry: the customer panel, the image viewer and the case', () => {
  it('remaps and switches off a panel key like any other command', () => {
    expect(matchShortcut(key({ key: 'O', code: 'KeyO', ctrlKey: true, shiftKey: true }), true)).toBe('customer.togglePanel');
    expect(matchShortcut(key({ key: 'I', code: 'KeyI', ctrlKey: true, shiftKey: true }), true)).toBe('customer.insertSummary');
    const moved = remap({}, 'customer.togglePanel', ['Mod+Shift+b'], false);
    expect(moved).toEqual({ ok: true, overrides: { 'customer.togglePanel': ['Mod+Shift+b'] } });
    const off = remap(moved.ok ? moved.overrides : {}, 'customer.insertSummary', null, false);
    const km = resolveKeymap(off.ok ? off.overrides : {});
    expect(matchShortcut(key({ key: 'B', code: 'KeyB', ctrlKey: true, shiftKey: true }), true, km)).toBe('customer.togglePanel');
    expect(matchShortcut(key({ key: 'O', code: 'KeyO', ctrlKey: true, shiftKey: true }), true, km)).toBeNull();
    expect(matchShortcut(key({ key: 'I', code: 'KeyI', ctrlKey: true, shiftKey: true }), true, km)).toBeNull();
    expect(shortcutLabel('customer.togglePanel', km, false)).toBe('Ctrl+Shift+B');
    expect(shortcutLabel('customer.insertSummary', km, false)).toBe('');
    // It works in the composer, so a plain letter would type into it.
    expect(remap({}, 'customer.togglePanel', ['o'], false)).toMatchObject({ ok: false, message: expect.stringContaining('type into the composer') });
    // The panel's list keys are the widgets' own.
    expect(remap({}, 'customer.rowMove', ['j'], false)).toMatchObject({ ok: false, message: expect.stringContaining('built-in') });
  });

  it('remaps a viewer key inside the viewer only: its own keys conflict, the console’s do not', () => {
    // `r` is the console's Reply and the viewer's Rotate: they never listen at the same time.
    expect(findConflict(DEFAULT_KEYMAP, 'viewer.rotate', 'r')).toBeNull();
    expect(remap({}, 'viewer.rotate', ['x'], false)).toEqual({ ok: false, message: 'X is already “Redact regions”. Change or switch off that shortcut first.' });
    expect(remap({}, 'viewer.zoomIn', ['ArrowUp'], false)).toMatchObject({ ok: false, message: expect.stringContaining('Pan up') });
    // The viewer has no text field: arrows and paging keys may be its commands, Tab and Enter stay its buttons'.
    const noPan = remap({}, 'viewer.panUp', null, false);
    expect(remap(noPan.ok ? noPan.overrides : {}, 'viewer.zoomIn', ['ArrowUp'], false)).toMatchObject({ ok: true });
    expect(remap({}, 'viewer.zoomIn', ['Tab'], false)).toMatchObject({ ok: false, message: expect.stringContaining('moves focus') });
    expect(remap({}, 'viewer.zoomIn', ['Enter'], false)).toMatchObject({ ok: false, message: expect.stringContaining('moves focus') });
    expect(remap({}, 'viewer.download', ['Mod+c'], false)).toMatchObject({ ok: false, message: expect.stringContaining('system') });
    // The console's handler never answers the viewer's keys, remapped or not.
    const km = resolveKeymap({ 'viewer.rotate': ['F9'] });
    expect(matchShortcut(key({ key: 'F9', code: 'F9' }), false, km)).toBeNull();
    expect(matchViewerCommand(key({ key: 'F9', code: 'F9' }), km, false)).toBe('rotate');
  });

  it('never takes an AltGr letter in the viewer, and takes its punctuation only as the character', () => {
    const km = resolveKeymap({ 'viewer.rotate': ['Mod+Shift+q'], 'viewer.fit': ['Mod+Digit2'] });
    for (const windows of [true, false]) {
      expect(matchViewerCommand(altGrKey('ą', 'KeyA', windows), km, false)).toBeNull();
      expect(matchViewerCommand(altGrKey('@', 'KeyQ', windows), km, false)).toBeNull();
      expect(matchViewerCommand(altGrKey('@', 'Digit2', windows), km, false)).toBeNull();
      expect(matchViewerCommand(altGrKey('€', 'KeyE', windows), km, false)).toBeNull();
      expect(matchViewerCommand(altGrKey(']', 'Digit9', windows), km, false)).toBe('next'); // German: a `]` is a `]`
    }
    // Switched off, the character is nobody's.
    const off = resolveKeymap({ 'viewer.next': ['PageDown'] });
    expect(matchViewerCommand(altGrKey(']', 'Digit9', true), off, false)).toBeNull();
    expect(remap({}, 'viewer.rotate', ['Alt+KeyS'], false)).toMatchObject({ ok: false, message: expect.stringContaining('ś') });
  });

  it('gives the case its single keys in command mode only, and the earlier cases a free chord', () => {
    const plain = (k: string, code: string, shift = false) => key({ key: k, code, shiftKey: shift });
    expect(matchShortcut(plain('a', 'KeyA'), false)).toBe('case.assign');
    expect(matchShortcut(plain('!', 'Digit1', true), false)).toBe('case.escalate'); // Shift+1 on US and German layouts
    expect(matchShortcut(plain('l', 'KeyL'), false)).toBe('case.category');
    expect(matchShortcut(plain('p', 'KeyP'), false)).toBe('case.priority');
    expect(matchShortcut(plain('.', 'Period'), false)).toBe('case.copyReference');
    for (const [k, code, shift] of [['a', 'KeyA'], ['!', 'Digit1', true], ['l', 'KeyL'], ['p', 'KeyP'], ['.', 'Period']] as const)
      expect(matchShortcut(plain(k, code, shift), true), k).toBeNull(); // typed into the composer
    expect(matchShortcut(key({ key: 'H', code: 'KeyH', ctrlKey: true, shiftKey: true }), true)).toBe('case.earlierCases');
    expect(matchShortcut(key({ key: 'h', code: 'KeyH', ctrlKey: true }), true)).toBeNull(); // Ctrl+H stays the system's
    expect(bindingLabel(COMMANDS['case.earlierCases'].defaults[0]!, true)).toBe('⌘⇧H');
    // Polish AltGr+L types ł: never the category key.
    expect(matchShortcut(altGrKey('ł', 'KeyL', true), false)).toBeNull();
    expect(matchShortcut(altGrKey('ł', 'KeyL', false), false)).toBeNull();
  });
});
