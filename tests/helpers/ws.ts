/** A small WebSocket test client: collects frames, waits for one that matches, reports the close code. */
import WebSocket from 'ws';

export interface TestSocket {
  ws: WebSocket;
  frames: unknown[];
  send(frame: unknown): void;
  sendRaw(data: string | Buffer, binary?: boolean): void;
  next<T = Record<string, unknown>>(match: (f: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<T>;
  /** Resolves false if no frame matches within the window. */
  none(match: (f: Record<string, unknown>) => boolean, windowMs: number): Promise<boolean>;
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

export async function openSocket(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<TestSocket> {
  const ws = new WebSocket(baseUrl.replace(/^http/, 'ws') + path, { headers });
  const frames: unknown[] = [];
  const waiters = new Set<{ match: (f: Record<string, unknown>) => boolean; resolve: (f: unknown) => void }>();
  ws.on('message', (data) => {
    let f: unknown;
    try {
      f = JSON.parse(data.toString());
    } catch {
      return;
    }
    frames.push(f);
    for (const w of waiters) if (w.match(f as Record<string, unknown>)) {
      waiters.delete(w);
      w.resolve(f);
    }
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
  return {
    ws,
    frames,
    send: (frame) => ws.send(JSON.stringify(frame)),
    sendRaw: (data, binary = false) => ws.send(data, { binary }),
    next<T>(match: (f: Record<string, unknown>) => boolean, timeoutMs = 5000): Promise<T> {
      const seen = frames.find((f) => match(f as Record<string, unknown>));
      if (seen) {
        frames.splice(frames.indexOf(seen), 1);
        return Promise.resolve(seen as T);
      }
      return new Promise<T>((resolve, reject) => {
        const w = {
          match,
          resolve: (f: unknown) => {
            clearTimeout(timer);
            frames.splice(frames.indexOf(f), 1);
            resolve(f as T);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(w);
          reject(new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(frames).slice(0, 500)}`));
        }, timeoutMs);
        waiters.add(w);
      });
    },
    async none(match, windowMs) {
      await new Promise((r) => setTimeout(r, windowMs));
      return !frames.some((f) => match(f as Record<string, unknown>));
    },
    closed,
    close: () => ws.close(),
  };
}

/** Opens the agent gateway, authenticates and subscribes from the given feed cursor. */
export async function agentSocket(baseUrl: string, token: string, sub?: { cursor: string; epoch: string }): Promise<TestSocket> {
  const s = await openSocket(baseUrl, '/ws/agent');
  s.send({ type: 'auth', token, protocol: 1 });
  const ready = await s.next<{ epoch: string; head: number }>((f) => f.type === 'ready');
  s.send({ type: 'subscribe', cursor: sub?.cursor ?? String(ready.head), epoch: sub?.epoch ?? ready.epoch });
  return s;
}

export async function customerSocket(baseUrl: string, token: string): Promise<TestSocket> {
  const s = await openSocket(baseUrl, '/ws/chat');
  s.send({ type: 'auth', token });
  await s.next((f) => f.type === 'ready');
  return s;
}
