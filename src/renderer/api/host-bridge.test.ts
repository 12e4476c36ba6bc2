import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHostBridge } from './host-bridge';

/** Just enough of the browser's WebSocket for the bridge. */
class FakeSocket {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: string[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((ev: { data: string }) => void) | null = null;
  onclose: ((ev: { code: number }) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(text: string) {
    this.sent.push(text);
  }
  close() {
    this.drop(1000);
  }
  // test controls
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  receive(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
  frames() {
    return this.sent.map((s) => JSON.parse(s) as Record<string, unknown>);
  }
}

const last = () => FakeSocket.all[FakeSocket.all.length - 1] as FakeSocket;

beforeEach(() => {
  FakeSocket.all = [];
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

function bridge() {
  return createHostBridge({ url: 'ws://127.0.0.1:1234/api', secret: 's3cret', WebSocketImpl: FakeSocket as unknown as new (url: string) => WebSocket, random: () => 1, minDelayMs: 100, maxDelayMs: 1000 });
}

describe('host bridge', () => {
  it('says hello first, queues invokes until the socket opens, and resolves results by id', async () => {
    const b = bridge();
    expect(last().url).toBe('ws://127.0.0.1:1234/api');
    const answer = b.api.invoke('session:get', null);
    expect(last().sent).toHaveLength(0);
    last().open();
    const frames = last().frames();
    expect(frames[0]).toEqual({ type: 'hello', secret: 's3cret' });
    expect(frames[1]).toEqual({ type: 'invoke', id: 1, channel: 'session:get', input: null });
    last().receive({ type: 'ready' });
    expect(b.state()).toBe('up');
    last().receive({ type: 'result', id: 1, result: { ok: true, value: { signedIn: false } } });
    await expect(answer).resolves.toEqual({ ok: true, value: { signedIn: false } });
  });

  it('delivers events to the listeners of that channel only, until they unsubscribe', () => {
    const b = bridge();
    last().open();
    const seen: unknown[] = [];
    const off = b.api.on('tickets:changed', (p) => seen.push(p));
    b.api.on('messages:changed', () => seen.push('wrong'));
    last().receive({ type: 'event', channel: 'tickets:changed', payload: { ticketIds: ['t1'] } });
    off();
    last().receive({ type: 'event', channel: 'tickets:changed', payload: { ticketIds: ['t2'] } });
    last().onmessage?.({ data: 'not json' });
    expect(seen).toEqual([{ ticketIds: ['t1'] }]);
  });

  it('answers in-flight invokes offline when the host drops, then reconnects with backoff', async () => {
    const b = bridge();
    const states: string[] = [];
    b.onState((s) => states.push(s));
    last().open();
    last().receive({ type: 'ready' });
    const inFlight = b.api.invoke('tickets:list', { view: 'mine' });
    last().drop();
    await expect(inFlight).resolves.toMatchObject({ ok: false, error: { code: 'offline' } });
    expect(b.state()).toBe('down');
    // While waiting to reconnect, calls fail at once instead of hanging.
    await expect(b.api.invoke('session:get', null)).resolves.toMatchObject({ ok: false, error: { code: 'offline' } });

    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(FakeSocket.all).toHaveLength(2);
    const queued = b.api.invoke('session:get', null);
    last().drop(); // this attempt fails before opening: the queued call is answered
    await expect(queued).resolves.toMatchObject({ ok: false, error: { code: 'offline' } });
    vi.advanceTimersByTime(199);
    expect(FakeSocket.all).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(3);
    last().open();
    last().receive({ type: 'ready' });
    expect(states).toEqual(['up', 'down', 'up']);
  });

  it('stops on 4003: the page must be reloaded to get the new secret', async () => {
    const b = bridge();
    last().open();
    last().drop(4003);
    expect(b.state()).toBe('refused');
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
    await expect(b.api.invoke('session:get', null)).resolves.toMatchObject({ ok: false, error: { code: 'offline' } });
  });

  it('close() ends the bridge without reconnecting', async () => {
    const b = bridge();
    last().open();
    const pending = b.api.invoke('session:get', null);
    b.close();
    await expect(pending).resolves.toMatchObject({ ok: false });
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
  });
});
