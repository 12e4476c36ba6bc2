/**
 * Key bindings as strings (the keymap table, the user's remaps in Settings, the help overlay):
 * a grammar, a canonical form, and the layout-safety rule main and the renderer both enforce.
 *
 *   binding  = [ "Mod+" ] [ "Alt+" ] [ "Shift+" ] key
 *   Mod      = Ctrl on Windows/Linux, ⌘ on macOS
 *   key      = one printable character, lower-case for letters ("k", "?", ",")   matched on event.key
 *            | a named key ("Enter", "Escape", "F6", "ArrowUp", "Space", …)       matched on event.key
 *            | a physical key ("KeyJ", "Digit1")                                   matched on event.code
 *
 * Alt chords always name the physical key (`Alt+KeyJ`): on macOS ⌥ changes `event.key` (⌥J = ∆).
 * No binding may hold Mod and Alt together (that is AltGr on Windows), nor Alt with a key that
 * types a character with AltGr/Option on Polish, German or Nordic layouts (UX.md §4, §7).
 */

export interface Binding {
  mod: boolean;
  alt: boolean;
  shift: boolean;
  /** Matched on `event.key`: one printable character (letters lower-case) or a named key. */
  key?: string;
  /** Matched on `event.code`: `KeyA`…`KeyZ`, `Digit0`…`Digit9`. */
  code?: string;
}

export const NAMED_KEYS = [
  'Enter',
  'Escape',
  'Tab',
  'Space',
  'Backspace',
  'Delete',
  'Insert',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  ...Array.from({ length: 12 }, (_, i) => `F${i + 1}`),
] as const;
const NAMED = new Set<string>(NAMED_KEYS);
const CODE = /^(Key[A-Z]|Digit[0-9])$/;

/**
 * What Alt (⌥) or AltGr with a letter or digit types on Polish, German and Nordic layouts, and
 * on macOS with Option (UX.md §4 "Never bind"). Any of these would take a character from an agent.
 */
export const ALT_CHARACTERS: Readonly<Record<string, string>> = {
  KeyA: 'ą',
  KeyC: 'ć',
  KeyE: 'ę / €',
  KeyL: 'ł / @ (macOS)',
  KeyN: 'ń',
  KeyO: 'ó',
  KeyS: 'ś',
  KeyX: 'ź',
  KeyZ: 'ż',
  KeyQ: '@',
  KeyM: 'µ',
  Digit2: '@ / ²',
  Digit3: '£ / ³',
  Digit4: '$',
  Digit5: '€',
  Digit6: '¶',
  Digit7: '{',
  Digit8: '[',
  Digit9: ']',
  Digit0: '}',
};

/** The canonical string of a binding, or null when the string is not a binding. */
export function parseBinding(text: string): Binding | null {
  if (typeof text !== 'string' || text.length === 0 || text.length > 32) return null;
  // "+" is the plus key, "Mod++" is Mod and the plus key.
  const parts = text === '+' ? ['+'] : text.endsWith('++') ? [...text.slice(0, -2).split('+'), '+'] : text.split('+');
  const keyPart = parts.pop();
  if (keyPart === undefined || keyPart === '') return null;
  const b: Binding = { mod: false, alt: false, shift: false };
  let order = 0;
  for (const m of parts) {
    const at = ['Mod', 'Alt', 'Shift'].indexOf(m);
    if (at < order) return null; // unknown, repeated or out of canonical order
    order = at + 1;
    if (m === 'Mod') b.mod = true;
    else if (m === 'Alt') b.alt = true;
    else b.shift = true;
  }
  if (CODE.test(keyPart)) b.code = keyPart;
  else if (NAMED.has(keyPart)) b.key = keyPart;
  else if ([...keyPart].length === 1 && keyPart.trim() !== '' && !/\p{Cc}/u.test(keyPart)) {
    b.key = keyPart.toLowerCase();
    if (b.key !== keyPart) return null; // letters are written lower-case
  } else return null;
  return b;
}

export function formatBinding(b: Binding): string {
  return [b.mod ? 'Mod' : '', b.alt ? 'Alt' : '', b.shift ? 'Shift' : '', b.code ?? b.key ?? ''].filter(Boolean).join('+');
}

/** Whether the key types a character by itself (a letter, digit or punctuation). */
export function isPrintableKey(b: Binding): boolean {
  return b.code !== undefined || (b.key !== undefined && !NAMED.has(b.key)) || b.key === 'Space';
}

/**
 * Why a binding would take a character from an agent on a Polish, German or Nordic layout
 * (or with Option on macOS), or null when it is safe. Scope rules are the keymap's business.
 */
export function layoutProblem(b: Binding): string | null {
  if (b.mod && b.alt) return 'Ctrl+Alt is AltGr on Windows: it types characters such as @ € { [ on Polish, German and Nordic keyboards. Use Ctrl+Shift with a letter instead.';
  if (!b.alt) return null;
  if (b.key !== undefined && NAMED.has(b.key) && !['Space', 'Tab'].includes(b.key)) return null; // Alt+F6, Alt+ArrowUp: no character
  if (b.code === undefined) return 'Alt with a character key types that character with AltGr or Option on many layouts. Use Ctrl+Shift with a letter instead.';
  if (b.code.startsWith('Digit') || ALT_CHARACTERS[b.code]) {
    const ch = ALT_CHARACTERS[b.code] ?? 'a character';
    return `Alt+${b.code.replace(/^(Key|Digit)/, '')} types ${ch} on Polish, German or Nordic keyboards. Use Ctrl+Shift with a letter instead.`;
  }
  return null;
}
