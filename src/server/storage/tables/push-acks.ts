import type { Ack } from '../../../shared/protocol/mutations';
import type { Db } from '../db';
import { parseJson } from './json';

/** The ledger that makes pushes idempotent: one ack per (client id, client message id). */
export function createPushAcksTable(db: Db) {
  const get = db.prepare<[string, string], { ack_json: string }>('SELECT ack_json FROM push_acks WHERE client_id = ? AND client_msg_id = ?');
  const insert = db.prepare('INSERT INTO push_acks (client_id, client_msg_id, ack_json, at) VALUES (?, ?, ?, ?)');
  return {
    get: (clientId: string, clientMsgId: string): Ack | null => {
      const r = get.get(clientId, clientMsgId);
      return r ? parseJson<Ack | null>(r.ack_json, null) : null;
    },
    record: (clientId: string, ack: Ack, at: string): void => void insert.run(clientId, ack.clientMsgId, JSON.stringify(ack), at),
  };
}
