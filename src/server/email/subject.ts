/**
 * Case references in mail subjects: `Re: Refund [Ref ABCD-2345]` threads into case ABCD-2345.
 * A reference counts when its check character is right (shared/reference.ts), so a word that
 * merely looks like one (`ORDER-1234`) starts no false thread.
 */
import { parseReference } from '../../shared/reference';

/** `[Ref ABCD-2345]` (any case, spaces or a dash inside) or a bare `ABCD-2345`. */
const TAGGED = /\[\s*ref(?:erence)?[\s:#]*([a-z0-9][a-z0-9 -]{6,10}[a-z0-9])\s*\]/gi;
const BARE = /(?<![a-z0-9-])([a-z0-9]{4}-[a-z0-9]{4})(?![a-z0-9-])/gi;
/** Reply and forward prefixes mail clients add, in a few languages, repeated. */
const PREFIXES = /^(?:\s*(?:re|fw|fwd|sv|vs|aw|wg|tr|antw)\s*(?:\[\d+\])?\s*:\s*)+/i;

/** The first valid reference the subject carries, tagged ones first; null when none. */
export function referenceInSubject(subject: string): string | null {
  for (const pattern of [TAGGED, BARE]) {
    for (const m of subject.matchAll(pattern)) {
      const parsed = parseReference(m[1]!);
      if (parsed.ok) return parsed.reference;
    }
  }
  return null;
}

/** The subject without reply prefixes and reference tags: what the case is about. */
export function bareSubject(subject: string): string {
  return subject.replace(TAGGED, ' ').replace(PREFIXES, '').replace(/\s+/g, ' ').trim();
}

/** The subject of the desk's reply: `Re: <subject> [Ref ABCD-2345]`, never `Re: Re:`. */
export function replySubject(subject: string, reference: string): string {
  const bare = bareSubject(subject);
  return `Re: ${bare ? `${bare} ` : ''}[Ref ${reference}]`;
}
