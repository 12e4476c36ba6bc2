/** Shared handling of incoming WebSocket frames: size, rate and JSON checks with clear outcomes. */
import type { WebSocket, RawData } from 'ws';
import { DeskError } from '../errors';
import { CLOSE_CODES } from '../../shared/protocol/errors';

export const MAX_FRAME_BYTES = 64 * 1024;
export const AUTH_TIMEOUT_MS = 5_000;

/** Token bucket per connection: `perSecond` sustained, twice that in a burst. */
export function frameLimiter(perSecond: number) {
  let tokens = perSecond * 2;
  let last = Date.now();
  return (): boolean => {
    const now = Date.now();
    tokens = Math.min(perSecond * 2, tokens + ((now - last) / 1000) * perSecond);
    last = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}

/**
 * Decodes one frame to JSON, or closes the socket with a code that says why:
 * binary → 1003, over the rate → 4029, not JSON → 1007.
 */
export function decodeFrame(ws: WebSocket, data: RawData, isBinary: boolean, allow: () => boolean): unknown | undefined {
  if (!allow()) {
    ws.close(CLOSE_CODES.rateLimited, 'too many frames');
    return undefined;
  }
  if (isBinary) {
    ws.close(CLOSE_CODES.unsupportedData, 'frames must be JSON text');
    return undefined;
  }
  try {
    return JSON.parse(data.toString());
  } catch {
    ws.close(1007, 'malformed JSON');
    return undefined;
  }
}

export function sendJson(ws: WebSocket, frame: unknown): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
}

/**
 * Answers a frame that failed: a DeskError with its code (and closes on `unauthorized`), anything
 * else as `internal`, logged. `extra` names what failed, e.g. the refused message's client id.
 */
export function sendFrameError(ws: WebSocket, err: unknown, log: { error(obj: object, msg?: string): void }, internalMessage: string, extra: object = {}): void {
  if (err instanceof DeskError) {
    sendJson(ws, { type: 'error', code: err.code, message: err.message, ...extra });
    if (err.code === 'unauthorized') ws.close(CLOSE_CODES.unauthorized, 'unauthorized');
    return;
  }
  log.error({ err }, 'gateway: frame failed');
  sendJson(ws, { type: 'error', code: 'internal', message: internalMessage, ...extra });
}
