import type { CannedReplyRow } from '../../../shared/domain';
import type { Db } from '../db';

interface CannedReplyDbRow {
  id: string;
  category: CannedReplyRow['category'];
  title: string;
  shortcut: string;
  body: string;
  version: number;
}

export function createCannedRepliesTable(db: Db) {
  const all = db.prepare<[], CannedReplyDbRow>('SELECT * FROM canned_replies ORDER BY category, title');
  const byId = db.prepare<[string], CannedReplyDbRow>('SELECT * FROM canned_replies WHERE id = ?');
  return {
    all: (): CannedReplyRow[] => all.all(),
    get: (id: string): CannedReplyRow | null => byId.get(id) ?? null,
  };
}

