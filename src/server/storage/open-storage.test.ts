import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { openStorage, redactDatabaseUrl } from './open-storage';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'agent-desk-open-'));
  dirs.push(d);
  return d;
};

describe('opening the storage', () => {
  it('refuses a PostgreSQL it cannot reach with one clear line that names it without its password', async () => {
    const url = `postgres://desk:s3cret@/agentdesk?host=${encodeURIComponent(path.join(tempDir(), 'no-server-here'))}`;
    const err = await openStorage({ dataDir: tempDir(), databaseUrl: url, now: () => new Date(), log: createLogger('silent') }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/^could not connect to PostgreSQL at postgres:\/\/desk:\*\*\*@\/agentdesk/);
    expect((err as Error).message).not.toContain('s3cret');
  });

  it('opens SQLite in the data directory, says the desk is fresh only the first time, and has no feed lag', async () => {
    const dataDir = tempDir();
    const seen: boolean[] = [];
    for (let i = 0; i < 2; i++) {
      const opened = await openStorage({ dataDir, now: () => new Date(), log: createLogger('silent'), prepare: (_db, fresh) => void seen.push(fresh) });
      expect(opened.engine).toBe('sqlite');
      expect(await opened.feedLag()).toBeNull();
      expect(await opened.storage.read((tx) => tx.meta.get('epoch'))).toMatch(/^[0-9a-f-]{36}$/);
      await opened.close();
    }
    expect(seen).toEqual([true, false]);
  });

  it('redacts the password of any URL scheme', () => {
    expect(redactDatabaseUrl('postgresql://u:p@h:5432/d')).toBe('postgresql://u:***@h:5432/d');
    expect(redactDatabaseUrl('mysql://u:p@h/d')).toBe('mysql://u:***@h/d');
    expect(redactDatabaseUrl('postgres://u@/d?host=/run/x')).toBe('postgres://u@/d?host=/run/x');
  });
});
