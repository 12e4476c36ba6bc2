/**
 * The resolved cases the desktop ranks suggested replies and similar cases from (issue 9,
 * docs/assist.md): the most recent resolved cases of the agent's regions, each as the customer's
 * side (shortened, card-masked as every stored message is), how it ended and which canned replies
 * agents used. Built at most once per `ttlMs` for the whole node (agents fetch it when they sign in
 * and now and then); an agent gets the cases of its own regions only.
 */
import type { CorpusCase, CorpusResponse } from '../../shared/protocol/assist';
import type { Deps } from '../deps';
import type { Agent } from '../storage/tables/agents';
import type { MessageDbRow } from '../storage/tables/messages';

export interface CorpusOptions {
  /** How many recent resolved cases (default 2,000). */
  cases?: number;
  /** How long one build serves (default 10 minutes). */
  ttlMs?: number;
}

const TEXT_MAX = 600;
const RESOLUTION_MAX = 300;

const shorten = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`);

/** One resolved case as the desktop sees it, from its row and thread. */
export function corpusCase(
  t: { id: string; reference: string; region_id: string; category: CorpusCase['category']; subject: string; language: string | null; outcome: string | null; resolved_at: string | null },
  messages: readonly Pick<MessageDbRow, 'author_kind' | 'body' | 'canned_shortcut'>[],
): CorpusCase {
  const customer = messages.filter((m) => m.author_kind === 'customer').map((m) => m.body);
  const texts = customer.length > 0 && customer[0] === t.subject ? customer : [t.subject, ...customer];
  const agentLines = messages.filter((m) => m.author_kind === 'agent');
  const shortcuts = [...new Set(messages.map((m) => m.canned_shortcut).filter((s): s is string => typeof s === 'string' && s.length > 0))].slice(0, 20);
  return {
    id: t.id,
    reference: t.reference,
    regionId: t.region_id,
    category: t.category,
    language: t.language,
    text: shorten(texts.join('\n'), TEXT_MAX),
    outcome: t.outcome,
    resolution: shorten(agentLines.at(-1)?.body ?? '', RESOLUTION_MAX),
    shortcuts,
    resolvedAt: t.resolved_at ?? '',
  };
}

export function createCaseCorpus(deps: Pick<Deps, 'storage' | 'clock'>, opts: CorpusOptions = {}) {
  const limit = opts.cases ?? 2_000;
  const ttlMs = opts.ttlMs ?? 10 * 60_000;
  interface Built {
    at: number;
    generatedAt: string;
    cases: CorpusCase[];
  }
  let built: Built | null = null;
  let building: Promise<Built> | null = null;

  async function build(): Promise<Built> {
    const cases = await deps.storage.read(async (tx) => {
      const rows = await tx.tickets.recentResolved(limit);
      const out: CorpusCase[] = [];
      for (const t of rows) out.push(corpusCase(t, await tx.messages.publicForTicket(t.id)));
      return out;
    });
    const now = deps.clock.now();
    return { at: now.getTime(), generatedAt: now.toISOString(), cases };
  }

  return {
    async forAgent(agent: Pick<Agent, 'role' | 'regions'>): Promise<CorpusResponse> {
      let current = built;
      if (!current || deps.clock.now().getTime() - current.at > ttlMs) {
        building ??= build().finally(() => (building = null));
        current = built = await building;
      }
      const regions = new Set(agent.regions);
      const cases = agent.role === 'supervisor' ? current.cases : current.cases.filter((c) => regions.has(c.regionId));
      return { generatedAt: current.generatedAt, cases };
    },
    /** Forgets the build (tests). */
    invalidate(): void {
      built = null;
    },
  };
}
export type CaseCorpus = ReturnType<typeof createCaseCorpus>;
