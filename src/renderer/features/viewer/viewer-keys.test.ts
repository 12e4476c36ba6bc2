import { describe, expect, it } from 'vitest';
import { COMMANDS, isRemappable, remap, resolveKeymap, VIEWER_COMMANDS, type KeyLike } from '../../app/keymap';
import { keyHint, matchViewerKey } from './viewer-keys';

const key = (k: string, over: Partial<KeyLike> = {}): KeyLike => ({ key: k, code: '', ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...over });

describe('matchViewerKey', () => {
  it.each([
    ['+', 'zoomIn'],
    ['=', 'zoomIn'],
    ['-', 'zoomOut'],
    ['0', 'fit'],
    ['1', 'actualSize'],
    ['ArrowLeft', 'panLeft'],
    ['ArrowDown', 'panDown'],
    ['r', 'rotate'],
    ['PageDown', 'next'],
    [']', 'next'],
    ['PageUp', 'previous'],
    ['[', 'previous'],
    ['Home', 'first'],
    ['End', 'last'],
    ['x', 'toggleRedact'],
    ['n', 'addRegion'],
    ['Enter', 'placeRegion'],
    ['Escape', 'close'],
    ['Backspace', 'undoRegion'],
  ] as const)('%s → %s', (k, command) => {
    expect(matchViewerKey(key(k))).toBe(command);
  });

  it('reads Shift+R as turning back, and Ctrl+S / Ctrl+Z as download / undo', () => {
    expect(matchViewerKey(key('R', { shiftKey: true }))).toBe('rotateBack');
    expect(matchViewerKey(key('s', { ctrlKey: true }))).toBe('download');
    expect(matchViewerKey(key('z', { ctrlKey: true }))).toBe('undoRegion');
  });

  it('takes [ and ] typed with AltGr (German layout: AltGr+8 / AltGr+9)', () => {
    const altGr = { ctrlKey: true, altKey: true, getModifierState: (m: string) => m === 'AltGraph' };
    expect(matchViewerKey(key(']', altGr))).toBe('next');
    expect(matchViewerKey(key('[', altGr))).toBe('previous');
  });

  it('leaves browser and OS chords alone', () => {
    expect(matchViewerKey(key('r', { ctrlKey: true }))).toBeNull(); // reload
    expect(matchViewerKey(key('r', { altKey: true }))).toBeNull();
    expect(matchViewerKey(key('x', { metaKey: true }))).toBeNull();
    expect(matchViewerKey(key('s', { ctrlKey: true, shiftKey: true }))).toBeNull();
    expect(matchViewerKey(key('Tab'))).toBeNull();
  });

  it('lists every command once in the keymap table, with a label and keys, for the help overlay and settings', () => {
    expect(new Set(VIEWER_COMMANDS).size).toBe(VIEWER_COMMANDS.length);
    for (const name of VIEWER_COMMANDS) {
      const spec = COMMANDS[`viewer.${name}`];
      expect(spec.group, name).toBe('Image viewer');
      expect(spec.scope, name).toBe('viewer');
      expect(spec.notInPalette, name).toBe(true);
      expect(spec.label.length, name).toBeGreaterThan(3);
      expect(spec.defaults.length, name).toBeGreaterThan(0);
    }
    // Esc and Enter stay the dialog's own; the rest the agent may change.
    expect(isRemappable('viewer.close')).toBe(false);
    expect(isRemappable('viewer.placeRegion')).toBe(false);
    expect(isRemappable('viewer.rotate')).toBe(true);
  });

  it('keeps Shift+arrows panning further, and Shift+R turning back rather than forward', () => {
    expect(matchViewerKey(key('ArrowLeft', { shiftKey: true }))).toBe('panLeft');
    expect(matchViewerKey(key('R', { shiftKey: true }))).toBe('rotateBack');
    expect(matchViewerKey(key('N', { shiftKey: true }))).toBeNull();
  });

  it('follows the agent’s remaps: a new key works, the old one is free, a switched-off command is silent', () => {
    const moved = remap({}, 'viewer.rotate', ['t'], false);
    expect(moved).toEqual({ ok: true, overrides: { 'viewer.rotate': ['t'] } });
    const off = remap(moved.ok ? moved.overrides : {}, 'viewer.toggleRedact', null, false);
    const km = resolveKeymap(off.ok ? off.overrides : {});
    expect(matchViewerKey(key('t'), km)).toBe('rotate');
    expect(matchViewerKey(key('r'), km)).toBeNull();
    expect(matchViewerKey(key('x'), km)).toBeNull();
    expect(keyHint('rotate', km)).toBe('T');
    expect(keyHint('toggleRedact', km)).toBe('');
  });
});
