import type { Database } from 'better-sqlite3';
import * as m0010 from './0010-initial';

export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}

/** One file per migration, numbered with gaps; append only. */
export const MIGRATIONS: readonly Migration[] = [{ version: 10, name: 'initial', up: m0010.up }];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
