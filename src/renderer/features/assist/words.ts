/** Words assist shows: language names from ISO 639-1 codes, moods, and how long ago the cases were fetched. */
import type { Mood } from '../../../shared/domain';

const displayNames = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(['en'], { type: 'language' }) : null;

/** "German" for 'de'; an unknown code shows as itself, upper-case. */
export function languageName(code: string): string {
  try {
    const name = displayNames?.of(code);
    return name && name.toLowerCase() !== code.toLowerCase() ? name : code.toUpperCase();
  } catch {
    return code.toUpperCase();
  }
}

/** The languages the agent reads without a second look: English (the desk's) and their own system language. */
export function agentLanguages(): ReadonlySet<string> {
  const own = typeof navigator !== 'undefined' ? navigator.language.split('-')[0]?.toLowerCase() : undefined;
  return new Set(['en', ...(own ? [own] : [])]);
}

/** Whether a language is worth pointing out to the agent (known, and not one they read anyway). */
export const isForeign = (code: string | null | undefined, known: ReadonlySet<string> = agentLanguages()): code is string => !!code && !known.has(code.toLowerCase());

/** The moods worth a chip; neutral (and not measured) says nothing. */
export const MOOD_WORDS: Partial<Record<Mood, string>> = { angry: 'Angry', unhappy: 'Unhappy', happy: 'Happy' };

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "just now", "5 minutes ago", "2 hours ago", "yesterday". */
export function timeAgo(iso: string, nowMs: number): string {
  const seconds = Math.round((nowMs - Date.parse(iso)) / 1000);
  if (!Number.isFinite(seconds)) return 'at an unknown time';
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return relative.format(-Math.floor(seconds / 60), 'minute');
  if (seconds < 86_400) return relative.format(-Math.floor(seconds / 3600), 'hour');
  return relative.format(-Math.floor(seconds / 86_400), 'day');
}

/** Text cut to about `max` characters at a word, with an ellipsis. */
export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s.,;:!?–-]+$/, '')}…`;
}
