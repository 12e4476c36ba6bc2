/**
 * Attachment files, content-addressed under <filesDir>/<sha[0..2]>/<sha>. A write checks the
 * hash of the data and lands atomically (temp file, fsync, rename); a read checks it again, so
 * a damaged file is dropped and fetched anew rather than shown.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

const SHA256 = /^[0-9a-f]{64}$/;

export class AttachmentHashMismatchError extends Error {
  constructor(expected: string, actual: string) {
    super(`The downloaded attachment does not match its checksum (expected ${expected.slice(0, 12)}…, got ${actual.slice(0, 12)}…); it was not saved.`);
    this.name = 'AttachmentHashMismatchError';
  }
}

const sha256Of = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

function checkHash(sha256: string): string {
  const sha = sha256.toLowerCase();
  if (!SHA256.test(sha)) throw new Error(`"${sha256.slice(0, 80)}" is not a SHA-256 hash.`);
  return sha;
}

export function createFileStore(filesDir: string) {
  const pathOf = (sha: string): string => path.join(filesDir, sha.slice(0, 2), sha);
  return {
    pathOf: (sha256: string): string => pathOf(checkHash(sha256)),
    read(sha256: string): Buffer | null {
      const sha = checkHash(sha256);
      let data: Buffer;
      try {
        data = readFileSync(pathOf(sha));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
      if (sha256Of(data) === sha) return data;
      rmSync(pathOf(sha), { force: true });
      return null;
    },
    write(sha256: string, data: Buffer): void {
      const sha = checkHash(sha256);
      const actual = sha256Of(data);
      if (actual !== sha) throw new AttachmentHashMismatchError(sha, actual);
      const target = pathOf(sha);
      mkdirSync(path.dirname(target), { recursive: true });
      const temp = `${target}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        const fd = openSync(temp, 'w');
        try {
          writeSync(fd, data);
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
        renameSync(temp, target);
      } catch (err) {
        rmSync(temp, { force: true });
        throw err;
      }
    },
    remove(sha256: string): void {
      rmSync(pathOf(checkHash(sha256)), { force: true });
    },
  };
}
export type FileStore = ReturnType<typeof createFileStore>;
