/**
 * The hub's bus between nodes over the storage's signals (PostgreSQL: NOTIFY on `desk_signal`,
 * delivered to every other node sharing the database). Hints only: a signal that cannot be sent
 * (the database unreachable, a frame over NOTIFY's 8,000 bytes) is logged and dropped, as the
 * desktops learn the truth from the feed.
 */
import type { Logger } from 'pino';
import type { Signals } from '../storage/async-store';
import type { HubBus, HubSignal } from './hub';

const KIND = 'hub';

export function hubBusOver(signals: Signals, log: Pick<Logger, 'warn'>): HubBus {
  return {
    publish(signal) {
      signals.publish(KIND, signal).catch((err: unknown) => log.warn({ err, to: signal.to, frame: signal.frame.type }, 'hub: a hint did not reach the other nodes'));
    },
    subscribe(deliver) {
      return signals.subscribe((kind, payload) => {
        if (kind === KIND) deliver(payload as HubSignal);
      });
    },
  };
}
