/**
 * The browser host: serves the built renderer over loopback and bridges the typed API over a
 * WebSocket, so the desktop runs in a browser where Electron is unavailable (ARCHITECTURE.md).
 *
 * Who may call the API: only a page this server served. The page gets a per-launch secret in a
 * meta tag; other sites cannot read it (same-origin policy, and the Host header is checked so a
 * DNS-rebound name cannot fetch it either). The WebSocket must come from our exact origin and
 * prove the secret in its first frame.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, realpath } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { EventChannel } from '../../shared/api/channels';
import type { Result } from '../../shared/api/contract';
import type { Dispatch } from '../api/dispatch';
import { HELLO_TIMEOUT_MS, HOST_API_PATH, HOST_CLOSE, HOST_SECRET_META, MAX_FRAME_BYTES, type HostServerFrame } from '../../shared/api/host-protocol';
import { resolveStatic } from './static-files';

export interface HostLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface HostServerOptions {
  dispatch: Dispatch;
  onEvent(listener: (channel: EventChannel, payload: unknown) => void): () => void;
  /** The built renderer (`out/renderer`): index.html and its assets. */
  rendererDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  log: HostLog;
  /** Tests shorten the hello deadline. */
  helloTimeoutMs?: number;
}

export interface HostServer {
  /** `http://127.0.0.1:<port>/`: open this in a browser. */
  url: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ws://${HOST}:${port}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Puts the secret into the page as the first element of <head>. */
export function injectSecret(html: string, secret: string): string {
  const tag = `<meta name="${HOST_SECRET_META}" content="${secret}">`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (!head) return tag + html;
  const at = head.index + head[0].length;
  return html.slice(0, at) + tag + html.slice(at);
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
/** Constant-time comparison of the offered secret (any length) with ours. */
const secretMatches = (offered: unknown, expected: Buffer): boolean => typeof offered === 'string' && timingSafeEqual(digest(offered), expected);

export async function createHostServer(opts: HostServerOptions): Promise<HostServer> {
  const rendererDir = await realpath(opts.rendererDir);
  const indexFile = path.join(rendererDir, 'index.html');
  const secret = randomBytes(32).toString('base64url');
  const secretDigest = digest(secret);
  const helloTimeoutMs = opts.helloTimeoutMs ?? HELLO_TIMEOUT_MS;
  const { log } = opts;

  let port = 0;
  let origin = '';
  let csp = '';
  const authenticated = new Set<WebSocket>();
  const sockets = new Set<WebSocket>();

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });

  const server = http.createServer((req, res) => {
    void serveHttp(req, res).catch((err: unknown) => {
      log.error({ err }, 'host: request failed');
      if (!res.headersSent) plain(res, 500, 'Internal error');
      else res.destroy();
    });
  });
  server.on('clientError', (_err, socket) => socket.destroy());

  async function serveHttp(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // A name other than ours is a DNS-rebinding attempt or a stray client: it never gets the page.
    if (req.headers.host !== `${HOST}:${port}`) return plain(res, 421, 'Misdirected request');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return plain(res, 405, 'Method not allowed');
    }
    const found = await resolveStatic(rendererDir, req.url ?? '/');
    if (found.kind === 'bad_request') return plain(res, 400, 'Bad request');
    if (found.kind === 'not_found') return plain(res, 404, 'Not found');
    const isIndex = found.file === indexFile;
    let body = await readFile(found.file);
    if (isIndex) body = Buffer.from(injectSecret(body.toString('utf8'), secret), 'utf8');
    res.statusCode = 200;
    securityHeaders(res);
    res.setHeader('Content-Type', found.contentType);
    res.setHeader('Content-Length', body.length);
    // The page carries this launch's secret: never cache it. Assets revalidate (names are hashed).
    res.setHeader('Cache-Control', isIndex ? 'no-store' : 'no-cache');
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  function securityHeaders(res: http.ServerResponse): void {
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  }

  function plain(res: http.ServerResponse, status: number, text: string): void {
    res.statusCode = status;
    securityHeaders(res);
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.end(text);
  }

  // ---- the API socket -------------------------------------------------------------------------

  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const pathOnly = (req.url ?? '').split('?', 1)[0];
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
    };
    if (pathOnly !== HOST_API_PATH) return refuse(404, 'Not Found');
    // Exact origin: another site, a file:// page or a tool without an Origin gets nothing.
    if (req.headers.origin !== origin || req.headers.host !== `${HOST}:${port}`) {
      log.warn({ origin: req.headers.origin ?? null }, 'host: refused a socket from a foreign origin');
      return refuse(403, 'Forbidden');
    }
    wss.handleUpgrade(req, socket, head, (ws) => onSocket(ws));
  });

  function onSocket(ws: WebSocket): void {
    sockets.add(ws);
    let authed = false;
    const helloTimer = setTimeout(() => {
      if (!authed) ws.close(HOST_CLOSE.forbidden, 'hello expected');
    }, helloTimeoutMs);
    ws.on('error', (err) => log.warn({ err: err.message }, 'host: socket error'));
    ws.on('close', () => {
      clearTimeout(helloTimer);
      sockets.delete(ws);
      authenticated.delete(ws);
    });
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) return ws.close(authed ? HOST_CLOSE.unsupported : HOST_CLOSE.forbidden, 'text frames only');
      const frame = parseFrame(data);
      if (!authed) {
        if (frame?.type === 'hello' && secretMatches(frame.secret, secretDigest)) {
          authed = true;
          clearTimeout(helloTimer);
          authenticated.add(ws);
          send(ws, { type: 'ready' });
        } else {
          ws.close(HOST_CLOSE.forbidden, 'forbidden');
        }
        return;
      }
      if (frame?.type !== 'invoke') return ws.close(HOST_CLOSE.policy, 'malformed frame');
      const id = frame.id;
      if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) return ws.close(HOST_CLOSE.policy, 'malformed frame');
      void invoke(frame.channel, frame.input).then((result) => send(ws, { type: 'result', id, result }));
    });
  }

  async function invoke(channel: unknown, input: unknown): Promise<Result<unknown>> {
    try {
      return await opts.dispatch(channel, input);
    } catch (err) {
      // The dispatcher never throws; if it ever does, the socket still gets an answer.
      log.error({ err, channel }, 'host: dispatch threw');
      return { ok: false, error: { code: 'internal', message: 'Something went wrong in Agent Desk; try again.' } };
    }
  }

  function send(ws: WebSocket, frame: HostServerFrame): void {
    if (ws.readyState !== ws.OPEN) return;
    let text: string;
    try {
      text = JSON.stringify(frame);
    } catch (err) {
      log.error({ err }, 'host: could not serialise a frame');
      return;
    }
    ws.send(text);
  }

  const unsubscribe = opts.onEvent((channel, payload) => {
    if (authenticated.size === 0) return;
    let text: string;
    try {
      text = JSON.stringify({ type: 'event', channel, payload } satisfies HostServerFrame);
    } catch (err) {
      log.error({ err, channel }, 'host: could not serialise an event');
      return;
    }
    for (const ws of authenticated) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  origin = `http://${HOST}:${port}`;
  csp = contentSecurityPolicy(port);
  log.info({ url: origin }, 'host: serving the desktop UI');

  let closing: Promise<void> | null = null;
  return {
    url: `${origin}/`,
    close() {
      closing ??= (async () => {
        unsubscribe();
        const closed = [...sockets].map((ws) => new Promise<void>((resolve) => ws.once('close', () => resolve())));
        for (const ws of sockets) ws.close(HOST_CLOSE.goingAway, 'host closing');
        // Sockets that do not finish their close handshake in a moment are cut.
        const grace = setTimeout(() => {
          for (const ws of sockets) ws.terminate();
        }, 500);
        await Promise.all(closed);
        clearTimeout(grace);
        await new Promise<void>((resolve) => wss.close(() => resolve()));
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}

function parseFrame(data: RawData): Record<string, unknown> | null {
  try {
    const buf = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    const text = buf.toString('utf8');
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
