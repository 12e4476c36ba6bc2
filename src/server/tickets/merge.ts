/**
 * Merging two cases of the same customer (issue 8): the source is closed with `merged_into_id`,
 * its messages stay on it, the target carries on (desktops show both threads as one, by time);
 * the source's reference leads to the target wherever a reference is looked up.
 */
import type { AsyncReadTx } from '../storage/async-store';
import type { TicketDbRow } from '../storage/tables/tickets';

/** A merge chain is short (A into B, later B into C); this bounds a corrupt cycle. */
const MAX_HOPS = 10;

/** The case a reference leads to: the ticket itself, or the case it was (transitively) merged into. */
export async function followMerges(tx: AsyncReadTx, t: TicketDbRow | null): Promise<TicketDbRow | null> {
  let current = t;
  for (let hops = 0; current?.merged_into_id && hops < MAX_HOPS; hops++) {
    const next = await tx.tickets.get(current.merged_into_id);
    if (!next) break;
    current = next;
  }
  return current;
}

/** Why these two cases cannot be merged, or null. Both rows as this transaction read them for update. */
export function mergeProblem(source: TicketDbRow, target: TicketDbRow | null): string | null {
  if (!target) return 'That case does not exist.';
  if (source.id === target.id) return 'A case cannot be merged into itself.';
  if (source.customer_id !== target.customer_id) return 'Only cases of the same customer can be merged.';
  if (source.merged_into_id) return 'This case was already merged into another one.';
  if (target.merged_into_id) return 'That case was merged into another one; merge into that one instead.';
  if (target.status === 'closed') return 'That case is closed; merge the other way round.';
  return null;
}
