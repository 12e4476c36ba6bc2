/**
 * An attacker in its own process (so its client-side work does not share the server's event
 * loop): opens WebSockets to a desk server as fast as it can, in waves, signs them in, keeps them.
 *
 * stdin, one JSON line: { url, waves: [{ path: '/ws/agent' | '/ws/chat', tokens: (string | null)[],
 *   perToken }], retryForMs }. A wave opens `perToken` sockets for each token (null: never signs
 * in), all at once; an upgrade answered 429 is retried after 20 ms until `retryForMs` has passed.
 * The next wave starts when every socket of this one signed in, was refused, or is open without
 * a token.
 * stdout: `{"ready":true}` at start, then one summary line per wave:
 *   { wave, signedIn, open, refused: { "<code> <reason>": n }, http: { "<status>": n } }.
 * The sockets stay open until stdin closes; then everything is closed and the process exits.
 */
import { createInterface } from 'node:readline';
import WebSocket from 'ws';

interface Wave {
  path: '/ws/agent' | '/ws/chat';
  /** Sign in with each token; null: the socket never signs in. */
  tokens: (string | null)[];
  perToken: number;
}

const sockets: WebSocket[] = [];
const lines = createInterface({ input: process.stdin });
console.log(JSON.stringify({ ready: true }));
const { url, waves, retryForMs } = JSON.parse(await new Promise<string>((r) => lines.once('line', r))) as { url: string; waves: Wave[]; retryForMs: number };
const wsBase = url.replace(/^http/, 'ws');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Outcome = { kind: 'signedIn' } | { kind: 'open' } | { kind: 'refused'; key: string } | { kind: 'http'; status: number };

/** Opens one socket; resolves when it is signed in (or open, without a token) or refused. */
function attempt(path: Wave['path'], token: string | null): Promise<Outcome> {
  return new Promise((resolve) => {
    const ws = new WebSocket(wsBase + path, { handshakeTimeout: 10_000 });
    ws.on('unexpected-response', (_req, res) => {
      res.resume();
      resolve({ kind: 'http', status: res.statusCode ?? 0 });
      ws.terminate();
    });
    ws.on('error', () => undefined);
    ws.on('open', () => {
      sockets.push(ws);
      // Without a token: open unless the server closes it at once (over the address cap).
      if (!token) return void setTimeout(() => ws.readyState === WebSocket.OPEN && resolve({ kind: 'open' }), 300);
      ws.send(JSON.stringify(path === '/ws/agent' ? { type: 'auth', token, protocol: 1 } : { type: 'auth', token }));
    });
    ws.on('message', (data) => {
      const f = JSON.parse(data.toString()) as { type: string; head?: number; epoch?: string };
      if (f.type !== 'ready') return;
      // An agent desktop subscribes, so it gets every live change from now on.
      if (path === '/ws/agent') ws.send(JSON.stringify({ type: 'subscribe', cursor: String(f.head), epoch: f.epoch }));
      resolve({ kind: 'signedIn' });
    });
    ws.on('close', (code, reason) => resolve({ kind: 'refused', key: `${code} ${reason.toString()}` }));
  });
}

for (const [i, wave] of waves.entries()) {
  const deadline = Date.now() + retryForMs;
  const outcomes = await Promise.all(
    wave.tokens.flatMap((token) => Array.from({ length: wave.perToken }, () => token)).map(async (token) => {
      for (;;) {
        const o = await attempt(wave.path, token);
        if (o.kind !== 'http' || o.status !== 429 || Date.now() > deadline) return o;
        await sleep(20);
      }
    }),
  );
  const summary = { wave: i, signedIn: 0, open: 0, refused: {} as Record<string, number>, http: {} as Record<string, number> };
  for (const o of outcomes) {
    if (o.kind === 'signedIn') summary.signedIn++;
    else if (o.kind === 'open') summary.open++;
    else if (o.kind === 'refused') summary.refused[o.key] = (summary.refused[o.key] ?? 0) + 1;
    else summary.http[o.status] = (summary.http[o.status] ?? 0) + 1;
  }
  console.log(JSON.stringify(summary));
}

lines.on('close', () => {
  for (const ws of sockets) ws.terminate();
  process.exit(0);
});
