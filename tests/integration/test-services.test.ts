/**
 * The servers the company-scale tests stand on, started for real from Debian's packages:
 * a throwaway PostgreSQL cluster on a unix socket in a temp folder, and nginx in front of two
 * nodes (round robin, WebSocket upgrades through, a dead node skipped). Skipped with the reason
 * where the packages are missing, unless AGENT_DESK_REQUIRE_SERVICES=1 (.ci/run sets it, so CI
 * fails instead of skipping).
 */
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { nginxMissing, startNginx, type TestNginx } from '../helpers/nginx';
import { postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres';

const required = process.env.AGENT_DESK_REQUIRE_SERVICES === '1';
const skipWhy = (why: string | null) => {
  if (why && required) throw new Error(`AGENT_DESK_REQUIRE_SERVICES=1 but ${why}`);
  if (why) console.warn(`skipped: ${why}`);
  return why !== null;
};

describe.skipIf(skipWhy(postgresMissing()))('a throwaway PostgreSQL cluster', () => {
  let cluster: TestPostgres | null = null;
  afterAll(async () => {
    await cluster?.stop();
  });

  it('starts on a unix socket only, takes queries through pg, makes more databases, and leaves nothing behind', async () => {
    cluster = await startPostgres();
    expect(cluster.url).toMatch(/^postgres:\/\/agentdesk@\/agentdesk\?host=/);
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    const { rows } = await client.query<{ v: string; listen: string }>(`SELECT version() AS v, current_setting('listen_addresses') AS listen`);
    expect(rows[0]!.v).toMatch(/^PostgreSQL \d+/);
    expect(rows[0]!.listen).toBe('');
    await client.query('CREATE TABLE t (id serial PRIMARY KEY, body text NOT NULL)');
    await client.query('INSERT INTO t (body) VALUES ($1), ($2)', ['å ä ö', '💳 ****4242']);
    expect((await client.query('SELECT body FROM t ORDER BY id')).rows.map((r) => r.body)).toEqual(['å ä ö', '💳 ****4242']);
    await client.end();

    const other = await cluster.createDatabase('node_b');
    const second = new pg.Client({ connectionString: other });
    await second.connect();
    expect((await second.query('SELECT current_database() AS db')).rows[0].db).toBe('node_b');
    await second.end();

    const dir = cluster.socketDir;
    await cluster.stop();
    cluster = null;
    expect(existsSync(dir)).toBe(false);
  }, 60_000);
});

describe.skipIf(skipWhy(nginxMissing()))('nginx in front of two nodes', () => {
  const nodes: { server: http.Server; url: string; name: string }[] = [];
  let lb: TestNginx | null = null;
  afterAll(async () => {
    await lb?.stop();
    for (const n of nodes) await new Promise((r) => n.server.close(r));
  });

  async function node(name: string) {
    const server = http.createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ node: name, upgrade: req.headers.upgrade ?? null }));
    });
    const wss = new WebSocketServer({ server });
    wss.on('connection', (ws) => ws.on('message', (m) => ws.send(`${name}:${m.toString()}`)));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    nodes.push({ server, url, name });
    return url;
  }

  it('spreads requests over both nodes, carries WebSocket upgrades, and skips a node that is gone', async () => {
    const a = await node('a');
    const b = await node('b');
    lb = await startNginx([a, b]);

    const seen = new Set<string>();
    for (let i = 0; i < 8; i++) seen.add(((await (await fetch(`${lb.url}/health`)).json()) as { node: string }).node);
    expect([...seen].sort()).toEqual(['a', 'b']);

    const ws = new WebSocket(`${lb.url.replace('http', 'ws')}/ws`);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const echoed = new Promise<string>((resolve) => ws.once('message', (m) => resolve(m.toString())));
    ws.send('hello');
    expect(await echoed).toMatch(/^(a|b):hello$/);
    ws.close();

    // Node b goes away: every request still gets an answer, from a.
    const gone = nodes.find((n) => n.name === 'b')!;
    gone.server.closeAllConnections();
    await new Promise((r) => gone.server.close(r));
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${lb.url}/health`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { node: string }).node).toBe('a');
    }
  }, 60_000);
});
