/**
 * The canned replies repository on PostgreSQL (../../tables/canned-replies.ts), converted by the
 * same `toWireCannedReply`; listed in byte order (COLLATE "C", as SQLite's BINARY).
 */
import { sql, type Kysely } from 'kysely';
import type { CannedReplyRow } from '../../../../shared/domain';
import { toWireCannedReply, type CannedReplyDbRow, type createCannedRepliesTable } from '../../tables/canned-replies';
import type { AsyncTable } from '../../async-store';
import type { Database } from '../schema';

export function createPgCannedRepliesTable(db: Kysely<Database>): AsyncTable<ReturnType<typeof createCannedRepliesTable>> {
  return {
    all: async (): Promise<CannedReplyRow[]> =>
      (
        await db
          .selectFrom('canned_replies')
          .selectAll()
          .orderBy(sql`category COLLATE "C"`)
          .orderBy(sql`language COLLATE "C"`)
          .orderBy(sql`title COLLATE "C"`)
          .execute()
      ).map(toWireCannedReply),
    get: async (id: string): Promise<CannedReplyRow | null> => {
      const r = await db.selectFrom('canned_replies').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toWireCannedReply(r) : null;
    },
    insert: async (r: CannedReplyDbRow): Promise<void> => {
      const { id, category, language, title, shortcut, body, version } = r;
      await db.insertInto('canned_replies').values({ id, category, language, title, shortcut, body, version }).execute();
    },
    keys: async (): Promise<Set<string>> =>
      new Set((await db.selectFrom('canned_replies').select(['language', 'shortcut']).execute()).map((k) => `${k.language}:${k.shortcut}`)),
  };
}
