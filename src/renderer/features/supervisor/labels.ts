/** Words for the board: region names (the demo world's; an unknown id shows as itself), channels, presence. */
import type { Channel, Presence } from '../../../shared/domain';
import type { FigureRange } from '../../../shared/protocol/supervisor';

const REGION_NAMES: Readonly<Record<string, string>> = {
  'eu-north': 'Nordics',
  'eu-central': 'Central Europe',
  uk: 'United Kingdom',
  na: 'North America',
  au: 'Australia',
};
export const regionName = (id: string): string => REGION_NAMES[id] ?? id;
const REGION_SHORT: Readonly<Record<string, string>> = { 'eu-north': 'NO', 'eu-central': 'CE', uk: 'UK', na: 'NA', au: 'AU' };
/** Two letters for a chart's axis. */
export const regionShort = (id: string): string => REGION_SHORT[id] ?? id;

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
