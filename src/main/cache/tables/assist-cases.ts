/** The resolved cases assist ranks from (cache migration 0120): one row, replaced at each fetch. */
import { z } from 'zod';
import { CorpusCase } from '../../../shared/protocol/assist';
import type { CacheDb } from '../db';

export interface StoredCases {
  fetchedAt: string;
  cases: CorpusCase[];
}

export function createAssistCasesTable(db: CacheDb) {
  const get = db.prepare<[], { fetched_at: string; body_json: string }>('SELECT fetched_at, body_json FROM assist_cases WHERE singleton = 1');
  const put = db.prepare<[string, string]>(
    `INSERT INTO assist_cases (singleton, fetched_at, body_json) VALUES (1, ?, ?)
     ON CONFLICT (singleton) DO UPDATE SET fetched_at = excluded.fetched_at, body_json = excluded.body_json`,
  );
  return {
    get(): StoredCases | null {
      const row = get.get();
      if (!row) return null;
      // A row written by an older build (or damaged) is dropped rather than trusted.
      const parsed = z.array(CorpusCase).safeParse(JSON.parse(row.body_json));
      return parsed.success ? { fetchedAt: row.fetched_at, cases: parsed.data } : null;
    },
    put(fetchedAt: string, cases: readonly CorpusCase[]): void {
      put.run(fetchedAt, JSON.stringify(cases));
    },
  };
}
export type AssistCasesTable = ReturnType<typeof createAssistCasesTable>;
