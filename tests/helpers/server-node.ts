/**
 * A desk server in a process of its own (tests/helpers/server-process.ts), so a test can kill -9
 * it: on SQLite in `dataDir`, or as a node of the desk in `databaseUrl` (PostgreSQL).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { createInterface } from 'node:readline';

export interface ServerNode {
  url: string;
  child: ChildProcess;
  exited: Promise<unknown>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export async function startServerNode(dataDir: string, databaseUrl?: string): Promise<ServerNode> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/server-process.ts', dataDir, String(port), ...(databaseUrl ? [databaseUrl] : [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
    void exited.then((code) => reject(new Error(`node exited at start (${String(code)}): ${stderr}`)));
  });
  return { url, child, exited };
}
