/**
 * The context panel's bindings, to be merged into the shared keymap (src/renderer/app/keymap.ts)
 * and from there into the palette, the `?` sheet and the remap settings. Until then the panel
 * listens for them itself (use-panel-keys.ts), with the keymap's rules: Ctrl on Windows/Linux,
 * ⌘ on macOS, letters matched on `event.key`, nothing under AltGraph, so no typed character is
 * taken on PL/DE/Nordic layouts (UX.md §4).
 *
 * Why Ctrl+Shift+I: "I" for insert; Shift+letter chords type nothing on any layout. On
 * Windows/Linux a development build's menu also has Toggle Developer Tools on Ctrl+Shift+I
 * (menu-template.ts, dev only); the panel handles the key first and prevents the default.
 */
import type { KeyLike } from '../../app/keymap';

export type PanelKeyId = 'customer.insertSummary' | 'customer.togglePanel';

export interface PanelKey {
  id: PanelKeyId;
  label: string;
  /** Keymap notation: `Mod` is Ctrl on Windows/Linux and ⌘ on macOS. */
  keys: string;
  /** G: anywhere, also in the composer (UX.md §4 scopes). */
  scope: 'global';
  /** The same binding in the shape of keymap.ts's `Binding`, for the merge. */
  binding: { key: string; mod: true; shift: true };
}

export const PANEL_KEYS: readonly PanelKey[] = [
  { id: 'customer.insertSummary', label: 'Insert the selected order, installment or transaction into the reply', keys: 'Mod+Shift+I', scope: 'global', binding: { key: 'i', mod: true, shift: true } },
  { id: 'customer.togglePanel', label: 'Show or hide the context panel', keys: 'Mod+Shift+O', scope: 'global', binding: { key: 'o', mod: true, shift: true } },
];

const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function matchPanelKey(e: KeyLike): PanelKeyId | null {
  if (e.getModifierState?.('AltGraph') || e.altKey) return null;
  const mac = isMac();
  const mod = mac ? e.metaKey : e.ctrlKey;
  const other = mac ? e.ctrlKey : e.metaKey;
  if (!mod || other || !e.shiftKey) return null;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  return PANEL_KEYS.find((k) => k.binding.key === key)?.id ?? null;
}

/** "Ctrl+Shift+I" or "⌘⇧I", for hints and tooltips. */
export function panelKeyLabel(id: PanelKeyId): string {
  const k = PANEL_KEYS.find((x) => x.id === id);
  if (!k) return '';
  return isMac() ? `⌘⇧${k.binding.key.toUpperCase()}` : `Ctrl+Shift+${k.binding.key.toUpperCase()}`;
}

/** For `aria-keyshortcuts`. */
export function panelKeyAria(id: PanelKeyId): string {
  const k = PANEL_KEYS.find((x) => x.id === id);
  return k ? `${isMac() ? 'Meta' : 'Control'}+Shift+${k.binding.key.toUpperCase()}` : '';
}
