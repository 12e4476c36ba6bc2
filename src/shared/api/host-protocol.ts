/**
 * The browser host's WebSocket protocol: the typed API of `src/shared/api/contract.ts` carried
 * as JSON frames. The first frame proves the page was served by this host (its per-launch secret).
 *
 *   client → host  { type: 'hello', secret }            within 3 s of connecting, exactly once
 *   host → client  { type: 'ready' }                    the hello was accepted
 *   client → host  { type: 'invoke', id, channel, input }
 *   host → client  { type: 'result', id, result }       `result` is the dispatcher's envelope
 *   host → client  { type: 'event', channel, payload }  every main-process event
 */
import type { EventChannel } from './channels';
import type { Result } from './contract';

export const HOST_API_PATH = '/api';
export const HOST_SECRET_META = 'agent-desk-host';
export const HELLO_TIMEOUT_MS = 3_000;
/** Image uploads travel as base64 inside an invoke (12 MB of base64 at most, plus the frame). */
export const MAX_FRAME_BYTES = 16 * 1024 * 1024;

export const HOST_CLOSE = {
  normal: 1000,
  goingAway: 1001,
  unsupported: 1003,
  policy: 1008,
  tooBig: 1009,
  /** No valid hello in time, or a wrong secret. */
  forbidden: 4003,
} as const;

export type HostClientFrame = { type: 'hello'; secret: string } | { type: 'invoke'; id: number; channel: string; input: unknown };

export type HostServerFrame =
  | { type: 'ready' }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; channel: EventChannel; payload: unknown };
