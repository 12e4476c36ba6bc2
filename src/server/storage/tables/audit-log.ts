import type { Db } from '../db';

export interface AuditEntry {
  at: string;
  actorKind: 'agent' | 'customer' | 'system';
  actorId: string | null;
  action: string;
  outcome: 'ok' | 'denied' | 'rejected';
  ticketId?: string | null;
  customerId?: string | null;
  details?: Record<string, unknown>;
  ip?: string | null;
}

export interface AuditDbRow {
  id: number;
  at: string;
  actor_kind: AuditEntry['actorKind'];
  actor_id: string | null;
  action: string;
  outcome: AuditEntry['outcome'];
  ticket_id: string | null;
  customer_id: string | null;
  details_json: string;
  ip: string | null;
}

/** Append-only: every agent action, allowed or refused. */
export function createAuditLogTable(db: Db) {
  const insert = db.prepare(
    `INSERT INTO audit_log (at, actor_kind, actor_id, action, outcome, ticket_id, customer_id, details_json, ip)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const forTicket = db.prepare<[string], AuditDbRow>('SELECT * FROM audit_log WHERE ticket_id = ? ORDER BY id');
  const recent = db.prepare<[number], AuditDbRow>('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?');
  return {
    append: (e: AuditEntry): void =>
      void insert.run(e.at, e.actorKind, e.actorId, e.action, e.outcome, e.ticketId ?? null, e.customerId ?? null, JSON.stringify(e.details ?? {}), e.ip ?? null),
    forTicket: (ticketId: string): AuditDbRow[] => forTicket.all(ticketId),
    recent: (limit: number): AuditDbRow[] => recent.all(limit),
  };
}
export type AuditLogTable = ReturnType<typeof createAuditLogTable>;
