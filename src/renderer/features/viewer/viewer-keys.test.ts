import { describe, expect, it } from 'vitest';
import type { KeyLike } from '../../app/keymap';
import { matchViewerKey, VIEWER_KEYS } from './viewer-keys';

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

  it('lists every command once, with a label and keys, for the help overlay', () => {
    const ids = VIEWER_KEYS.map((k) => k.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const k of VIEWER_KEYS) {
      expect(k.label.length).toBeGreaterThan(3);
      expect(k.keys.length).toBeGreaterThan(0);
    }
  });
});
