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
 * text field · list: the chat list has focus · panel: a list of the customer panel has focus ·
 * dialog: keys of the palette and overlays · viewer: while the image viewer (a modal with no
 * text field) is open; only the viewer listens for these (matchViewerCommand).
 */
export type Scope = 'global' | 'command' | 'list' | 'panel' | 'dialog' | 'viewer';

export const COMMAND_GROUPS = [
  'General',
  'Chats',
  'Conversation',
  'Case',
  'Customer panel',
  'Presence',
  'Appearance',
  'Chat list',
  'Dialogs',
  'Tabs',
  'Macros',
  'Assist',
  'Image viewer',
] as const;
export type CommandGroup = (typeof COMMAND_GROUPS)[number];

/** Said once under a group's title in help and settings, rather than on each of its rows. */
export const GROUP_NOTES: Partial<Record<CommandGroup, string>> = {
  'Image viewer': 'While the image viewer is open: it has no text field, so single keys are safe there.',
};

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
  /** Also answers with Shift held (the viewer's pan keys: Shift makes the step bigger). */
  shiftToo?: true;
  /** A held-down key runs it once (toggles and dialogs would flicker or stack). */
  once?: true;
}

export type CommandId =
  | 'openPalette'
  | 'searchCache'
  | 'goToReference'
  | 'openHelp'
  | 'openSettings'
  | 'showChats'
  | 'showBoard'
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
  | 'undoMacro'
  | CaseCommandId
  | PanelCommandId
  | AssistCommandId
  | ViewerCommandId;

export type CaseCommandId = 'case.assign' | 'case.escalate' | 'case.category' | 'case.priority' | 'case.tags' | 'case.merge' | 'case.logCall' | 'case.fromCall' | 'case.copyReference' | 'case.earlierCases';
export type AssistCommandId = 'assist.reply1' | 'assist.reply2' | 'assist.reply3' | 'assist.applyCategory' | 'assist.useSummary';
export type PanelCommandId = 'customer.insertSummary' | 'customer.togglePanel' | 'customer.rowMove' | 'customer.rowSelect';

/** The image viewer's commands, without the `viewer.` of their ids. */
export const VIEWER_COMMANDS = [
  'zoomIn',
  'zoomOut',
  'fit',
  'actualSize',
  'panLeft',
  'panRight',
  'panUp',
  'panDown',
  'rotate',
  'rotateBack',
  'previous',
  'next',
  'first',
  'last',
  'download',
  'toggleRedact',
  'addRegion',
  'placeRegion',
  'undoRegion',
  'close',
] as const;
export type ViewerCommand = (typeof VIEWER_COMMANDS)[number];
export type ViewerCommandId = `viewer.${ViewerCommand}`;

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

/**
 * The case's actions from the keyboard (UX.md §4 table): single keys in command mode, each
 * opening the customer panel's own dialog. `.` copies the reference, as in Zammad.
 */
const CASE_COMMANDS = {
  'case.assign': { label: 'Assign / transfer…', group: 'Case', scope: 'command', defaults: ['a'], once: true, keywords: ['transfer', 'hand over', 'colleague', 'agent'] },
  'case.escalate': { label: 'Escalate…', group: 'Case', scope: 'command', defaults: ['!'], once: true, keywords: ['tier', 'senior', 'supervisor', 'complaint'] },
  'case.category': { label: 'Set category…', group: 'Case', scope: 'command', defaults: ['l'], once: true, keywords: ['label', 'topic'] },
  'case.priority': { label: 'Set priority…', group: 'Case', scope: 'command', defaults: ['p'], once: true, keywords: ['urgent', 'high'] },
  'case.tags': { label: 'Edit tags…', group: 'Case', scope: 'command', defaults: ['#'], once: true, keywords: ['label', 'wrap-up'] },
  'case.merge': { label: 'Merge into another case…', group: 'Case', scope: 'global', defaults: [], once: true, keywords: ['combine', 'duplicate', 'join'] },
  'case.logCall': { label: 'Log a phone call…', group: 'Case', scope: 'global', defaults: [], once: true, keywords: ['phone', 'call', 'telephone'] },
  'case.fromCall': { label: 'New case from a call…', group: 'Case', scope: 'global', defaults: [], once: true, keywords: ['phone', 'call', 'telephone', 'caller', 'create', 'open', 'ticket'] },
  'case.copyReference': { label: 'Copy the case reference', group: 'Case', scope: 'command', defaults: ['.'], once: true, keywords: ['number', 'clipboard', 'ticket'] },
  // Mod+Shift+H: no other command, no Electron menu role and no Chromium shortcut uses it.
  'case.earlierCases': { label: 'Earlier cases of this customer…', group: 'Case', scope: 'global', defaults: ['Mod+Shift+h'], once: true, keywords: ['history', 'previous', 'past', 'tickets'] },
} as const satisfies Record<CaseCommandId, CommandSpec>;

/**
 * The customer panel's keys. Ctrl+Shift+I: "I" for insert; on Windows/Linux a development
 * build's menu also has Toggle Developer Tools there (menu-template.ts, dev only), and the
 * console takes the key first. The lists' own keys are the tree and listbox widgets'.
 */
const PANEL_COMMANDS = {
  'customer.insertSummary': {
    label: 'Insert the selected order, installment or transaction into the reply',
    group: 'Customer panel',
    scope: 'global',
    defaults: ['Mod+Shift+i'],
    once: true,
    keywords: ['summary', 'row', 'context'],
  },
  'customer.togglePanel': { label: 'Show or hide the customer panel', group: 'Customer panel', scope: 'global', defaults: ['Mod+Shift+o'], once: true, keywords: ['context', 'sidebar', 'account'] },
  'customer.rowMove': { label: 'Move through orders, installments or transactions (Home, End too)', group: 'Customer panel', scope: 'panel', defaults: ['ArrowDown', 'ArrowUp'], fixed: true },
  'customer.rowSelect': { label: 'Select the row, to insert it into the reply', group: 'Customer panel', scope: 'panel', defaults: ['Enter', 'Space'], fixed: true },
} as const satisfies Record<PanelCommandId, CommandSpec>;

/**
 * Assist (issue 9): the suggested replies above the composer, the category triage reads from the
 * first message, the handover summary in the transfer and escalation dialogs.
 * Suggestions are F1–F3, not Alt+1–3: Alt with a digit types @ £ $ € on Polish, German and Nordic
 * layouts (src/shared/keybinding.ts), Ctrl+1–8 are the tabs and Ctrl+Shift+1–9 the macros. F1–F3
 * type nothing, so they work while the agent writes; no Electron menu role uses them (on macOS
 * they need fn, or a remap). Ctrl+Shift+L: L sets the category (UX.md §4), Shift takes the
 * suggested one. Ctrl+Shift+P in a dialog: "put" the summary into the note (not Ctrl+Shift+U,
 * which starts Unicode input in GTK/IBus text fields).
 */
const suggestion = (n: 1 | 2 | 3): CommandSpec => ({ label: `Insert suggested reply ${n}`, group: 'Assist', scope: 'global', defaults: [`F${n}`], keywords: ['suggestion', 'canned', 'assist'] });
const ASSIST_COMMANDS = {
  'assist.reply1': suggestion(1),
  'assist.reply2': suggestion(2),
  'assist.reply3': suggestion(3),
  'assist.applyCategory': { label: 'Set the suggested category ("Looks like…")', group: 'Assist', scope: 'global', defaults: ['Mod+Shift+l'], once: true, keywords: ['triage', 'category', 'label', 'topic'] },
  'assist.useSummary': { label: 'Put the handover summary into the note (transfer, escalate)', group: 'Assist', scope: 'dialog', defaults: ['Mod+Shift+p'], notInPalette: true, keywords: ['handover', 'summary'] },
} as const satisfies Record<AssistCommandId, CommandSpec>;

const viewer = (label: string, defaults: readonly string[], more: Partial<CommandSpec> = {}): CommandSpec => ({ label, group: 'Image viewer', scope: 'viewer', defaults, notInPalette: true, ...more });

/**
 * The image viewer's keys. Arrows pan (like scrolling a large picture; Shift: further), so
 * previous / next are PageUp / PageDown and `[` / `]` (Lightroom and most viewers); `+` / `=`
 * and `-` zoom, `0` fits, `1` is 100 %; R turns (Shift+R back); X redacts, where N adds a
 * region that the arrows move until Enter. The viewer has no text field, so `[` `]` typed with
 * AltGr (German, Nordic layouts) are taken by their character: no character is lost.
 */
const VIEWER_SPECS: { readonly [K in ViewerCommandId]: CommandSpec } = {
  'viewer.zoomIn': viewer('Zoom in', ['+', '=']),
  'viewer.zoomOut': viewer('Zoom out', ['-', '_']),
  'viewer.fit': viewer('Fit to window', ['0']),
  'viewer.actualSize': viewer('Actual size (100 %)', ['1']),
  'viewer.panLeft': viewer('Pan left (Shift: further)', ['ArrowLeft'], { shiftToo: true }),
  'viewer.panRight': viewer('Pan right (Shift: further)', ['ArrowRight'], { shiftToo: true }),
  'viewer.panUp': viewer('Pan up (Shift: further)', ['ArrowUp'], { shiftToo: true }),
  'viewer.panDown': viewer('Pan down (Shift: further)', ['ArrowDown'], { shiftToo: true }),
  'viewer.rotate': viewer('Rotate clockwise', ['r']),
  'viewer.rotateBack': viewer('Rotate counter-clockwise', ['Shift+r']),
  'viewer.previous': viewer('Previous image', ['PageUp', '[']),
  'viewer.next': viewer('Next image', ['PageDown', ']']),
  'viewer.first': viewer('First image', ['Home']),
  'viewer.last': viewer('Last image', ['End']),
  'viewer.download': viewer('Download image', ['Mod+s']),
  'viewer.toggleRedact': viewer('Redact regions', ['x']),
  'viewer.addRegion': viewer('Add a region in the middle (redacting); then arrows move it, Shift+arrows resize it', ['n']),
  'viewer.placeRegion': viewer('Place the region (redacting)', ['Enter'], { fixed: true }),
  'viewer.undoRegion': viewer('Remove the last region (redacting)', ['Backspace', 'Delete', 'Mod+z']),
  'viewer.close': viewer('Close the viewer (leave redacting first)', ['Escape'], { fixed: true }),
};

export const COMMANDS: { readonly [K in CommandId]: CommandSpec } = {
  openPalette: { label: 'Command palette', group: 'General', scope: 'global', defaults: ['Mod+k'], inDialogs: true, keywords: ['commands', 'actions'] },
  searchCache: { label: 'Search cached chats', group: 'General', scope: 'global', defaults: ['Mod+Shift+f'], keywords: ['find', 'customer', 'message'] },
  goToReference: { label: 'Go to case by reference…', group: 'General', scope: 'global', defaults: [], keywords: ['ticket', 'number', 'open'] },
  openHelp: { label: 'Keyboard shortcuts', group: 'General', scope: 'command', defaults: ['?', 'Mod+/'], inDialogs: true, keywords: ['help', 'keys', 'cheat sheet'] },
  openSettings: { label: 'Open settings', group: 'General', scope: 'global', defaults: ['Mod+,'], keywords: ['preferences', 'options'] },
  showChats: { label: 'Go to chats', group: 'General', scope: 'global', defaults: [], keywords: ['inbox', 'list'] },
  // Ctrl+Shift+G: G as in UX.md's "G B" (go to board; sequences are not matched yet); pressed on
  // the board it goes back to the chats. Supervisors only. Chromium's find-previous yields it to the page.
  showBoard: { label: 'Supervisor board (again: back to chats)', group: 'General', scope: 'global', defaults: ['Mod+Shift+g'], keywords: ['floor', 'queues', 'supervisor', 'figures', 'sla'] },
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
  ...CASE_COMMANDS,
  ...PANEL_COMMANDS,
  ...ASSIST_COMMANDS,
  ...VIEWER_SPECS,
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

export interface MatchOptions {
  /**
   * A plain punctuation or digit binding also matches its character typed with AltGr (`]` is
   * AltGr+9 on German layouts). Only where no text field can take the character: the viewer.
   */
  altGrCharacters?: boolean;
  /** A binding without Shift also answers with Shift held. */
  shiftToo?: boolean;
}

/** Whether a key event is this binding (never under AltGr, but see `altGrCharacters`). */
export function matchesBinding(e: KeyLike, b: KeyBinding, mac = isMac(), options: MatchOptions = {}): boolean {
  const altGr = e.getModifierState?.('AltGraph') === true || ((e.ctrlKey || e.metaKey) && e.altKey); // Ctrl+Alt is AltGr on Windows; we bind none
  const typedCharacter = options.altGrCharacters === true && !b.mod && !b.alt && !b.shift && b.key !== undefined && b.key.length === 1 && !LETTER.test(b.key) && e.key === b.key;
  if (altGr) return typedCharacter;
  if (typedCharacter && e.altKey && !e.ctrlKey && !e.metaKey) return true; // Option+6 is `]` on a German Mac
  const mod = mac ? e.metaKey : e.ctrlKey;
  const other = mac ? e.ctrlKey : e.metaKey;
  if (other || mod !== b.mod || e.altKey !== b.alt) return false;
  const shiftOk = e.shiftKey === b.shift || (options.shiftToo === true && !b.shift);
  if (b.code) return e.code === b.code && shiftOk;
  const key = e.key === ' ' ? 'Space' : e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (b.key === undefined || key !== b.key) return false;
  // A digit or punctuation key may need Shift on one layout and not another ("?", "/"): its
  // character decides. A letter or named key says whether Shift is part of it.
  const shiftFree = !b.shift && b.key.length === 1 && !LETTER.test(b.key);
  return shiftFree || shiftOk;
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

/**
 * The viewer command a key press means while the image viewer is open, or null. The viewer has
 * no text field, so punctuation typed with AltGr counts as its character (see MatchOptions).
 */
export function matchViewerCommand(e: KeyLike, keymap: Keymap = DEFAULT_KEYMAP, mac = isMac()): ViewerCommand | null {
  for (const name of VIEWER_COMMANDS) {
    const id: ViewerCommandId = `viewer.${name}`;
    const options = { altGrCharacters: true, shiftToo: COMMANDS[id].shiftToo === true };
    if ((keymap.get(id) ?? []).some((b) => matchesBinding(e, b, mac, options))) return name;
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
/** Widget keys the image viewer may use for its commands: Tab, Enter and Space stay its buttons'. */
const VIEWER_OWN_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown', 'Backspace', 'Delete']);
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
  // The viewer has no text field: its arrows, paging and deleting keys are its own.
  const widgetKey = plain && b.key !== undefined && WIDGET_KEYS.has(b.key) && !(spec.scope === 'viewer' && VIEWER_OWN_KEYS.has(b.key));
  if (widgetKey) return `${label} without ${modName} moves focus, activates buttons or edits text; pick a key with ${modName}.`;
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
  panel: ['panel'],
  dialog: ['dialog'],
  viewer: ['viewer'],
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
