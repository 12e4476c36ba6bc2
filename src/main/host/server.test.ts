import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { EventChannel } from '../../shared/api/channels';
import type { Dispatch } from '../api/dispatch';
import { createHostServer, type HostServer } from './server';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw GET: the path goes on the wire exactly as written (fetch would normalise `..`). */
function rawGet(url: string, rawPath: string, headers: Record<string, string> = {}): Promise<Raw> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, path: rawPath, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const secretOf = (html: string) => /<meta name="agent-desk-host" content="([A-Za-z0-9_-]+)">/.exec(html)?.[1] ?? null;

function open(url: string, origin: string): Promise<WebSocket> {
  const ws = new WebSocket(`${url.replace('http://', 'ws://')}api`, { origin });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
  });
}

const closed = (ws: WebSocket) => new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));

/** Frames as they arrive, and a way to wait for the next one that matches. */
function frames(ws: WebSocket) {
  const seen: Record<string, unknown>[] = [];
  const waiters: { pred: (f: Record<string, unknown>) => boolean; resolve: (f: Record<string, unknown>) => void }[] = [];
  ws.on('message', (data) => {
    const f = JSON.parse(data.toString()) as Record<string, unknown>;
    seen.push(f);
    for (const w of [...waiters]) {
      if (w.pred(f)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(f);
      }
    }
  });
  return {
    seen,
    next(pred: (f: Record<string, unknown>) => boolean) {
      const already = seen.find(pred);
      if (already) return Promise.resolve(already);
      return new Promise<Record<string, unknown>>((resolve) => waiters.push({ pred, resolve }));
    },
  };
}

describe('browser host', () => {
  let dir: string;
  let rendererDir: string;
  let host: HostServer;
  let origin: string;
  let secret: string;
  const calls: { channel: unknown; input: unknown }[] = [];
  const listeners = new Set<(channel: EventChannel, payload: unknown) => void>();
  const emit = (channel: EventChannel, payload: unknown) => listeners.forEach((l) => l(channel, payload));
  let dispatch: Dispatch;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'agent-desk-host-'));
    rendererDir = path.join(dir, 'renderer');
    mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><html><head><title>Desk</title></head><body><div id="root"></div><script type="module" src="./assets/app.js"></script></body></html>');
    writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(path.join(rendererDir, 'assets', 'app.css'), 'body{}');
    writeFileSync(path.join(dir, 'secret.txt'), 'TOP-SECRET');
    writeFileSync(path.join(rendererDir, '.env'), 'HIDDEN');
    calls.length = 0;
    listeners.clear();
    dispatch = async (channel, input) => {
      calls.push({ channel, input });
      if (channel === 'boom') throw new Error('boom');
      return { ok: true, value: { echo: input, channel } };
    };
    host = await createHostServer({
      dispatch: (c, i) => dispatch(c, i),
      onEvent: (l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
      rendererDir,
      log: quiet,
      helloTimeoutMs: 300,
    });
    origin = host.url.replace(/\/$/, '');
    const page = await rawGet(host.url, '/');
    secret = secretOf(page.body) ?? '';
  });

  afterEach(async () => {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the page with a fresh secret, the CSP and no caching', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const port = new URL(host.url).port;
    const page = await rawGet(host.url, '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['content-security-policy']).toBe(
      `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self' ws://127.0.0.1:${port}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    );
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(page.body).toContain(`<head><meta name="agent-desk-host" content="${secret}"><title>`);
    expect((await rawGet(host.url, '/index.html')).body).toContain(secret);

    const js = await rawGet(host.url, '/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['x-content-type-options']).toBe('nosniff');
    expect(js.body).toBe('console.log(1)');
    expect((await rawGet(host.url, '/assets/app.css?v=2')).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await rawGet(host.url, '/assets/missing.js')).status).toBe(404);
  });

  it('makes a new secret per launch', async () => {
    const other = await createHostServer({ dispatch, onEvent: () => () => {}, rendererDir, log: quiet });
    try {
      const otherSecret = secretOf((await rawGet(other.url, '/')).body);
      expect(otherSecret).toBeTruthy();
      expect(otherSecret).not.toBe(secret);
    } finally {
      await other.close();
    }
  });

  it('refuses path traversal, hidden files and other methods', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E%2Fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/../package.json', '/.env', '/%00index.html', '/%E0%A4%A']) {
      const res = await rawGet(host.url, p);
      expect(res.status, p).toBeGreaterThanOrEqual(400);
      expect(res.body, p).not.toContain('TOP-SECRET');
      expect(res.body, p).not.toContain('HIDDEN');
    }
    const post = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${host.url}`, { method: 'POST' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(post).toBe(405);
  });

  it('does not hand the page to a foreign Host name (DNS rebinding)', async () => {
    const port = new URL(host.url).port;
    const res = await rawGet(host.url, '/', { Host: `evil.example:${port}` });
    expect(res.status).toBe(421);
    expect(res.body).not.toContain('agent-desk-host');
  });

  it('refuses a socket from a foreign origin, or with no origin', async () => {
    await expect(open(host.url, 'http://evil.example')).rejects.toThrow(/403/);
    await expect(open(host.url, `${origin}.evil.example`)).rejects.toThrow(/403/);
    await expect(open(host.url, 'http://localhost:' + new URL(host.url).port)).rejects.toThrow(/403/);
    await expect(open(host.url, 'null')).rejects.toThrow(/403/);
  });

  it('closes 4003 on a wrong secret, a missing hello, or an invoke before hello', async () => {
    const wrong = await open(host.url, origin);
    const wrongClosed = closed(wrong);
    wrong.send(JSON.stringify({ type: 'hello', secret: secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A') }));
    expect(await wrongClosed).toBe(4003);

    const silent = await open(host.url, origin);
    expect(await closed(silent)).toBe(4003);

    const eager = await open(host.url, origin);
    const eagerClosed = closed(eager);
    eager.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'session:get', input: null }));
    expect(await eagerClosed).toBe(4003);

    const garbage = await open(host.url, origin);
    const garbageClosed = closed(garbage);
    garbage.send('{not json');
    expect(await garbageClosed).toBe(4003);
    expect(calls).toHaveLength(0);
  });

  it('answers invokes after a correct hello with the dispatch result', async () => {
    const ws = await open(host.url, origin);
    const f = frames(ws);
    ws.send(JSON.stringify({ type: 'hello', secret }));
    await f.next((x) => x.type === 'ready');
    ws.send(JSON.stringify({ type: 'invoke', id: 7, channel: 'tickets:list', input: { view: 'mine' } }));
    ws.send(JSON.stringify({ type: 'invoke', id: 8, channel: 'boom', input: null }));
    const r7 = await f.next((x) => x.type === 'result' && x.id === 7);
    expect(r7.result).toEqual({ ok: true, value: { echo: { view: 'mine' }, channel: 'tickets:list' } });
    const r8 = await f.next((x) => x.type === 'result' && x.id === 8);
    expect(r8.result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(calls[0]).toEqual({ channel: 'tickets:list', input: { view: 'mine' } });
    ws.close();
  });

  it('closes a socket that sends a malformed frame after hello, and keeps serving others', async () => {
    const bad = await open(host.url, origin);
    const good = await open(host.url, origin);
    const fb = frames(bad);
    const fg = frames(good);
    bad.send(JSON.stringify({ type: 'hello', secret }));
    good.send(JSON.stringify({ type: 'hello', secret }));
    await fb.next((x) => x.type === 'ready');
    await fg.next((x) => x.type === 'ready');
    const badClosed = closed(bad);
    bad.send(JSON.stringify({ type: 'invoke', id: 'x', channel: 'session:get' }));
    expect(await badClosed).toBe(1008);
    good.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'session:get', input: null }));
    expect((await fg.next((x) => x.type === 'result')).result).toMatchObject({ ok: true });
    good.close();
  });

  it('sends events to authenticated sockets only', async () => {
    const authed = await open(host.url, origin);
    const pending = await open(host.url, origin);
    const fa = frames(authed);
    const fp = frames(pending);
    authed.send(JSON.stringify({ type: 'hello', secret }));
    await fa.next((x) => x.type === 'ready');
    emit('tickets:changed', { ticketIds: ['t1'] });
    const ev = await fa.next((x) => x.type === 'event');
    expect(ev).toEqual({ type: 'event', channel: 'tickets:changed', payload: { ticketIds: ['t1'] } });
    await new Promise((r) => setTimeout(r, 50));
    expect(fp.seen).toHaveLength(0);
    authed.close();
    pending.close();
  });

  it('stops listening for events and closes sockets on close', async () => {
    const ws = await open(host.url, origin);
    const f = frames(ws);
    ws.send(JSON.stringify({ type: 'hello', secret }));
    await f.next((x) => x.type === 'ready');
    const wsClosed = closed(ws);
    await host.close();
    expect(await wsClosed).toBe(1001);
    expect(listeners.size).toBe(0);
  });
});
