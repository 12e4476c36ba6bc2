/** The chat tokens repository on PostgreSQL (../../tables/chat-tokens.ts). */
import type { Kysely } from 'kysely';
import type { ChatTokenRow, ChatTokensTable } from '../../tables/chat-tokens';
import type { AsyncTable } from '../../async-store';
import type { Database } from '../schema';

export function createPgChatTokensTable(db: Kysely<Database>): AsyncTable<ChatTokensTable> {
  return {
    insert: async (r: ChatTokenRow): Promise<void> => {
      const { token_hash, ticket_id, customer_id, created_at } = r;
      await db.insertInto('chat_tokens').values({ token_hash, ticket_id, customer_id, created_at }).execute();
    },
    getByHash: async (hash: string): Promise<ChatTokenRow | null> =>
      (await db.selectFrom('chat_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst()) ?? null,
  };
}
