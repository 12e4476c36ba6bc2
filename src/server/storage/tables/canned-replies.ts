import type { CannedLanguage, CannedReplyRow } from '../../../shared/domain';
import type { Db } from '../db';

export interface CannedReplyDbRow {
  id: string;
  category: CannedReplyRow['category'];
  language: CannedLanguage;
  title: string;
  shortcut: string;
  body: string;
  version: number;
}

export const toWireCannedReply = (r: CannedReplyDbRow): CannedReplyRow => ({
  id: r.id,
  category: r.category,
  language: r.language,
  title: r.title,
  shortcut: r.shortcut,
  body: r.body,
  version: r.version,
});

export function createCannedRepliesTable(db: Db) {
  const all = db.prepare<[], CannedReplyDbRow>('SELECT * FROM canned_replies ORDER BY category, language, title');
  const byId = db.prepare<[string], CannedReplyDbRow>('SELECT * FROM canned_replies WHERE id = ?');
  const insert = db.prepare<[CannedReplyDbRow]>(
    'INSERT INTO canned_replies (id, category, language, title, shortcut, body, version) VALUES (@id, @category, @language, @title, @shortcut, @body, @version)',
  );
  const keys = db.prepare<[], { language: CannedLanguage; shortcut: string }>('SELECT language, shortcut FROM canned_replies');
  return {
    all: (): CannedReplyRow[] => all.all().map(toWireCannedReply),
    get: (id: string): CannedReplyRow | null => {
      const r = byId.get(id);
      return r ? toWireCannedReply(r) : null;
    },
    insert: (r: CannedReplyDbRow): void => void insert.run(r),
    /** `language:shortcut` of every reply, to add only the missing ones. */
    keys: (): Set<string> => new Set(keys.all().map((k) => `${k.language}:${k.shortcut}`)),
  };
}
