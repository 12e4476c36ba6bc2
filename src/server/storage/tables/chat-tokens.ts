import type { Db } from '../db';

/** A customer's per-chat bearer tokens, stored as SHA-256 hashes; a chat may have several. */
export interface ChatTokenRow {
  token_hash: string;
  ticket_id: string;
  customer_id: string;
  created_at: string;
}

export function createChatTokensTable(db: Db) {
  const insert = db.prepare(`INSERT INTO chat_tokens (token_hash, ticket_id, customer_id, created_at) VALUES (@token_hash, @ticket_id, @customer_id, @created_at)`);
  const byHash = db.prepare<[string], ChatTokenRow>('SELECT * FROM chat_tokens WHERE token_hash = ?');
  return {
    insert: (r: ChatTokenRow): void => void insert.run(r),
    getByHash: (hash: string): ChatTokenRow | null => byHash.get(hash) ?? null,
  };
}
export type ChatTokensTable = ReturnType<typeof createChatTokensTable>;
