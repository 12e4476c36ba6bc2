import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createWindowStateSaver,
  initialPlacement,
  isOnVisibleDisplay,
  MIN_HEIGHT,
  MIN_WIDTH,
  parseWindowState,
  readWindowState,
  writeWindowState,
  type WindowState,
} from './window-state';

const LAPTOP = { x: 0, y: 0, width: 1920, height: 1050 };
const RIGHT_MONITOR = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('isOnVisibleDisplay', () => {
  it.each([
    ['inside the laptop', { x: 100, y: 100, width: 1400, height: 800 }, [LAPTOP], true],
    ['on the right monitor', { x: 2200, y: 100, width: 1400, height: 800 }, [LAPTOP, RIGHT_MONITOR], true],
    ['on the right monitor after undocking', { x: 2200, y: 100, width: 1400, height: 800 }, [LAPTOP], false],
    ['title bar above the top edge', { x: 100, y: -500, width: 1400, height: 800 }, [LAPTOP], false],
    ['only a sliver on screen', { x: 1900, y: 100, width: 1400, height: 800 }, [LAPTOP], false],
    ['enough of the title bar on screen', { x: 1700, y: 100, width: 1400, height: 800 }, [LAPTOP], true],
    ['no displays', { x: 0, y: 0, width: 1400, height: 800 }, [], false],
  ])('%s', (_name, bounds, areas, visible) => {
    expect(isOnVisibleDisplay(bounds, areas)).toBe(visible);
  });
});

describe('initialPlacement', () => {
  it('restores a visible saved place, never below the minimum size', () => {
    const saved: WindowState = { bounds: { x: 50, y: 60, width: 800, height: 600 }, maximized: true };
    expect(initialPlacement(saved, [LAPTOP])).toEqual({ bounds: { x: 50, y: 60, width: MIN_WIDTH, height: MIN_HEIGHT }, maximized: true });
  });

  it('centres a default size when the saved place is off-screen or missing', () => {
    const off: WindowState = { bounds: { x: 5000, y: 60, width: 1500, height: 900 }, maximized: false };
    expect(initialPlacement(off, [LAPTOP])).toEqual({ bounds: { width: 1440, height: 900 }, maximized: false });
    expect(initialPlacement(null, [LAPTOP]).bounds).not.toHaveProperty('x');
  });
});

describe('parseWindowState', () => {
  it.each([null, 'x', {}, { bounds: { x: 1, y: 2, width: 0, height: 5 } }, { bounds: { x: 1.5, y: 2, width: 3, height: 5 } }, { bounds: { x: 1e9, y: 2, width: 3, height: 5 } }, { bounds: { x: '1', y: 2, width: 3, height: 5 } }])(
    'refuses %j',
    (raw) => {
      expect(parseWindowState(raw)).toBeNull();
    },
  );
});

describe('saving', () => {
  const dirs: string[] = [];
  afterEach(() => {
    vi.useRealTimers();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const tmp = () => {
    const d = mkdtempSync(path.join(os.tmpdir(), 'agent-desk-window-'));
    dirs.push(d);
    return path.join(d, 'window-state.json');
  };

  it('round-trips through the file and survives garbage in it', () => {
    const file = tmp();
    const state: WindowState = { bounds: { x: 1, y: 2, width: 1300, height: 800 }, maximized: false };
    writeWindowState(file, state);
    expect(readWindowState(file)).toEqual(state);
    writeFileSync(file, '{not json');
    expect(readWindowState(file)).toBeNull();
    expect(readWindowState(path.join(path.dirname(file), 'missing.json'))).toBeNull();
  });

  it('debounces a burst of moves into one write of the last state, and flushes on close', () => {
    vi.useFakeTimers();
    const file = tmp();
    const write = vi.fn(writeWindowState);
    const saver = createWindowStateSaver(file, { delayMs: 500, write });
    for (let i = 0; i < 20; i++) saver.schedule({ bounds: { x: i, y: 0, width: 1300, height: 800 }, maximized: false });
    expect(write).not.toHaveBeenCalled();
    vi.advanceTimersByTime(500);
    expect(write).toHaveBeenCalledTimes(1);
    expect(JSON.parse(readFileSync(file, 'utf8')).bounds.x).toBe(19);

    saver.schedule({ bounds: { x: 99, y: 0, width: 1300, height: 800 }, maximized: true });
    saver.flush();
    expect(write).toHaveBeenCalledTimes(2);
    expect(readWindowState(file)).toEqual({ bounds: { x: 99, y: 0, width: 1300, height: 800 }, maximized: true });
    vi.advanceTimersByTime(1000);
    expect(write).toHaveBeenCalledTimes(2);
  });

  it('reports a failed write instead of throwing', () => {
    const onError = vi.fn();
    const saver = createWindowStateSaver('/x', {
      write: () => {
        throw new Error('EROFS');
      },
      onError,
    });
    saver.schedule({ bounds: { x: 0, y: 0, width: 1300, height: 800 }, maximized: false });
    expect(() => saver.flush()).not.toThrow();
    expect(onError).toHaveBeenCalled();
  });
});
