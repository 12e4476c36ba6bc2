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

export function createPostgresPool(config: Omit<pg.PoolConfig, 'types'>): pg.Pool {
  return new pg.Pool({ max: 10, ...config, types: PG_TYPES });
}

/** True when the pool parses int8 as the store needs (made by `createPostgresPool`). */
export function hasDeskTypes(pool: pg.Pool): boolean {
  return (pool.options as pg.PoolConfig).types === PG_TYPES;
}
