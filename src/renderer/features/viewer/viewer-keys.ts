/**
 * The image viewer's keys, from the one keymap table (src/renderer/app/keymap.ts, group "Image
 * viewer", scope `viewer`): remappable and switchable in settings, listed in help. They are
 * active only while the viewer (a modal dialog) is open; the dialog stops every key from
 * reaching the console's own shortcuts. Why these keys: see VIEWER_SPECS in keymap.ts.
 */
import { DEFAULT_KEYMAP, ariaKeyShortcuts, matchViewerCommand, shortcutLabel, type KeyLike, type Keymap, type ViewerCommand } from '../../app/keymap';

export type { ViewerCommand } from '../../app/keymap';

/** The command a key press means in the viewer, or null (with the agent's remaps). */
export function matchViewerKey(e: KeyLike, keymap: Keymap = DEFAULT_KEYMAP): ViewerCommand | null {
  return matchViewerCommand(e, keymap);
}

/** The first key of a command, for tooltips: "Zoom in (+)"; '' when the agent switched it off. */
export function keyHint(id: ViewerCommand, keymap: Keymap = DEFAULT_KEYMAP): string {
  return shortcutLabel(`viewer.${id}`, keymap);
}

/** "Zoom in (+)", or just "Zoom in" when the command has no key. */
export function withKeyHint(label: string, id: ViewerCommand, keymap: Keymap = DEFAULT_KEYMAP): string {
  const hint = keyHint(id, keymap);
  return hint ? `${label} (${hint})` : label;
}

/** The `aria-keyshortcuts` value of a command's keys. */
export function keyAria(id: ViewerCommand, keymap: Keymap = DEFAULT_KEYMAP): string | undefined {
  return ariaKeyShortcuts(`viewer.${id}`, keymap);
}
