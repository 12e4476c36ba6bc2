/**
 * The colleagues a chat can be transferred to, from the agents in the desktop cache (their
 * presence and load arrive through the change feed): everyone who works the chat's queue, the
 * ones who can take it now first (least loaded first), the others after with the reason they
 * cannot. Colleagues of other regions or tiers are left out; the server applies the same rules.
 */
import type { TransferCandidate } from '../../shared/api/contract';
import type { AgentRow, TicketRow } from '../../shared/domain';
import { transferVerdict, type TransferBlock } from '../../shared/transfer';

/** Who cannot take it now, in the order they are listed: busy but here, then away, then gone. */
const BLOCKED_ORDER: Record<Exclude<TransferBlock, 'self' | 'queue'>, number> = { capacity: 0, presence: 1, assignee: 3 };
const PRESENCE_ORDER = { available: 0, away: 1, offline: 2 } as const;

export function transferCandidates(agents: readonly AgentRow[], senderId: string, ticket: Pick<TicketRow, 'regionId' | 'tier' | 'assigneeId'>): TransferCandidate[] {
  const listed: (TransferCandidate & { rank: number; ratio: number })[] = [];
  for (const a of agents) {
    const openChats = a.openChats ?? null;
    const verdict = transferVerdict(senderId, a, ticket, openChats);
    if (!verdict.ok && (verdict.block === 'self' || verdict.block === 'queue')) continue;
    listed.push({
      id: a.id,
      name: a.name,
      role: a.role,
      tier: a.tier,
      presence: a.presence,
      presenceReason: a.presenceReason,
      openChats,
      capacity: a.capacity,
      available: verdict.ok,
      reason: verdict.ok ? null : verdict.reason,
      rank: verdict.ok ? -1 : verdict.block === 'presence' ? BLOCKED_ORDER.presence + PRESENCE_ORDER[a.presence] : BLOCKED_ORDER[verdict.block as keyof typeof BLOCKED_ORDER],
      ratio: openChats === null || a.capacity <= 0 ? 1 : openChats / a.capacity,
    });
  }
  listed.sort((x, y) => x.rank - y.rank || (x.available ? x.ratio - y.ratio : 0) || x.name.localeCompare(y.name));
  return listed.map(({ rank: _rank, ratio: _ratio, ...c }) => c);
}
