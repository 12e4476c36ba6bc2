/**
 * The pg pool the PostgreSQL store runs on. `pg` returns int8 (bigint: `change_feed.seq`,
 * `audit_log.id`, money in minor units) as text; the desk's rows carry numbers, as on SQLite, so
 * the pool parses int8 to a number, exact below 2^53 and refused above it (never rounded). The
 * parser is set per pool (the `types` option), not globally on `pg`.
 */
import pg from 'pg';

const INT8_OID = 20;

export function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 ${text} is beyond 2^53: no exact JS number`);
  return n;
}

/** The type parsers of every pool the store uses: pg's own, except int8. */
export const PG_TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? parseInt8 : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * A pool for the store. An idle client whose connection drops (a server restart, a failover, an
 * administrator's pg_terminate_backend) makes the pool emit 'error'; unheard, that event would
 * end the process. It is reported instead; the pool discards the client and opens a new one when
 * needed, and a query in flight fails on its own promise. A client checked out at that moment
 * is covered too (see the 'connect' handler).
 */
export function createPostgresPool(
  config: Omit<pg.PoolConfig, 'types'>,
  onIdleError: (err: Error) => void = (err) => console.error('an idle PostgreSQL client failed', err),
): pg.Pool {
  const pool = new pg.Pool({ max: 10, ...config, types: PG_TYPES });
  pool.on('error', onIdleError);
  const open = new Set<pg.Client>();
  pool.on('connect', (client) => {
    open.add(client);
    client.once('end', () => open.delete(client));
    // pg-pool listens for errors only while a client is idle. A checked-out client whose
    // connection drops (between two statements of a transaction, or as its socket closes right
    // after a failed query) would emit 'error' to no one: an uncaught exception, the end of the
    // process. Its query, or its next one, fails on its own promise, and the pool discards the
    // client when it is released (not queryable): nothing more to do here.
    client.on('error', () => undefined);
  });
  connections.set(pool, open);
  return pool;
}

const connections = new WeakMap<pg.Pool, Set<pg.Client>>();

/**
 * Resolves when every connection of an ended pool is closed. `pool.end()` resolves as soon as it
 * has asked its clients to end, before their sockets close; a server stopped right after would
 * otherwise cut connections still closing.
 */
export async function connectionsClosed(pool: pg.Pool): Promise<void> {
  await Promise.all([...(connections.get(pool) ?? [])].map((c) => new Promise<void>((resolve) => c.once('end', () => resolve()))));
}

/** True when the pool parses int8 as the store needs (made by `createPostgresPool`). */
export function hasDeskTypes(pool: pg.Pool): boolean {
  return (pool.options as pg.PoolConfig).types === PG_TYPES;
}
