import type { Db } from '../db';

/** Which agent a desktop installation's client id belongs to. */
export function createSyncClientsTable(db: Db) {
  const get = db.prepare<[string], { agent_id: string }>('SELECT agent_id FROM sync_clients WHERE client_id = ?');
  const insert = db.prepare('INSERT INTO sync_clients (client_id, agent_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)');
  const touch = db.prepare('UPDATE sync_clients SET last_seen_at = ? WHERE client_id = ?');
  return {
    /** Binds the client id to the agent on first sight; false if another agent owns it. */
    claim(clientId: string, agentId: string, at: string): boolean {
      const owner = get.get(clientId)?.agent_id;
      if (owner === undefined) {
        insert.run(clientId, agentId, at, at);
        return true;
      }
      if (owner !== agentId) return false;
      touch.run(at, clientId);
      return true;
    },
  };
}
