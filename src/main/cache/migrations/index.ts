import type { Database } from 'better-sqlite3';
import * as m0010 from './0010-core';
import * as m0020 from './0020-search';
import * as m0030 from './0030-outbox';
import * as m0050 from './0050-read-markers';
import * as m0060 from './0060-list-order';
import * as m0070 from './0070-cheaper-writes';
import * as m0080 from './0080-merged-cases';
import * as m0090 from './0090-whispers';
import * as m0110 from './0110-screenshot-text';
import * as m0120 from './0120-assist-cases';
import * as m0130 from './0130-canned-usage';

export interface CacheMigration {
  version: number;
  name: string;
  /** A pure function of a writable connection; run in a transaction with user_version. */
  up(db: Database): void;
}

/** One file per migration, numbered with gaps; append only. */
export const CACHE_MIGRATIONS: readonly CacheMigration[] = [
  { version: 10, name: 'core', up: m0010.up },
  { version: 20, name: 'search', up: m0020.up },
  { version: 30, name: 'outbox', up: m0030.up },
  { version: 50, name: 'read-markers', up: m0050.up },
  { version: 60, name: 'list-order', up: m0060.up },
  { version: 70, name: 'cheaper-writes', up: m0070.up },
  { version: 80, name: 'merged-cases', up: m0080.up },
  { version: 90, name: 'whispers', up: m0090.up },
  { version: 110, name: 'screenshot-text', up: m0110.up },
  { version: 120, name: 'assist-cases', up: m0120.up },
  { version: 130, name: 'canned-usage', up: m0130.up },
];

export const LATEST_CACHE_VERSION = CACHE_MIGRATIONS[CACHE_MIGRATIONS.length - 1]!.version;
