/** The palette's entries: commands from the keymap table, filtered and ranked as the agent types. */
import { commandAvailability, runCommand } from '../../app/commands';
import { COMMAND_IDS, COMMANDS, type CommandId } from '../../app/keymap';
import type { Stores } from '../../app/stores';
import type { PaletteItem } from './palette-store';

export interface Filterable {
  label: string;
  detail?: string;
  keywords?: readonly string[];
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const wordsOf = (s: string) => fold(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/**
 * How well the query matches (0: not at all). Every query word must match; words at the start
 * of the label rank first, then word starts in the label, then anywhere in label, keywords or detail.
 */
export function matchScore(query: string, item: Filterable): number {
  const q = wordsOf(query);
  if (q.length === 0) return 1;
  const label = fold(item.label);
  const labelWords = wordsOf(item.label);
  const extra = [...(item.keywords ?? []), item.detail ?? ''].map(fold).join(' ');
  const extraWords = wordsOf(extra);
  if (label.startsWith(q.join(' '))) return 100;
  if (q.every((w) => labelWords.some((lw) => lw.startsWith(w)))) return 60;
  if (q.every((w) => label.includes(w))) return 40;
  if (q.every((w) => labelWords.some((lw) => lw.startsWith(w)) || extraWords.some((ew) => ew.startsWith(w)))) return 20;
  if (q.every((w) => label.includes(w) || extra.includes(w))) return 10;
  return 0;
}

/** The items that match, best first (ties keep their order). */
export function filterItems<T extends Filterable>(items: readonly T[], query: string): T[] {
  if (!query.trim()) return [...items];
  return items
    .map((item, i) => ({ item, i, score: matchScore(query, item) }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map((x) => x.item);
}

/** Commands the palette offers: not the list's or dialogs' own keys, not reserved ones, not itself. */
export function inPalette(id: CommandId): boolean {
  const c = COMMANDS[id];
  return !c.reserved && !c.fixed && !c.notInPalette && (c.scope === 'global' || c.scope === 'command') && id !== 'openPalette' && id !== 'leaveField';
}

export function commandItems(stores: Stores): (PaletteItem & { group: string })[] {
  return COMMAND_IDS.filter(inPalette).map((id) => ({
    id,
    label: COMMANDS[id].label,
    group: COMMANDS[id].group,
    keywords: COMMANDS[id].keywords,
    shortcut: id,
    disabled: commandAvailability(stores, id),
    run: () => void runCommand(stores, id),
  }));
}
