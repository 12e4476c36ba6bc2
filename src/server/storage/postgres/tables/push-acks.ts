/** The push ledger on PostgreSQL (../../tables/push-acks.ts): one ack per (client id, client message id). */
import type { Kysely } from 'kysely';
import type { Ack } from '../../../../shared/protocol/mutations';
import { parseJson } from '../../tables/json';
import type { createPushAcksTable } from '../../tables/push-acks';
import type { AsyncTable } from '../../async-store';
import type { Database } from '../schema';

export function createPgPushAcksTable(db: Kysely<Database>): AsyncTable<ReturnType<typeof createPushAcksTable>> {
  return {
    get: async (clientId: string, clientMsgId: string): Promise<Ack | null> => {
      const r = await db
        .selectFrom('push_acks')
        .select('ack_json')
        .where('client_id', '=', clientId)
        .where('client_msg_id', '=', clientMsgId)
        .executeTakeFirst();
      return r ? parseJson<Ack | null>(r.ack_json, null) : null;
    },
    /** A second ack for the same pair fails on the key, as on SQLite (the caller asks `get` first). */
    record: async (clientId: string, ack: Ack, at: string): Promise<void> => {
      await db.insertInto('push_acks').values({ client_id: clientId, client_msg_id: ack.clientMsgId, ack_json: JSON.stringify(ack), at }).execute();
    },
  };
}
