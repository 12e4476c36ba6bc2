import type { AgentRow as WireAgent, Presence, Role, Tier } from '../../../shared/domain';
import type { Db } from '../db';
import { parseJson } from './json';

export interface AgentDbRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  tier: Tier;
  regions_json: string;
  capacity: number;
  presence: Presence;
  presence_reason: string | null;
  password_hash: string;
  last_assigned_at: string | null;
  version: number;
  created_at: string;
}

export interface Agent {
  id: string;
  email: string;
  name: string;
  role: Role;
  tier: Tier;
  regions: string[];
  capacity: number;
  presence: Presence;
  presenceReason: string | null;
  lastAssignedAt: string | null;
  version: number;
}

export function toAgent(r: AgentDbRow): Agent {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    tier: r.tier,
    regions: parseJson<string[]>(r.regions_json, []),
    capacity: r.capacity,
    presence: r.presence,
    presenceReason: r.presence_reason,
    lastAssignedAt: r.last_assigned_at,
    version: r.version,
  };
}

/** What other desktops may know of an agent: no password hash, no timestamps; its load when given. */
export function toWireAgent(a: Agent, openChats?: number): WireAgent {
  return {
    id: a.id,
    email: a.email,
    name: a.name,
    role: a.role,
    tier: a.tier,
    regions: a.regions,
    capacity: a.capacity,
    presence: a.presence,
    presenceReason: a.presenceReason,
    ...(openChats === undefined ? {} : { openChats }),
  };
}

export function createAgentsTable(db: Db) {
  const byId = db.prepare<[string], AgentDbRow>('SELECT * FROM agents WHERE id = ?');
  const byEmail = db.prepare<[string], AgentDbRow>('SELECT * FROM agents WHERE email = ?');
  const all = db.prepare<[], AgentDbRow>('SELECT * FROM agents ORDER BY name');
  const insert = db.prepare(
    `INSERT INTO agents (id, email, name, role, tier, regions_json, capacity, presence, presence_reason, password_hash, created_at)
     VALUES (@id, @email, @name, @role, @tier, @regions_json, @capacity, @presence, @presence_reason, @password_hash, @created_at)`,
  );
  const setPresence = db.prepare(
    'UPDATE agents SET presence = ?, presence_reason = ?, capacity = ?, version = version + 1 WHERE id = ?',
  );
  const touchAssigned = db.prepare('UPDATE agents SET last_assigned_at = ? WHERE id = ?');
  const passwordHash = db.prepare<[string], { id: string; password_hash: string }>(
    'SELECT id, password_hash FROM agents WHERE email = ?',
  );
  return {
    get: (id: string): Agent | null => {
      const r = byId.get(id);
      return r ? toAgent(r) : null;
    },
    /**
     * The agent row locked for a routing decision (an offer, a transfer): capacity is counted
     * after it, so two nodes cannot both give an agent its last free slot. PostgreSQL: `FOR
     * UPDATE` (held to the end of the transaction). SQLite: a plain select (one writer).
     */
    getForUpdate: (id: string): Agent | null => {
      const r = byId.get(id);
      return r ? toAgent(r) : null;
    },
    getByEmail: (email: string): Agent | null => {
      const r = byEmail.get(email);
      return r ? toAgent(r) : null;
    },
    credentials: (email: string) => passwordHash.get(email) ?? null,
    all: (): Agent[] => all.all().map(toAgent),
    insert: (r: Omit<AgentDbRow, 'version' | 'last_assigned_at'>): void => void insert.run(r),
    setPresence: (id: string, presence: Presence, reason: string | null, capacity: number): void =>
      void setPresence.run(presence, reason, capacity, id),
    touchAssigned: (id: string, at: string): void => void touchAssigned.run(at, id),
  };
}
export type AgentsTable = ReturnType<typeof createAgentsTable>;
