import type { Mutation } from '../../../shared/protocol/mutations';
import type { CacheDb } from '../db';
import { parseJson } from './json';

export interface OutboxEntry {
  seq: number;
  clientMsgId: string;
  kind: Mutation['kind'];
  mutation: Mutation;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
}

interface OutboxDbRow {
  seq: number;
  client_msg_id: string;
  kind: Mutation['kind'];
  payload_json: string;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
}

const toEntry = (r: OutboxDbRow): OutboxEntry => ({
  seq: r.seq,
  clientMsgId: r.client_msg_id,
  kind: r.kind,
  mutation: parseJson<Mutation>(r.payload_json, { kind: 'ticket.accept', clientMsgId: r.client_msg_id, ticketId: '' }),
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
});

/** The durable queue of mutations; seq comes from AUTOINCREMENT and is never reused. */
export function createOutboxTable(db: CacheDb) {
  const insert = db.prepare<[string, string, string, string, string]>(
    'INSERT INTO outbox (client_msg_id, kind, ticket_id, payload_json, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const list = db.prepare<[number], OutboxDbRow>(
    'SELECT seq, client_msg_id, kind, payload_json, attempts, next_attempt_at, last_error FROM outbox ORDER BY seq LIMIT ?',
  );
  const byClientId = db.prepare<[string], OutboxDbRow>(
    'SELECT seq, client_msg_id, kind, payload_json, attempts, next_attempt_at, last_error FROM outbox WHERE client_msg_id = ?',
  );
  const size = db.prepare<[], number>('SELECT count(*) FROM outbox').pluck();
  const fail = db.prepare<[string, string, string]>(
    'UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE client_msg_id = ?',
  );
  const remove = db.prepare<[string]>('DELETE FROM outbox WHERE client_msg_id = ?');
  return {
    insert: (m: Mutation, at: string): number => Number(insert.run(m.clientMsgId, m.kind, m.ticketId, JSON.stringify(m), at).lastInsertRowid),
    list: (limit: number): OutboxEntry[] => list.all(limit).map(toEntry),
    get: (clientMsgId: string): OutboxEntry | null => {
      const r = byClientId.get(clientMsgId);
      return r ? toEntry(r) : null;
    },
    size: (): number => size.get() ?? 0,
    recordFailure: (clientMsgId: string, error: string, nextAttemptAt: string): void => void fail.run(error, nextAttemptAt, clientMsgId),
    remove: (clientMsgId: string): boolean => remove.run(clientMsgId).changes > 0,
  };
}
export type OutboxTable = ReturnType<typeof createOutboxTable>;
