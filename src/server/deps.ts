import type { Logger } from 'pino';
import type { Hub } from './live/hub';
import type { AsyncStore } from './storage/async-store';
import type { Store } from './storage/store';
import type { Clock } from './util/clock';

/** What every service is built from; tests build their own. */
export interface Deps {
  /** The synchronous store: areas not moved to `storage` yet (docs/storage.md). */
  store: Store;
  /** The async storage interface both engines implement; callers move here area by area. */
  storage: AsyncStore;
  hub: Hub;
  clock: Clock;
  log: Logger;
  dataDir: string;
  demo: boolean;
}
