/**
 * The one keymap table (UX.md §4): the shortcut handler, tooltips and the status-bar hint all
 * read it. Chords are Ctrl/⌘(+Shift)+letter; Alt+J/K is the only Alt chord and matches on
 * `event.code`, ignored under AltGraph so Polish/German/Nordic characters are never taken.
 */

export type ShortcutId = 'nextChat' | 'prevChat' | 'accept' | 'resolve' | 'toggleNote' | 'nextPane' | 'prevPane' | 'reply' | 'note' | 'leaveField';

/** global: anywhere, also in the composer; command: only when focus is not in a text field. */
export type Scope = 'global' | 'command';

export interface Binding {
  id: ShortcutId;
  label: string;
  scope: Scope;
  /** Matched on `event.key` (lower-cased for letters). */
  key?: string;
  /** Matched on `event.code` (Alt chords). */
  code?: string;
  mod?: boolean;
  shift?: boolean;
  alt?: boolean;
}

export const KEYMAP: readonly Binding[] = [
  { id: 'nextChat', label: 'Next chat', scope: 'global', code: 'KeyJ', alt: true },
  { id: 'prevChat', label: 'Previous chat', scope: 'global', code: 'KeyK', alt: true },
  { id: 'accept', label: 'Accept offered chat', scope: 'global', key: 'a', mod: true, shift: true },
  { id: 'resolve', label: 'Resolve', scope: 'global', key: 'e', mod: true, shift: true },
  { id: 'toggleNote', label: 'Toggle reply / note', scope: 'global', key: 'n', mod: true, shift: true },
  { id: 'nextPane', label: 'Next pane', scope: 'global', key: 'F6' },
  { id: 'prevPane', label: 'Previous pane', scope: 'global', key: 'F6', shift: true },
  { id: 'leaveField', label: 'Leave field', scope: 'global', key: 'Escape' },
  { id: 'reply', label: 'Reply', scope: 'command', key: 'r' },
  { id: 'note', label: 'New internal note', scope: 'command', key: 'n' },
];

export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  getModifierState?(key: string): boolean;
}

const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The binding a key event triggers, given whether focus is in a text field. */
export function matchShortcut(e: KeyLike, inTextField: boolean): ShortcutId | null {
  if (e.getModifierState?.('AltGraph')) return null;
  const mod = isMac() ? e.metaKey : e.ctrlKey;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  for (const b of KEYMAP) {
    if (b.scope === 'command' && inTextField) continue;
    if (!!b.mod !== mod || !!b.shift !== e.shiftKey || !!b.alt !== e.altKey) continue;
    if (!b.mod && (isMac() ? e.ctrlKey : e.metaKey)) continue;
    if (b.code ? b.code === e.code : b.key === key) return b.id;
  }
  return null;
}

/** "Ctrl+Shift+A" or "⌘⇧A", for tooltips and hints. */
export function shortcutLabel(id: ShortcutId): string {
  const b = KEYMAP.find((x) => x.id === id);
  if (!b) return '';
  const mac = isMac();
  const key = b.code ? b.code.replace(/^Key/, '') : b.key === 'Escape' ? 'Esc' : (b.key ?? '').toUpperCase();
  const parts = [b.mod ? (mac ? '⌘' : 'Ctrl') : '', b.alt ? (mac ? '⌥' : 'Alt') : '', b.shift ? (mac ? '⇧' : 'Shift') : '', key].filter(Boolean);
  return parts.join(mac ? '' : '+');
}

export function isTextField(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(el.type);
  return el instanceof HTMLElement && el.isContentEditable;
}
