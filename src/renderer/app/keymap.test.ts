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
