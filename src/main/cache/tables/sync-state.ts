import { uuidv7 } from 'uuidv7';
import type { CacheDb } from '../db';

export interface SyncState {
  clientId: string;
  cursor: string;
  epoch: string | null;
  agentId: string | null;
  serverUrl: string | null;
  lastSyncedAt: string | null;
}

interface SyncStateDbRow {
  client_id: string;
  cursor: string;
  epoch: string | null;
  agent_id: string | null;
  server_url: string | null;
  last_synced_at: string | null;
}

const toState = (r: SyncStateDbRow): SyncState => ({
  clientId: r.client_id,
  cursor: r.cursor,
  epoch: r.epoch,
  agentId: r.agent_id,
  serverUrl: r.server_url,
  lastSyncedAt: r.last_synced_at,
});

/** A client id as the server's schema wants it: a UUIDv7 without dashes (32 characters). */
export const newClientId = (): string => uuidv7().replace(/-/g, '');

/** The one row of sync state; the client id is made once and kept for the life of the file. */
export function createSyncStateTable(db: CacheDb) {
  db.prepare(`INSERT OR IGNORE INTO sync_state (id, client_id, cursor) VALUES (1, ?, '')`).run(newClientId());
  const read = db.prepare<[], SyncStateDbRow>('SELECT client_id, cursor, epoch, agent_id, server_url, last_synced_at FROM sync_state WHERE id = 1');
  const write = db.prepare<[string, string | null, string | null, string | null, string | null]>(
    'UPDATE sync_state SET cursor = ?, epoch = ?, agent_id = ?, server_url = ?, last_synced_at = ? WHERE id = 1',
  );
  const moveCursor = db.prepare<[string, string | null, string]>('UPDATE sync_state SET cursor = ?, epoch = ?, last_synced_at = ? WHERE id = 1');

  const get = (): SyncState => toState(read.get()!);
  return {
    get,
    set(patch: Partial<Omit<SyncState, 'clientId'>>): void {
      const s = { ...get(), ...definedOnly(patch) };
      write.run(s.cursor, s.epoch, s.agentId, s.serverUrl, s.lastSyncedAt);
    },
    moveCursor: (cursor: string, epoch: string | null, at: string): void => void moveCursor.run(cursor, epoch, at),
  };
}
export type SyncStateTable = ReturnType<typeof createSyncStateTable>;

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}
