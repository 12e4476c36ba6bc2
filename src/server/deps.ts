import type { Logger } from 'pino';
import type { Hub } from './live/hub';
import type { AsyncStore } from './storage/async-store';
import type { Clock } from './util/clock';

/** What every service is built from; tests build their own. */
export interface Deps {
  /** The async storage interface both engines implement (docs/storage.md). */
  storage: AsyncStore;
  hub: Hub;
  clock: Clock;
  log: Logger;
  dataDir: string;
  demo: boolean;
  /**
   * How many customer-message batches may commit at once (live/customer-gateway.ts): 1 on SQLite
   * (one writer), several on PostgreSQL (pooled connections commit side by side).
   */
  writeLanes: number;
}
