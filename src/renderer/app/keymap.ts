/**
 * The one keymap table (UX.md §4): every command with its label, group, scope and default keys.
 * The key handler, the command palette, the `?` overlay, tooltips, the status bar and the
 * shortcut settings all read it; what a command does is wired once, in ./commands.ts.
 *
 * Matching keeps characters safe on Polish, German and Nordic layouts: nothing matches under
 * AltGraph or Ctrl+Alt (AltGr on Windows), Alt chords match on `event.code`, and a plain
 * character key never fires while focus is in a text field, whatever its scope.
 *
 * Why not tinykeys: it matches a key on `event.key` or `event.code` alike and has no AltGraph
 * guard, scopes or text-field rule, so it would be wrapped in all of this anyway, and it binds
 * a fixed map per listener where remaps change the map at run time. The binding strings follow
 * a similar grammar (src/shared/keybinding.ts), so sequences ("g i") can come later.
 */
import type { ShortcutOverrides } from '../../shared/api/contract';
import { formatBinding, isPrintableKey, layoutProblem, parseBinding, type Binding as KeyBinding } from '../../shared/keybinding';

/**
 * global: anywhere, also while typing in the composer · command: only when focus is not in a
 * text field · list: the chat list has focus · dialog: keys of the palette and overlays.
 */
export type Scope = 'global' | 'command' | 'list' | 'dialog';

export const COMMAND_GROUPS = ['General', 'Chats', 'Conversation', 'Presence', 'Appearance', 'Chat list', 'Dialogs', 'Tabs', 'Macros'] as const;
export type CommandGroup = (typeof COMMAND_GROUPS)[number];

export interface CommandSpec {
  label: string;
  group: CommandGroup;
  scope: Scope;
  /** Default keys, strings of src/shared/keybinding.ts. Empty: palette only until the agent binds one. */
  defaults: readonly string[];
  /** Held for a coming feature: its keys are taken, nothing runs, nothing lists it. */
  reserved?: true;
  /** Keys of a widget (dialogs, the list's Enter): listed in help, not remappable. */
  fixed?: true;
  /** Also runs while a dialog is open (the palette and help toggles). */
  inDialogs?: true;
  /** More words the palette matches. */
  keywords?: readonly string[];
  /** Listed in help and settings, not among the palette's commands (a feature lists its own entries). */
  notInPalette?: true;
}

export type CommandId =
  | 'openPalette'
  | 'searchCache'
  | 'goToReference'
  | 'openHelp'
  | 'openSettings'
  | 'showChats'
  | 'nextChat'
  | 'prevChat'
  | 'nextPane'
  | 'prevPane'
  | 'leaveField'
  | 'accept'
  | 'resolve'
  | 'reply'
  | 'note'
  | 'toggleNote'
  | 'presenceMenu'
  | 'setAvailable'
  | 'setAway'
  | 'setOffline'
  | 'toggleTheme'
  | 'toggleDensity'
  | 'toggleSound'
  | 'listDown'
  | 'listUp'
  | 'listOpen'
  | 'dialogMove'
  | 'dialogRun'
  | 'dialogClose'
  | 'oldestUnanswered'
  | 'closeTab'
  | 'reopenTab'
  | 'moveTabLeft'
  | 'moveTabRight'
  | 'decline'
  | `goToTab${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9}`
  | `runMacro${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9}`
  | 'undoMacro';

/** @deprecated the old name; a shortcut is a command's key. */
export type ShortcutId = CommandId;

/** Tab positions, as in browsers: fixed keys (Ctrl+9 is the last tab), listed in help, not in the palette. */
const tab = (n: number): CommandSpec => ({ label: n === 9 ? 'Go to the last tab' : `Go to tab ${n}`, group: 'Tabs', scope: 'global', defaults: [`Mod+Digit${n}`], fixed: true });

/**
 * Macros on Ctrl/Cmd+Shift+1…9: the open chat's category's macros in their order, then the
 * general ("Other") ones (src/shared/macros.ts macroSlots). The palette lists the macros
 * themselves, each with its key. On macOS ⌘⇧3/4/5 are the system's screenshot keys: remap those.
 */
const macro = (n: number): CommandSpec => ({
  label: `Run macro ${n} (the chat’s category first)`,
  group: 'Macros',
  scope: 'global',
  defaults: [`Mod+Shift+Digit${n}`],
  keywords: ['macro'],
  notInPalette: true,
});
const MACRO_COMMANDS = {
  runMacro1: macro(1),
  runMacro2: macro(2),
  runMacro3: macro(3),
  runMacro4: macro(4),
  runMacro5: macro(5),
  runMacro6: macro(6),
  runMacro7: macro(7),
  runMacro8: macro(8),
  runMacro9: macro(9),
  undoMacro: { label: 'Undo the macro (until its reply is sent)', group: 'Macros', scope: 'global', defaults: [], keywords: ['revert', 'macro'] },
} as const satisfies Record<`runMacro${number}` | 'undoMacro', CommandSpec>;

export const COMMANDS: { readonly [K in CommandId]: CommandSpec } = {
  openPalette: { label: 'Command palette', group: 'General', scope: 'global', defaults: ['Mod+k'], inDialogs: true, keywords: ['commands', 'actions'] },
  searchCache: { label: 'Search cached chats', group: 'General', scope: 'global', defaults: ['Mod+Shift+f'], keywords: ['find', 'customer', 'message'] },
  goToReference: { label: 'Go to case by reference…', group: 'General', scope: 'global', defaults: [], keywords: ['ticket', 'number', 'open'] },
  openHelp: { label: 'Keyboard shortcuts', group: 'General', scope: 'command', defaults: ['?', 'Mod+/'], inDialogs: true, keywords: ['help', 'keys', 'cheat sheet'] },
  openSettings: { label: 'Open settings', group: 'General', scope: 'global', defaults: ['Mod+,'], keywords: ['preferences', 'options'] },
  showChats: { label: 'Go to chats', group: 'General', scope: 'global', defaults: [], keywords: ['inbox', 'list'] },
  nextChat: { label: 'Next chat', group: 'Chats', scope: 'global', defaults: ['Alt+KeyJ'], keywords: ['tab', 'switch'] },
  prevChat: { label: 'Previous chat', group: 'Chats', scope: 'global', defaults: ['Alt+KeyK'], keywords: ['tab', 'switch'] },
  nextPane: { label: 'Next pane', group: 'Chats', scope: 'global', defaults: ['F6'], keywords: ['focus'] },
  prevPane: { label: 'Previous pane', group: 'Chats', scope: 'global', defaults: ['Shift+F6'], keywords: ['focus'] },
  leaveField: { label: 'Leave field', group: 'Chats', scope: 'global', defaults: ['Escape'] },
  accept: { label: 'Accept offered chat', group: 'Conversation', scope: 'global', defaults: ['Mod+Shift+a'] },
  decline: { label: 'Decline offered chat', group: 'Conversation', scope: 'global', defaults: ['Mod+Shift+x'], keywords: ['reject', 'offer'] },
  resolve: { label: 'Resolve', group: 'Conversation', scope: 'global', defaults: ['Mod+Shift+e'], keywords: ['done', 'close'] },
  reply: { label: 'Reply', group: 'Conversation', scope: 'command', defaults: ['r'], keywords: ['composer', 'write'] },
  note: { label: 'New internal note', group: 'Conversation', scope: 'command', defaults: ['n'], keywords: ['composer', 'internal'] },
  toggleNote: { label: 'Toggle reply / note', group: 'Conversation', scope: 'global', defaults: ['Mod+Shift+n'], keywords: ['composer', 'internal'] },
  presenceMenu: { label: 'Presence menu', group: 'Presence', scope: 'global', defaults: ['Mod+Shift+s'], keywords: ['status'] },
  setAvailable: { label: 'Set presence: Available', group: 'Presence', scope: 'global', defaults: [], keywords: ['status', 'online'] },
  setAway: { label: 'Set presence: Away', group: 'Presence', scope: 'global', defaults: [], keywords: ['status', 'break', 'pause'] },
  setOffline: { label: 'Set presence: Offline', group: 'Presence', scope: 'global', defaults: [], keywords: ['status'] },
  toggleTheme: { label: 'Switch light / dark theme', group: 'Appearance', scope: 'global', defaults: [], keywords: ['dark mode', 'colour', 'color'] },
  toggleDensity: { label: 'Switch compact / comfortable density', group: 'Appearance', scope: 'global', defaults: [], keywords: ['rows', 'spacing'] },
  toggleSound: { label: 'Turn sound on / off', group: 'Appearance', scope: 'global', defaults: [], keywords: ['mute', 'audio', 'notifications'] },
  listDown: { label: 'Move down the chat list (↓ also works)', group: 'Chat list', scope: 'list', defaults: ['j'] },
  listUp: { label: 'Move up the chat list (↑ also works)', group: 'Chat list', scope: 'list', defaults: ['k'] },
  listOpen: { label: 'Open the chat under the cursor', group: 'Chat list', scope: 'list', defaults: ['Enter'], fixed: true },
  dialogMove: { label: 'Move through the results', group: 'Dialogs', scope: 'dialog', defaults: ['ArrowDown', 'ArrowUp'], fixed: true },
  dialogRun: { label: 'Run the selected entry', group: 'Dialogs', scope: 'dialog', defaults: ['Enter'], fixed: true },
  dialogClose: { label: 'Close and go back where you were', group: 'Dialogs', scope: 'dialog', defaults: ['Escape'], fixed: true },
  oldestUnanswered: { label: 'Oldest unanswered chat', group: 'Tabs', scope: 'global', defaults: ['Mod+Shift+y'], keywords: ['waiting', 'longest', 'next'] },
  closeTab: { label: 'Close tab (keeps the draft)', group: 'Tabs', scope: 'global', defaults: ['Mod+w'], keywords: ['chat'] },
  reopenTab: { label: 'Reopen closed tab', group: 'Tabs', scope: 'global', defaults: ['Mod+Shift+t'], keywords: ['undo close', 'chat'] },
  moveTabLeft: { label: 'Move tab left', group: 'Tabs', scope: 'global', defaults: [], keywords: ['reorder'] },
  moveTabRight: { label: 'Move tab right', group: 'Tabs', scope: 'global', defaults: [], keywords: ['reorder'] },
  goToTab1: tab(1),
  goToTab2: tab(2),
  goToTab3: tab(3),
  goToTab4: tab(4),
  goToTab5: tab(5),
  goToTab6: tab(6),
  goToTab7: tab(7),
  goToTab8: tab(8),
  goToTab9: tab(9),
  ...MACRO_COMMANDS,
};

export const COMMAND_IDS = Object.keys(COMMANDS) as CommandId[];

export const isCommandId = (id: string): id is CommandId => Object.hasOwn(COMMANDS, id);
/** Whether the agent may change the command's keys. */
export const isRemappable = (id: CommandId): boolean => !COMMANDS[id].fixed && !COMMANDS[id].reserved;

/** The table as flat bindings (one row per default key), the shape the first table had. */
export const KEYMAP = COMMAND_IDS.flatMap((id) =>
  COMMANDS[id].defaults.map((text) => {
    const b = parseBinding(text);
    if (!b) throw new Error(`keymap: ${id} has a bad default ${text}`);
    return { id, label: COMMANDS[id].label, scope: COMMANDS[id].scope, ...b };
  }),
);

// ---- the effective keymap -----------------------------------------------------------------------

/** Each command's keys after the agent's changes (parsed). */
export type Keymap = ReadonlyMap<CommandId, readonly KeyBinding[]>;

const parseAll = (texts: readonly string[]): KeyBinding[] => texts.map(parseBinding).filter((b): b is KeyBinding => b !== null && layoutProblem(b) === null);

export function resolveKeymap(overrides: ShortcutOverrides = {}): Keymap {
  const map = new Map<CommandId, readonly KeyBinding[]>();
  for (const id of COMMAND_IDS) {
    const own = isRemappable(id) && Object.hasOwn(overrides, id) ? overrides[id] : undefined;
    map.set(id, own === undefined ? parseAll(COMMANDS[id].defaults) : own === null ? [] : parseAll(own));
  }
  return map;
}

export const DEFAULT_KEYMAP: Keymap = resolveKeymap();

/** The command's keys as canonical strings. */
export const bindingsOf = (keymap: Keymap, id: CommandId): string[] => (keymap.get(id) ?? []).map(formatBinding);

/** Whether the agent changed (or switched off) the command's keys. */
export function isChanged(keymap: Keymap, id: CommandId): boolean {
  const now = bindingsOf(keymap, id);
  const defaults = COMMANDS[id].defaults;
  return now.length !== defaults.length || now.some((b, i) => b !== defaults[i]);
}

// ---- matching ------------------------------------------------------------------------------------

export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  getModifierState?(key: string): boolean;
}

export const isMac = (): boolean => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

const LETTER = /^\p{L}$/u;

/** Whether a key event is this binding (never under AltGr). */
export function matchesBinding(e: KeyLike, b: KeyBinding, mac = isMac()): boolean {
  if (e.getModifierState?.('AltGraph')) return false;
  if ((e.ctrlKey || e.metaKey) && e.altKey) return false; // Ctrl+Alt is AltGr on Windows; we bind none
  const mod = mac ? e.metaKey : e.ctrlKey;
  const other = mac ? e.ctrlKey : e.metaKey;
  if (other || mod !== b.mod || e.altKey !== b.alt) return false;
  if (b.code) return e.code === b.code && e.shiftKey === b.shift;
  const key = e.key === ' ' ? 'Space' : e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (b.key === undefined || key !== b.key) return false;
  // A digit or punctuation key may need Shift on one layout and not another ("?", "/"): its
  // character decides. A letter or named key says whether Shift is part of it.
  const shiftFree = !b.shift && b.key.length === 1 && !LETTER.test(b.key);
  return shiftFree || e.shiftKey === b.shift;
}

/**
 * The command a key event triggers in the given scopes, or null. Command-mode keys never fire
 * in a text field, and neither does any plain character key (it is the agent's text).
 */
export function matchShortcut(
  e: KeyLike,
  inTextField: boolean,
  keymap: Keymap = DEFAULT_KEYMAP,
  scopes: readonly Scope[] = ['global', 'command'],
): CommandId | null {
  for (const id of COMMAND_IDS) {
    const spec = COMMANDS[id];
    if (spec.reserved || !scopes.includes(spec.scope)) continue;
    if (spec.scope === 'command' && inTextField) continue;
    for (const b of keymap.get(id) ?? []) {
      if (inTextField && !b.mod && !b.alt && isPrintableKey(b)) continue;
      if (matchesBinding(e, b)) return id;
    }
  }
  return null;
}

export function isTextField(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(el.type);
  return el instanceof HTMLElement && el.isContentEditable;
}

// ---- labels ----------------------------------------------------------------------------------------

const KEY_LABELS: Record<string, string> = {
  Escape: 'Esc',
  ArrowUp: '↑',
  ArrowDown: '↓',
  ArrowLeft: '←',
  ArrowRight: '→',
  Space: 'Space',
  PageUp: 'PgUp',
  PageDown: 'PgDn',
};

/** "Ctrl+Shift+E" or "⌘⇧E", for hints, tooltips, the palette and help. */
export function bindingLabel(binding: KeyBinding | string, mac = isMac()): string {
  const b = typeof binding === 'string' ? parseBinding(binding) : binding;
  if (!b) return '';
  const key = b.code ? b.code.replace(/^(Key|Digit)/, '') : (KEY_LABELS[b.key ?? ''] ?? ((b.key ?? '').length === 1 ? (b.key ?? '').toUpperCase() : (b.key ?? '')));
  const parts = [b.mod ? (mac ? '⌘' : 'Ctrl') : '', b.alt ? (mac ? '⌥' : 'Alt') : '', b.shift ? (mac ? '⇧' : 'Shift') : '', key].filter(Boolean);
  return parts.join(mac ? '' : '+');
}

/** The first key of a command as a label ('' when it has none). */
export function shortcutLabel(id: CommandId, keymap: Keymap = DEFAULT_KEYMAP, mac = isMac()): string {
  const first = keymap.get(id)?.[0];
  return first ? bindingLabel(first, mac) : '';
}

/** The `aria-keyshortcuts` value of a command's keys ("Control+Shift+E"). */
export function ariaKeyShortcuts(id: CommandId, keymap: Keymap = DEFAULT_KEYMAP, mac = isMac()): string | undefined {
  const names = (keymap.get(id) ?? []).map((b) => {
    const key = b.code ? b.code.replace(/^(Key|Digit)/, '') : b.key === 'Space' ? 'Space' : (b.key ?? '').length === 1 ? (b.key ?? '').toUpperCase() : (b.key ?? '');
    return [b.mod ? (mac ? 'Meta' : 'Control') : '', b.alt ? 'Alt' : '', b.shift ? 'Shift' : '', key].filter(Boolean).join('+');
  });
  return names.length > 0 ? names.join(' ') : undefined;
}

// ---- remapping ----------------------------------------------------------------------------------

/** Keys that move focus, activate controls or edit text; widgets need them as they are. */
const WIDGET_KEYS = new Set(['Tab', 'Enter', 'Space', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown', 'Backspace', 'Delete']);
/** Mod+letter chords the system and text editing own (copy, paste, undo, close, quit…). */
const SYSTEM_CHORDS = new Set(['a', 'c', 'v', 'x', 'z', 'y', 'w', 'q', 't', 'n', 'h', 'm']);

/** Why this binding can't be the command's, or null. Conflicts are `findConflict`'s. */
export function bindingProblem(id: CommandId, text: string, mac = isMac()): string | null {
  const b = parseBinding(text);
  if (!b) return 'That is not a key combination Agent Desk can use.';
  const layout = layoutProblem(b);
  if (layout) return layout;
  const spec = COMMANDS[id];
  const modName = mac ? '⌘' : 'Ctrl';
  const label = bindingLabel(b, mac);
  const plain = !b.mod && !b.alt;
  if (plain && b.key && WIDGET_KEYS.has(b.key)) return `${label} without ${modName} moves focus, activates buttons or edits text; pick a key with ${modName}.`;
  if (spec.scope === 'global' && plain && isPrintableKey(b))
    return `“${spec.label}” works everywhere, also while you type, so a plain key would type into the composer. Use ${modName}+a letter, ${modName}+Shift+a letter, or an F-key.`;
  // A command's own default stays allowed (Ctrl+W closes a chat tab, as it closes a browser tab).
  if (b.mod && !b.shift && b.key && SYSTEM_CHORDS.has(b.key) && !spec.defaults.includes(formatBinding(b)))
    return `${label} belongs to the system (copy, paste, undo, close…); pick another key.`;
  if (b.mod && b.shift && b.key === 'z') return `${label} is Redo; pick another key.`;
  return null;
}

const OVERLAP: Record<Scope, readonly Scope[]> = {
  global: ['global', 'command', 'list'],
  command: ['global', 'command', 'list'],
  list: ['global', 'command', 'list'],
  dialog: ['dialog'],
};

/** The other command that already answers this key where this command would, or null. */
export function findConflict(keymap: Keymap, id: CommandId, text: string): CommandId | null {
  const b = parseBinding(text);
  if (!b) return null;
  const canonical = formatBinding(b);
  for (const other of COMMAND_IDS) {
    if (other === id || !OVERLAP[COMMANDS[id].scope].includes(COMMANDS[other].scope)) continue;
    if (bindingsOf(keymap, other).includes(canonical)) return other;
  }
  return null;
}

export type RemapResult = { ok: true; overrides: ShortcutOverrides } | { ok: false; message: string };

/**
 * The agent's overrides with this command's keys changed: `null` switches it off. Refused, with
 * a sentence that says why, when a key is unsafe, unusable in the command's scope, or taken.
 */
export function remap(overrides: ShortcutOverrides, id: CommandId, bindings: readonly string[] | null, mac = isMac()): RemapResult {
  if (!isRemappable(id)) return { ok: false, message: `“${COMMANDS[id].label}” uses built-in keys that can't be changed.` };
  const next: ShortcutOverrides = { ...overrides };
  if (bindings === null) {
    next[id] = null;
    return { ok: true, overrides: next };
  }
  const canonical: string[] = [];
  for (const text of bindings) {
    const problem = bindingProblem(id, text, mac);
    if (problem) return { ok: false, message: problem };
    const c = formatBinding(parseBinding(text)!);
    if (!canonical.includes(c)) canonical.push(c);
  }
  if (canonical.length > 4) return { ok: false, message: 'A command can have at most 4 shortcuts.' };
  const keymap = resolveKeymap(overrides);
  for (const c of canonical) {
    const other = findConflict(keymap, id, c);
    if (other) {
      const taken = COMMANDS[other];
      return {
        ok: false,
        message: taken.reserved
          ? `${bindingLabel(c, mac)} is kept for “${taken.label}” (coming soon); pick another key.`
          : `${bindingLabel(c, mac)} is already “${taken.label}”. Change or switch off that shortcut first.`,
      };
    }
  }
  const defaults = COMMANDS[id].defaults;
  if (canonical.length === defaults.length && canonical.every((c, i) => c === defaults[i])) delete next[id];
  else next[id] = canonical;
  return { ok: true, overrides: next };
}

/** The overrides without this command's change (its default keys again). */
export function resetShortcut(overrides: ShortcutOverrides, id: CommandId): ShortcutOverrides {
  const { [id]: _gone, ...rest } = overrides;
  return rest;
}

/** A defaults key that a reset would bring back while another command now uses it. */
export function resetConflict(overrides: ShortcutOverrides, id: CommandId): CommandId | null {
  const keymap = resolveKeymap(resetShortcut(overrides, id));
  for (const c of COMMANDS[id].defaults) {
    const other = findConflict(keymap, id, c);
    if (other) return other;
  }
  return null;
}

// ---- recording a binding ------------------------------------------------------------------------

const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock', 'OS', 'Hyper', 'Super', 'Fn', 'FnLock', 'NumLock']);

/**
 * The binding a key press records: `{ binding }`, `{ problem }` (AltGr, a dead key…), or null
 * for a modifier on its own (keep listening).
 */
export function bindingFromEvent(e: KeyLike, mac = isMac()): { binding: string } | { problem: string } | null {
  if (MODIFIER_KEYS.has(e.key)) return null;
  const altGr = 'That is AltGr: it types a character on your keyboard layout. Use Ctrl+Shift with a letter instead.';
  if (e.getModifierState?.('AltGraph')) return { problem: altGr };
  if (e.ctrlKey && e.altKey) return { problem: altGr };
  if (e.key === 'Dead') return { problem: 'That key starts an accent on your layout; pick another key.' };
  if (mac ? e.ctrlKey : e.metaKey) return { problem: mac ? 'Use ⌘, ⇧ and ⌥ for shortcuts, not ⌃.' : 'Use Ctrl, Shift and Alt for shortcuts, not the Windows key.' };
  const mod = mac ? e.metaKey : e.ctrlKey;
  const physical = /^(Key[A-Z]|Digit[0-9])$/.test(e.code) ? e.code : null;
  let b: KeyBinding | null = null;
  if ((e.altKey || (mod && e.code.startsWith('Digit'))) && physical) b = { mod, alt: e.altKey, shift: e.shiftKey, code: physical };
  else {
    const key = e.key === ' ' ? 'Space' : e.key.length === 1 ? e.key.toLowerCase() : e.key;
    const text = formatBinding({ mod, alt: e.altKey, shift: e.shiftKey && (key.length > 1 || LETTER.test(key)), key });
    b = parseBinding(text);
  }
  if (!b) return { problem: 'Agent Desk can’t use that key; pick another.' };
  return { binding: formatBinding(b) };
}
