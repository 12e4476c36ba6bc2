/**
 * The wrap-up an agent gives a case when resolving it (issue 8, "Case lifecycle"): how it ended,
 * its category confirmed or corrected, and free short tags. Shared by the desk server (which
 * validates and stores it) and the console (which offers it by keyboard).
 */
import { z } from 'zod';

/**
 * How a case ended, in the order the wrap-up offers them (1-4 picks one):
 * - solved: the customer's issue is fixed;
 * - workaround: the customer can go on, the cause stays (e.g. a known incident);
 * - not_solvable: nothing the desk can do (a policy, a merchant's decision), told to the customer;
 * - duplicate: the same issue is handled in another case.
 */
export const RESOLVE_OUTCOMES = ['solved', 'workaround', 'not_solvable', 'duplicate'] as const;
export const ResolveOutcome = z.enum(RESOLVE_OUTCOMES);
export type ResolveOutcome = z.infer<typeof ResolveOutcome>;

export const OUTCOME_LABELS: Record<ResolveOutcome, string> = {
  solved: 'Solved',
  workaround: 'Workaround given',
  not_solvable: 'Cannot be solved',
  duplicate: 'Duplicate',
};

export const MAX_TAGS = 10;
export const MAX_TAG_LENGTH = 30;

/** One tag as stored: NFC, trimmed, inner whitespace collapsed to one space, lower-case. */
export function normaliseTag(raw: string): string {
  return raw.normalize('NFC').trim().replace(/\s+/gu, ' ').toLocaleLowerCase('en-US');
}

/** Tags as stored: each normalised, empty ones dropped, duplicates dropped (first kept, in order). */
export function normaliseTags(raw: readonly string[]): string[] {
  const out: string[] = [];
  for (const r of raw) {
    const t = normaliseTag(r);
    if (t && !out.includes(t)) out.push(t);
  }
  return out;
}

/** Why a list of tags cannot be stored, in one sentence; null when it can. */
export function tagsProblem(tags: readonly string[]): string | null {
  if (tags.length > MAX_TAGS) return `At most ${MAX_TAGS} tags.`;
  const long = tags.find((t) => [...t].length > MAX_TAG_LENGTH);
  return long ? `A tag has at most ${MAX_TAG_LENGTH} characters ("${long.slice(0, 12)}…" is longer).` : null;
}

/** The tags of a mutation: normalised on parse, then at most 10 of at most 30 characters each. */
export const Tags = z
  .array(z.string().max(200))
  .max(50)
  .transform(normaliseTags)
  .superRefine((tags, ctx) => {
    const problem = tagsProblem(tags);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
