import type { Database } from 'better-sqlite3';
import * as m0010 from './0010-initial';
import * as m0020 from './0020-customer-identity';
import * as m0030 from './0030-canned-reply-languages';
import * as m0040 from './0040-macro-steps';
import * as m0050 from './0050-region-calendars';
import * as m0060 from './0060-mail';
import * as m0070 from './0070-supervisor';
import * as m0080 from './0080-case-lifecycle';
import * as m0090 from './0090-complaints';
import * as m0110 from './0110-screenshot-text';
import * as m0120 from './0120-triage';
import * as m0130 from './0130-assist-history';
import * as m0140 from './0140-one-message-index';

export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}

/** One file per migration, numbered with gaps; append only. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 10, name: 'initial', up: m0010.up },
  { version: 20, name: 'customer-identity', up: m0020.up },
  { version: 30, name: 'canned-reply-languages', up: m0030.up },
  { version: 40, name: 'macro-steps', up: m0040.up },
  { version: 50, name: 'region-calendars', up: m0050.up },
  { version: 60, name: 'mail', up: m0060.up },
  { version: 70, name: 'supervisor', up: m0070.up },
  { version: 80, name: 'case-lifecycle', up: m0080.up },
  { version: 90, name: 'complaints', up: m0090.up },
  { version: 110, name: 'screenshot-text', up: m0110.up },
  { version: 120, name: 'triage', up: m0120.up },
  { version: 130, name: 'assist-history', up: m0130.up },
  { version: 140, name: 'one-message-index', up: m0140.up },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
