import type { Db } from '../db';
import { toAgent, type Agent, type AgentDbRow } from './agents';

/**
 * The agent row locked for a routing decision (an offer, a transfer): capacity is counted after
 * it, so two nodes cannot both give an agent its last free slot.
 *
 * Its own module (`tx.agentLocks`) rather than `agents.getForUpdate` only because the PostgreSQL
 * agents repository already implements `AgentsTable` as it is; fold it into `agents.ts` when
 * that repository gains the method.
 */
export function createAgentLocksTable(db: Db) {
  const byId = db.prepare<[string], AgentDbRow>('SELECT * FROM agents WHERE id = ?');
  return {
    /**
     * PostgreSQL: `SELECT * FROM agents WHERE id = $1 FOR UPDATE` (held to the end of the
     * transaction; count the agent's load after it). SQLite: a plain select (one writer).
     */
    getForUpdate: (id: string): Agent | null => {
      const r = byId.get(id);
      return r ? toAgent(r) : null;
    },
  };
}
export type AgentLocksTable = ReturnType<typeof createAgentLocksTable>;
