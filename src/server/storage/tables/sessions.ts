import type { Db } from '../db';

export interface SessionRow {
  id: string;
  agent_id: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  user_agent: string | null;
  ip: string | null;
}

export function createSessionsTable(db: Db) {
  const insert = db.prepare(
    `INSERT INTO sessions (id, agent_id, token_hash, created_at, expires_at, user_agent, ip)
     VALUES (@id, @agent_id, @token_hash, @created_at, @expires_at, @user_agent, @ip)`,
  );
  const byHash = db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE token_hash = ?');
  const byId = db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE id = ?');
  const revoke = db.prepare('UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  const forAgent = db.prepare<[string, string], SessionRow>(
    'SELECT * FROM sessions WHERE agent_id = ? AND revoked_at IS NULL AND expires_at > ? ORDER BY created_at DESC',
  );
  return {
    insert: (r: Omit<SessionRow, 'revoked_at'>): void => void insert.run(r),
    getByTokenHash: (hash: string): SessionRow | null => byHash.get(hash) ?? null,
    get: (id: string): SessionRow | null => byId.get(id) ?? null,
    revoke: (id: string, at: string): boolean => revoke.run(at, id).changes > 0,
    activeForAgent: (agentId: string, now: string): SessionRow[] => forAgent.all(agentId, now),
  };
}
export type SessionsTable = ReturnType<typeof createSessionsTable>;
