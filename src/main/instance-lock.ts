/**
 * One desktop per user-data folder. Electron has requestSingleInstanceLock; the browser host uses
 * a lock file holding the first instance's pid and URL, so a second launch can point at it.
 * A lock left by a killed process (its pid is gone) is taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';

export class AlreadyRunningError extends Error {
  constructor(readonly url: string | null) {
    super(url ? `Agent Desk is already running at ${url}.` : 'Agent Desk is already running for this user.');
    this.name = 'AlreadyRunningError';
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export function acquireInstanceLock(dir: string): { setUrl(url: string): void; release(): void } {
  const file = path.join(dir, 'instance.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify({ pid: process.pid, url: null }));
      closeSync(fd);
      return {
        setUrl: (url) => writeFileSync(file, JSON.stringify({ pid: process.pid, url })),
        release: () => rmSync(file, { force: true }),
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let holder: { pid?: number; url?: string | null } = {};
      try {
        holder = JSON.parse(readFileSync(file, 'utf8')) as typeof holder;
      } catch {
        // unreadable: treat as stale
      }
      if (holder.pid && holder.pid !== process.pid && alive(holder.pid)) throw new AlreadyRunningError(holder.url ?? null);
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new AlreadyRunningError(null);
}
