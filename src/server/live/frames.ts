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
  sendText(ws, JSON.stringify(frame));
}

/** The part of the socket under a `ws` WebSocket that coalescing needs (`net.Socket`). */
interface Corkable {
  cork(): void;
  uncork(): void;
  destroyed: boolean;
}

const corked = new Set<Corkable>();
let uncorkQueued = false;

function uncorkAll(): void {
  uncorkQueued = false;
  const sockets = [...corked];
  corked.clear();
  for (const s of sockets) if (!s.destroyed) s.uncork();
}

/**
 * Holds the socket's writes until the current tick is over (its synchronous code and the
 * microtasks queued by it): every frame sent to one socket in that time leaves in one `writev`
 * instead of one system call each (a group commit's echoes, hooks and acks). Order is kept: the
 * frames wait in the socket's own buffer. `ws` corks around each frame too, so the frames
 * stay held until `uncorkAll`.
 */
function holdUntilTickEnds(ws: WebSocket): void {
  // `_socket` is the `net.Socket` that `ws` writes to (undocumented but stable across ws 8).
  const raw = (ws as unknown as { _socket?: Partial<Corkable> })._socket;
  if (typeof raw?.cork !== 'function' || typeof raw.uncork !== 'function') return;
  const socket = raw as Corkable;
  if (corked.has(socket)) return;
  socket.cork();
  corked.add(socket);
  if (!uncorkQueued) {
    uncorkQueued = true;
    process.nextTick(uncorkAll);
  }
}

// The text last sent, as bytes: a frame fanned out to many sockets is encoded once, not per socket.
let lastText = '';
let lastBytes = Buffer.alloc(0);

/**
 * Sends a text frame (already serialised JSON) if the socket is open, coalesced with the
 * socket's other frames of this tick.
 */
export function sendText(ws: WebSocket, text: string): void {
  if (ws.readyState !== ws.OPEN) return;
  if (text !== lastText) {
    lastText = text;
    lastBytes = Buffer.from(text);
  }
  holdUntilTickEnds(ws);
  // A Buffer sent as text: `ws` frames it without copying, and never alters it (servers do not mask).
  ws.send(lastBytes, { binary: false });
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
