/**
 * Remembering the main window's size and place between runs: a small JSON file in userData,
 * written debounced while the agent moves or resizes the window, read once at start and used
 * only if the window would still be on a display that exists (a laptop undocked from its
 * second monitor must not open the window off-screen). No Electron at runtime: tested under Node.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

export const MIN_WIDTH = 1280;
export const MIN_HEIGHT = 720;
const DEFAULT_WIDTH = 1440;
const DEFAULT_HEIGHT = 900;
/** Part of the title bar that must lie on a display for the agent to grab the window. */
const GRAB_WIDTH = 100;
const GRAB_HEIGHT = 24;
const MAX_DIMENSION = 100_000;

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= MAX_DIMENSION;

/** The saved state, or null if the file holds anything but a sane one. */
export function parseWindowState(raw: unknown): WindowState | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { bounds, maximized } = raw as { bounds?: unknown; maximized?: unknown };
  if (typeof bounds !== 'object' || bounds === null) return null;
  const { x, y, width, height } = bounds as Record<string, unknown>;
  if (!isInt(x) || !isInt(y) || !isInt(width) || !isInt(height) || width <= 0 || height <= 0) return null;
  return { bounds: { x, y, width, height }, maximized: maximized === true };
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

/** True when the top strip of the window (where the title bar is) lies on one of the work areas. */
export function isOnVisibleDisplay(bounds: Rect, workAreas: readonly Rect[]): boolean {
  const titleBar: Rect = { x: bounds.x, y: bounds.y, width: bounds.width, height: GRAB_HEIGHT };
  return workAreas.some((area) => {
    const o = overlap(titleBar, area);
    return o.width >= Math.min(GRAB_WIDTH, bounds.width) && o.height >= GRAB_HEIGHT;
  });
}

export interface InitialPlacement {
  /** x/y absent: let the OS centre the window. */
  bounds: Partial<Pick<Rect, 'x' | 'y'>> & Pick<Rect, 'width' | 'height'>;
  maximized: boolean;
}

/** Where to open the window: the saved place if it is still visible, else a default size centred. */
export function initialPlacement(saved: WindowState | null, workAreas: readonly Rect[]): InitialPlacement {
  if (saved && isOnVisibleDisplay(saved.bounds, workAreas)) {
    return {
      bounds: { ...saved.bounds, width: Math.max(MIN_WIDTH, saved.bounds.width), height: Math.max(MIN_HEIGHT, saved.bounds.height) },
      maximized: saved.maximized,
    };
  }
  const primary = workAreas[0];
  const width = Math.max(MIN_WIDTH, Math.min(DEFAULT_WIDTH, primary?.width ?? DEFAULT_WIDTH));
  const height = Math.max(MIN_HEIGHT, Math.min(DEFAULT_HEIGHT, primary?.height ?? DEFAULT_HEIGHT));
  return { bounds: { width, height }, maximized: saved?.maximized ?? false };
}

export function readWindowState(file: string): WindowState | null {
  try {
    return parseWindowState(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return null;
  }
}

/** Writes via a temporary file and a rename, so a crash mid-write never leaves half a file. */
export function writeWindowState(file: string, state: WindowState): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(state));
  renameSync(tmp, file);
}

export interface WindowStateSaver {
  /** Remember this state; written after `delayMs` without further changes. */
  schedule(state: WindowState): void;
  /** Write a pending state now (on close). */
  flush(): void;
}

export function createWindowStateSaver(
  file: string,
  opts: { delayMs?: number; write?: (file: string, state: WindowState) => void; onError?: (err: unknown) => void } = {},
): WindowStateSaver {
  const delayMs = opts.delayMs ?? 500;
  const write = opts.write ?? writeWindowState;
  let pending: WindowState | null = null;
  let timer: NodeJS.Timeout | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const state = pending;
    pending = null;
    if (!state) return;
    try {
      write(file, state);
    } catch (err) {
      opts.onError?.(err); // a read-only profile costs the window position, nothing more
    }
  };
  return {
    schedule(state) {
      pending = state;
      if (timer) clearTimeout(timer);
      timer = setTimeout(flush, delayMs);
      timer.unref?.();
    },
    flush,
  };
}
