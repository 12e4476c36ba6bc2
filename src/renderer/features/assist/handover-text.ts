/** The handover summary as plain text, for the note of a transfer or an escalation (the agent edits it there). */
import type { HandoverSummary } from '../../../shared/api/contract';
import { MOOD_WORDS } from './words';

const list = (title: string, items: readonly string[]) => (items.length === 0 ? [] : [`${title}:`, ...items.map((i) => `- ${i}`)]);

export function handoverText(s: HandoverSummary): string {
  const mood = s.mood ? MOOD_WORDS[s.mood] : undefined;
  return [
    ...(s.request.trim() ? [`Request: ${s.request.trim()}`] : []),
    ...list('Done', s.done),
    ...list('Open questions', s.openQuestions),
    ...(mood ? [`Mood: ${mood}`] : []),
    ...list('Facts', s.facts),
  ].join('\n');
}

/** Whether the summary says anything at all. */
export const isEmptySummary = (s: HandoverSummary): boolean => !s.request.trim() && s.done.length === 0 && s.openQuestions.length === 0 && s.facts.length === 0 && !(s.mood && MOOD_WORDS[s.mood]);

/** The note with the summary added: below what the agent wrote, within the field's limit. */
export function noteWithSummary(note: string, s: HandoverSummary, max: number): string {
  const text = handoverText(s);
  const joined = note.trim() ? `${note.trimEnd()}\n\n${text}` : text;
  return joined.length <= max ? joined : `${joined.slice(0, max - 1)}…`;
}
