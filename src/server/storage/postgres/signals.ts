/**
 * Ephemeral signals across nodes on PostgreSQL (`Signals`, ../async-store.ts): `publish` sends
 * `pg_notify('desk_signal', json)` on a pooled client, outside any transaction (delivered at
 * once); every node's LISTEN client (feed-follower.ts) hears it, and the nodes other than the
 * sender hand it to their subscribers. PostgreSQL refuses a NOTIFY payload of 8,000 bytes or more:
 * such a signal is refused here with a clear error, before it reaches the database.
 */
import type pg from 'pg';
import { safely } from '../store';
import type { Signals } from '../async-store';
import { SIGNAL_CHANNEL } from './feed-follower';

/** PostgreSQL's limit on a NOTIFY payload (it must be shorter than this, in bytes). */
export const NOTIFY_PAYLOAD_LIMIT = 8000;

export class SignalTooLargeError extends Error {
  constructor(kind: string, bytes: number) {
    super(`signal "${kind}" is ${bytes} bytes as JSON; PostgreSQL's NOTIFY takes fewer than ${NOTIFY_PAYLOAD_LIMIT}: send an id and let the receiver read the rest`);
    this.name = 'SignalTooLargeError';
  }
}

interface Wire {
  /** The sending node. */
  n: string;
  k: string;
  p: unknown;
}

export interface PgSignals extends Signals {
  /** A `desk_signal` payload the LISTEN client heard. */
  received(payload: string): void;
}

export function createPgSignals(pool: pg.Pool, nodeId: string, onError: (err: unknown) => void): PgSignals {
  const subscribers = new Set<(kind: string, payload: unknown) => void>();
  return {
    async publish(kind, payload) {
      const json = JSON.stringify({ n: nodeId, k: kind, p: payload } satisfies Wire);
      const bytes = Buffer.byteLength(json);
      if (bytes >= NOTIFY_PAYLOAD_LIMIT) throw new SignalTooLargeError(kind, bytes);
      await pool.query('SELECT pg_notify($1, $2)', [SIGNAL_CHANNEL, json]);
    },
    subscribe(fn) {
      subscribers.add(fn);
      return () => void subscribers.delete(fn);
    },
    received(payload) {
      let m: Wire;
      try {
        m = JSON.parse(payload) as Wire;
      } catch (err) {
        onError(err);
        return;
      }
      if (m.n === nodeId || typeof m.k !== 'string') return;
      for (const fn of subscribers) safely(() => fn(m.k, m.p));
    },
  };
}
