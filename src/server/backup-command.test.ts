import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BackupRefusal, parseBackupArgs } from './backup-command';
import { parseRestoreArgs } from './restore-command';

const root = mkdtempSync(path.join(os.tmpdir(), 'agent-desk-backup-args-'));
const dataDir = path.join(root, 'data');
mkdirSync(dataDir);
writeFileSync(path.join(dataDir, 'desk.sqlite'), '');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const refusal = (argv: string[], parse: (argv: string[], env: NodeJS.ProcessEnv) => unknown = parseBackupArgs): string => {
  try {
    parse(argv, {});
  } catch (err) {
    expect(err).toBeInstanceOf(BackupRefusal);
    return (err as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('backup command line', () => {
  it('accepts a data dir and a new file in an existing folder', () => {
    expect(parseBackupArgs(['--data-dir', dataDir, '--to', path.join(root, 'b.sqlite')], {})).toEqual({
      dataDir,
      database: path.join(dataDir, 'desk.sqlite'),
      to: path.join(root, 'b.sqlite'),
      force: false,
    });
  });

  it('takes the data dir from AGENT_DESK_DATA_DIR like the server', () => {
    const opts = parseBackupArgs(['--to', path.join(root, 'b.sqlite')], { AGENT_DESK_DATA_DIR: dataDir });
    expect(opts).toMatchObject({ dataDir });
  });

  it('refuses, saying why', () => {
    expect(refusal(['--data-dir', dataDir])).toMatch(/--to FILE is required/);
    expect(refusal(['--data-dir', path.join(root, 'missing'), '--to', path.join(root, 'b.sqlite')])).toMatch(/no data directory at .*missing/);
    expect(refusal(['--data-dir', root, '--to', path.join(root, 'b.sqlite')])).toMatch(/holds no desk\.sqlite/);
    expect(refusal(['--data-dir', dataDir, '--to', path.join(root, 'nope', 'b.sqlite')])).toMatch(/folder .*nope does not exist/);
    expect(refusal(['--data-dir', dataDir, '--to', path.join(dataDir, 'desk.sqlite'), '--force'])).toMatch(/the live database itself/);
    expect(refusal(['--data-dir', dataDir, '--to', root])).toMatch(/is a folder/);
    expect(refusal(['--data-dir', dataDir, '--to', path.join(root, 'b.sqlite'), '--frobnicate'])).toMatch(/Unknown option/);
  });

  it('refuses an existing file unless --force', () => {
    const existing = path.join(root, 'old.sqlite');
    writeFileSync(existing, 'x');
    expect(refusal(['--data-dir', dataDir, '--to', existing])).toMatch(/already exists.*--force/);
    expect(parseBackupArgs(['--data-dir', dataDir, '--to', existing, '--force'], {})).toMatchObject({ force: true });
  });
});

describe('restore command line', () => {
  const backup = path.join(root, 'a-backup.sqlite');
  writeFileSync(backup, '');

  it('refuses, saying why', () => {
    expect(refusal(['--data-dir', dataDir], parseRestoreArgs)).toMatch(/--from FILE is required/);
    expect(refusal(['--from', path.join(root, 'none.sqlite'), '--data-dir', dataDir], parseRestoreArgs)).toMatch(/no backup file at/);
    expect(refusal(['--from', backup, '--data-dir', path.join(root, 'missing')], parseRestoreArgs)).toMatch(/no data directory at .*create it first/);
    expect(refusal(['--from', backup, '--data-dir', dataDir], parseRestoreArgs)).toMatch(/already exists: pass --force/);
  });

  it('accepts an empty data directory', () => {
    const empty = path.join(root, 'empty');
    mkdirSync(empty);
    expect(parseRestoreArgs(['--from', backup, '--data-dir', empty], {})).toEqual({ from: backup, dataDir: empty, database: path.join(empty, 'desk.sqlite'), force: false });
  });
});
