/** Words for the board: region names (learnt from the board; an unknown id shows as itself), channels, presence. */
import type { Channel, Presence } from '../../../shared/domain';
import type { FigureRange } from '../../../shared/protocol/supervisor';

/**
 * Region names as the desk calls them, learnt from each board (`board.regions`); the renderer
 * cannot read the server's regions, and a region it has not heard of shows its id.
 */
const regionNames = new Map<string, string>();
export function learnRegionNames(regions: readonly { regionId: string; name: string }[]): void {
  for (const r of regions) regionNames.set(r.regionId, r.name);
}
export const regionName = (id: string): string => regionNames.get(id) ?? id;
/** Two letters for a chart's axis: the initials of a name of several words, else its first two letters. */
export function regionShort(id: string): string {
  const words = regionName(id).split(/[\s-]+/).filter(Boolean);
  const short = words.length > 1 ? words.map((w) => w[0]).join('') : (words[0] ?? id).slice(0, 2);
  return short.slice(0, 3).toUpperCase();
}

export const CHANNEL_WORDS: Record<Channel, string> = { chat: 'Chat', email: 'Email', phone: 'Phone' };
export const PRESENCE_WORDS: Record<Presence, string> = { available: 'Available', away: 'Away', offline: 'Offline' };
export const RANGE_WORDS: Record<FigureRange, string> = { today: 'Today', '7d': '7 days', '30d': '30 days' };

/** "42.5 %", or an en dash when nothing was counted. */
export const pctText = (v: number | null): string => (v === null ? '–' : `${v.toFixed(1)} %`);
/** "4:05", "1h 02m", or an en dash. */
export function secText(v: number | null): string {
  if (v === null) return '–';
  const s = Math.round(v);
  if (s < 3600) return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
