/**
 * The image viewer's keys, active only while the viewer (a modal dialog) is open; the dialog
 * stops every key from reaching the console's own shortcuts. Listed for the help overlay.
 *
 * Why these keys:
 * - Arrows pan (like scrolling a large picture), so previous / next are `PageUp` / `PageDown`
 *   (every keyboard, no layout issues) and `[` / `]` (Lightroom and most viewers). There is no
 *   text field in the viewer, so `[` `]` typed with AltGr (German, Nordic layouts) are matched by
 *   the character and steal nothing.
 * - `+` / `=` and `-` zoom (the `=` is `+` without Shift on US layouts), `0` fits, `1` is 100 %.
 * - `R` turns clockwise, `Shift+R` back. `X` toggles redaction ("cross out"); there `N` adds a
 *   region in the middle of the view that the arrows move (Shift: resize) until `Enter`.
 * - `Ctrl+S` / `⌘S` saves the image (the browser's own "save" gesture).
 * Letter keys ignore Ctrl/⌘/Alt chords (except Ctrl+S), so browser and OS shortcuts still work.
 */
import type { KeyLike } from '../../app/keymap';

export type ViewerCommand =
  | 'zoomIn'
  | 'zoomOut'
  | 'fit'
  | 'actualSize'
  | 'panLeft'
  | 'panRight'
  | 'panUp'
  | 'panDown'
  | 'rotate'
  | 'rotateBack'
  | 'previous'
  | 'next'
  | 'first'
  | 'last'
  | 'download'
  | 'toggleRedact'
  | 'addRegion'
  | 'placeRegion'
  | 'undoRegion'
  | 'close';

export interface ViewerKey {
  id: ViewerCommand;
  label: string;
  /** As shown to the agent (`Mod` is Ctrl, or ⌘ on macOS). */
  keys: readonly string[];
}

export const VIEWER_KEYS: readonly ViewerKey[] = [
  { id: 'zoomIn', label: 'Zoom in', keys: ['+', '='] },
  { id: 'zoomOut', label: 'Zoom out', keys: ['-'] },
  { id: 'fit', label: 'Fit to window', keys: ['0'] },
  { id: 'actualSize', label: 'Actual size (100 %)', keys: ['1'] },
  { id: 'panLeft', label: 'Pan left', keys: ['ArrowLeft'] },
  { id: 'panRight', label: 'Pan right', keys: ['ArrowRight'] },
  { id: 'panUp', label: 'Pan up', keys: ['ArrowUp'] },
  { id: 'panDown', label: 'Pan down', keys: ['ArrowDown'] },
  { id: 'rotate', label: 'Rotate clockwise', keys: ['R'] },
  { id: 'rotateBack', label: 'Rotate counter-clockwise', keys: ['Shift+R'] },
  { id: 'previous', label: 'Previous image', keys: ['PageUp', '['] },
  { id: 'next', label: 'Next image', keys: ['PageDown', ']'] },
  { id: 'first', label: 'First image', keys: ['Home'] },
  { id: 'last', label: 'Last image', keys: ['End'] },
  { id: 'download', label: 'Download image', keys: ['Mod+S'] },
  { id: 'toggleRedact', label: 'Redact regions', keys: ['X'] },
  { id: 'addRegion', label: 'Add a region in the middle (redacting); then arrows move it, Shift+arrows resize it', keys: ['N'] },
  { id: 'placeRegion', label: 'Place the region (redacting)', keys: ['Enter'] },
  { id: 'undoRegion', label: 'Remove the last region (redacting)', keys: ['Backspace', 'Mod+Z'] },
  { id: 'close', label: 'Close the viewer (leave redacting first)', keys: ['Escape'] },
];

/** The first key of a command, for tooltips: "Zoom in (+)". */
export function keyHint(id: ViewerCommand): string {
  const key = VIEWER_KEYS.find((k) => k.id === id)?.keys[0] ?? '';
  const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
  return key.replace('Mod+', mac ? '⌘' : 'Ctrl+');
}

const CHARACTER: Readonly<Record<string, ViewerCommand>> = {
  '+': 'zoomIn',
  '=': 'zoomIn',
  '-': 'zoomOut',
  _: 'zoomOut',
  '0': 'fit',
  '1': 'actualSize',
  '[': 'previous',
  ']': 'next',
};

const NAMED: Readonly<Record<string, ViewerCommand>> = {
  ArrowLeft: 'panLeft',
  ArrowRight: 'panRight',
  ArrowUp: 'panUp',
  ArrowDown: 'panDown',
  PageUp: 'previous',
  PageDown: 'next',
  Home: 'first',
  End: 'last',
  Escape: 'close',
  Backspace: 'undoRegion',
  Delete: 'undoRegion',
};

/** The command a key press means in the viewer, or null. */
export function matchViewerKey(e: KeyLike): ViewerCommand | null {
  const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
  const mod = mac ? e.metaKey : e.ctrlKey;
  const altGraph = e.getModifierState?.('AltGraph') ?? false;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (mod && !e.altKey && !altGraph) {
    if (key === 's' && !e.shiftKey) return 'download';
    if (key === 'z' && !e.shiftKey) return 'undoRegion';
    return null;
  }
  // Characters may come with AltGr (Ctrl+Alt on Windows): `]` is AltGr+9 on a German layout.
  const char = CHARACTER[e.key];
  if (char) return char;
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (key === 'r') return e.shiftKey ? 'rotateBack' : 'rotate';
  if (key === 'x' && !e.shiftKey) return 'toggleRedact';
  if (key === 'n' && !e.shiftKey) return 'addRegion';
  if (e.key === 'Enter' && !e.shiftKey) return 'placeRegion';
  return NAMED[e.key] ?? null;
}
