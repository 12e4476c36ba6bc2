/**
 * The DeskApi over the browser host's WebSocket (`src/main/host`): hello with the page's secret
 * first, invokes queued until the socket opens, reconnects with backoff when the host drops,
 * and in-flight invokes answered `offline` rather than left hanging.
 *
 * The frame shapes are those of `src/shared/api/host-protocol.ts`, shared with the host.
 */
import type { EventChannel, InvokeChannel } from '../../shared/api/channels';
import type { DeskApi, EventPayload, InvokeInput, InvokeOutput, Result } from '../../shared/api/contract';
import { HOST_CLOSE, type HostServerFrame } from '../../shared/api/host-protocol';

type ServerFrame = HostServerFrame;

export const HOST_CLOSE_FORBIDDEN = HOST_CLOSE.forbidden;

/** `up`: authenticated; `down`: reconnecting; `refused`: the host no longer knows this page (reload it). */
export type TransportState = 'connecting' | 'up' | 'down' | 'refused';

export interface HostBridge {
  api: DeskApi;
  state(): TransportState;
  onState(listener: (state: TransportState) => void): () => void;
  close(): void;
}

export interface HostBridgeOptions {
  url: string;
  secret: string;
  /** Tests pass a fake socket class. */
  WebSocketImpl?: new (url: string) => WebSocket;
  random?: () => number;
  minDelayMs?: number;
  maxDelayMs?: number;
}

const OFFLINE_MESSAGE = 'Lost the connection to the Agent Desk service; it reconnects by itself, try again in a moment.';
const offline = (): Result<never> => ({ ok: false, error: { code: 'offline', message: OFFLINE_MESSAGE } });

export function createHostBridge(opts: HostBridgeOptions): HostBridge {
  const Impl = opts.WebSocketImpl ?? WebSocket;
  const random = opts.random ?? Math.random;
  const minDelay = opts.minDelayMs ?? 250;
  const maxDelay = opts.maxDelayMs ?? 10_000;

  let socket: WebSocket | null = null;
  let state: TransportState = 'connecting';
  let attempt = 0;
  let nextId = 1;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** Sent and waiting for an answer. */
  const inFlight = new Map<number, (r: Result<unknown>) => void>();
  /** Waiting for the socket to open. */
  let queue: { id: number; text: string }[] = [];
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  const stateListeners = new Set<(s: TransportState) => void>();

  const setState = (next: TransportState) => {
    if (next === state) return;
    state = next;
    for (const l of stateListeners) l(next);
  };

  function connect(): void {
    if (stopped) return;
    const ws = new Impl(opts.url);
    socket = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      ws.send(JSON.stringify({ type: 'hello', secret: opts.secret }));
      // The host reads frames in order, so invokes may follow the hello at once.
      const waiting = queue;
      queue = [];
      for (const q of waiting) ws.send(q.text);
    };
    ws.onmessage = (ev: MessageEvent) => {
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(ev.data)) as ServerFrame;
      } catch {
        return;
      }
      onFrame(frame);
    };
    ws.onclose = (ev: CloseEvent) => {
      if (socket !== ws) return;
      socket = null;
      // Whatever was sent may or may not have run; the caller decides whether to try again.
      failAll(inFlight);
      if (!opened) failQueue();
      if (stopped) return;
      if (ev.code === HOST_CLOSE_FORBIDDEN) {
        failQueue();
        setState('refused');
        return;
      }
      setState('down');
      const ceiling = Math.min(maxDelay, minDelay * 2 ** attempt);
      attempt++;
      const delay = Math.round(minDelay + random() * (ceiling - minDelay));
      timer = setTimeout(() => {
        timer = null;
        connect();
      }, delay);
    };
    ws.onerror = () => {
      // A close event always follows; nothing to do here.
    };
  }

  function onFrame(frame: ServerFrame): void {
    switch (frame.type) {
      case 'ready':
        attempt = 0;
        setState('up');
        return;
      case 'result': {
        const done = inFlight.get(frame.id);
        if (!done) return;
        inFlight.delete(frame.id);
        done(frame.result);
        return;
      }
      case 'event': {
        const set = listeners.get(frame.channel);
        if (!set) return;
        for (const l of [...set]) {
          try {
            l(frame.payload);
          } catch (err) {
            console.error(`listener for ${frame.channel} failed`, err);
          }
        }
        return;
      }
      default:
        return;
    }
  }

  function failAll(map: Map<number, (r: Result<unknown>) => void>): void {
    const pending = [...map.values()];
    map.clear();
    for (const done of pending) done(offline());
  }

  /** Invokes queued for a connection that failed to open: answer them instead of waiting forever. */
  function failQueue(): void {
    const waiting = queue;
    queue = [];
    for (const q of waiting) {
      const done = inFlight.get(q.id);
      inFlight.delete(q.id);
      done?.(offline());
    }
  }

  const api: DeskApi = {
    invoke<C extends InvokeChannel>(channel: C, input: InvokeInput<C>): Promise<Result<InvokeOutput<C>>> {
      if (stopped || state === 'refused' || (state === 'down' && socket === null)) return Promise.resolve(offline());
      const id = nextId++;
      let text: string;
      try {
        text = JSON.stringify({ type: 'invoke', id, channel, input: input ?? null });
      } catch {
        return Promise.resolve({ ok: false, error: { code: 'invalid_input', message: 'This request could not be sent.' } });
      }
      return new Promise((resolve) => {
        inFlight.set(id, resolve as (r: Result<unknown>) => void);
        if (socket && socket.readyState === 1 /* OPEN */) socket.send(text);
        else queue.push({ id, text });
      });
    },
    on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => void set.delete(l);
    },
  };

  connect();

  return {
    api,
    state: () => state,
    onState(listener) {
      stateListeners.add(listener);
      return () => void stateListeners.delete(listener);
    },
    close() {
      stopped = true;
      if (timer) clearTimeout(timer);
      const ws = socket;
      socket = null;
      ws?.close(1000, 'bye');
      failAll(inFlight);
      queue = [];
    },
  };
}
