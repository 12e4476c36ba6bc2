import type { Logger } from 'pino';
import type { Hub } from './live/hub';
import type { Store } from './storage/store';
import type { Clock } from './util/clock';

/** What every service is built from; tests build their own. */
export interface Deps {
  store: Store;
  hub: Hub;
  clock: Clock;
  log: Logger;
  dataDir: string;
  demo: boolean;
}
