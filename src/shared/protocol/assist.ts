/**
 * What the desk server gives the desktop for assist (issue 9, docs/assist.md): the resolved cases
 * suggested replies and similar cases are ranked from, on the agent's machine and offline.
 */
import { z } from 'zod';
import { Category } from '../domain';

export const CorpusCase = z.object({
  id: z.string(),
  reference: z.string(),
  regionId: z.string(),
  category: Category,
  language: z.string().nullable(),
  /** The customer's side, card-masked, shortened. */
  text: z.string().max(1200),
  outcome: z.string().nullable(),
  /** How it was resolved: the agent's last answer, shortened. */
  resolution: z.string().max(600),
  /** The canned replies agents used on the case. */
  shortcuts: z.array(z.string().max(64)).max(20),
  resolvedAt: z.string(),
});
export type CorpusCase = z.infer<typeof CorpusCase>;

export const CorpusResponse = z.object({
  generatedAt: z.string(),
  cases: z.array(CorpusCase).max(5000),
});
export type CorpusResponse = z.infer<typeof CorpusResponse>;
