/**
 * nginx from Debian in front of desk-server nodes, as a company runs it: one loopback port,
 * round robin over the nodes, WebSocket upgrades passed through, no sticky sessions, a node that
 * refuses connections skipped for the next. Everything (config, pid, logs, temp paths) lives in a
 * temp folder; `nginx -p` keeps it away from /etc/nginx and /var/log/nginx.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './server-node';

export interface TestNginx {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  /** The error log so far (upstream failures are logged there). */
  errors(): string;
  stop(): Promise<void>;
}

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'];
export const nginxBinary = (): string | null => NGINX.find((p) => existsSync(p)) ?? null;
export const nginxMissing = (): string | null => (nginxBinary() ? null : 'nginx is not installed (Debian: apt-get install nginx-light or nginx; .ci/run does it)');

/**
 * `upstreams`: the nodes' base URLs (http://127.0.0.1:PORT), round robin. `backups`: nodes nginx
 * sends to only while every upstream is down (a test that needs to know which node a client
 * lands on first).
 */
export async function startNginx(upstreams: string[], { backups = [] }: { backups?: string[] } = {}): Promise<TestNginx> {
  const bin = nginxBinary();
  if (!bin) throw new Error(nginxMissing()!);
  if (upstreams.length === 0) throw new Error('nginx needs at least one upstream');
  const prefix = mkdtempSync(path.join(os.tmpdir(), 'agent-desk-nginx-'));
  for (const d of ['logs', 'tmp']) mkdirSync(path.join(prefix, d));
  const port = await freePort();
  const servers = [
    ...upstreams.map((u) => `    server ${new URL(u).host} max_fails=1 fail_timeout=2s;`),
    ...backups.map((u) => `    server ${new URL(u).host} backup;`),
  ].join('\n');
  const user = typeof process.getuid === 'function' && process.getuid() === 0 ? 'user root;\n' : '';
  const conf = `${user}worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${prefix}/tmp/body;
  proxy_temp_path ${prefix}/tmp/proxy;
  fastcgi_temp_path ${prefix}/tmp/fastcgi;
  uwsgi_temp_path ${prefix}/tmp/uwsgi;
  scgi_temp_path ${prefix}/tmp/scgi;
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  upstream desk {
${servers}
    keepalive 32;
  }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 12m;
    location / {
      proxy_pass http://desk;
      proxy_http_version 1.1;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_next_upstream error timeout http_502 http_503;
      proxy_connect_timeout 2s;
      proxy_read_timeout 1h;
      proxy_send_timeout 1h;
      proxy_buffering off;
    }
  }
}
`;
  const confPath = path.join(prefix, 'nginx.conf');
  writeFileSync(confPath, conf);
  const test = spawnSync(bin, ['-t', '-p', prefix, '-c', confPath], { encoding: 'utf8' });
  if (test.status !== 0) {
    rmSync(prefix, { recursive: true, force: true });
    throw new Error(`nginx -t refused the config: ${test.stderr}`);
  }
  const proc: ChildProcess = spawn(bin, ['-p', prefix, '-c', confPath, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));

  const deadline = Date.now() + 10_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`nginx exited at start: ${stderr}`);
    const up = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (up) break;
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`nginx did not listen within 10 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    errors: () => {
      try {
        return readFileSync(path.join(prefix, 'logs', 'error.log'), 'utf8');
      } catch {
        return '';
      }
    },
    async stop() {
      if (proc.exitCode === null) {
        proc.kill('SIGQUIT'); // graceful: finish what is in flight
        const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}
