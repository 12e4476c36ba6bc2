import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AlreadyRunningError, acquireInstanceLock } from './instance-lock';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'agent-desk-lock-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('instance lock', () => {
  it('refuses a second instance and names the first one’s URL', () => {
    const dir = tmp();
    const first = acquireInstanceLock(dir);
    first.setUrl('http://127.0.0.1:5555/');
    // Another live process holds it: pretend by writing our parent's pid (alive) into the lock.
    writeFileSync(path.join(dir, 'instance.lock'), JSON.stringify({ pid: process.ppid, url: 'http://127.0.0.1:5555/' }));
    expect(() => acquireInstanceLock(dir)).toThrow(AlreadyRunningError);
    try {
      acquireInstanceLock(dir);
    } catch (err) {
      expect((err as AlreadyRunningError).url).toBe('http://127.0.0.1:5555/');
    }
    first.release();
    expect(() => acquireInstanceLock(dir).release()).not.toThrow();
  });

  it('takes over a lock whose process was killed', () => {
    const dir = tmp();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    writeFileSync(path.join(dir, 'instance.lock'), JSON.stringify({ pid: Number(dead.stdout.toString()), url: 'http://old' }));
    const lock = acquireInstanceLock(dir);
    expect(JSON.parse(readFileSync(path.join(dir, 'instance.lock'), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });
});
