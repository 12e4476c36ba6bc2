/**
 * The typed schema kysely checks the PostgreSQL repositories against: the tables implemented so
 * far, column for column as in migrations.ts, typed so that a `selectAll()` row is the shared
 * `*DbRow` type of the SQLite table module (times as ISO text, JSON as text, integers as numbers:
 * int4 arrives as a number, int8 through the pool's parser in pool.ts). Add a table here when its
 * repository moves over.
 */
import type { Generated, GeneratedAlways } from 'kysely';
import type { Presence, Role, Tier } from '../../../shared/domain';
import type { AuditDbRow } from '../tables/audit-log';
import type { FeedDbRow } from '../tables/change-feed';

export interface AgentsTable {
  id: string;
  email: string;
  name: string;
  role: Role;
  tier: Tier;
  regions_json: string;
  capacity: Generated<number>;
  presence: Generated<Presence>;
  presence_reason: string | null;
  password_hash: string;
  last_assigned_at: string | null;
  version: Generated<number>;
  created_at: string;
}

export interface SessionsTable {
  id: string;
  agent_id: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  user_agent: string | null;
  ip: string | null;
}

export interface AuditLogTable {
  id: GeneratedAlways<number>;
  at: string;
  actor_kind: AuditDbRow['actor_kind'];
  actor_id: string | null;
  action: string;
  outcome: AuditDbRow['outcome'];
  ticket_id: string | null;
  customer_id: string | null;
  details_json: Generated<string>;
  ip: string | null;
}

export interface ChangeFeedTable {
  seq: GeneratedAlways<number>;
  /** xid8 as text: the appending transaction (feed-order.ts). */
  xid: Generated<string>;
  /** The public feed position, NULL until sequenced (sequencer.ts). */
  pos: Generated<number | null>;
  entity: FeedDbRow['entity'];
  entity_id: string;
  op: FeedDbRow['op'];
  ticket_id: string | null;
  customer_id: string | null;
  gained_by: string | null;
  lost_by: string | null;
  lost_region: string | null;
  gained_region: string | null;
  at: string;
}

export interface Database {
  agents: AgentsTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  change_feed: ChangeFeedTable;
}
