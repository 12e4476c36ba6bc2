/** Attachment bytes on disk, content-addressed under the data directory. */
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';

export function createFileStore(dataDir: string) {
  const root = path.join(dataDir, 'attachments');
  const pathOf = (sha256: string) => {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a sha256');
    return path.join(root, sha256.slice(0, 2), sha256);
  };
  return {
    /** Writes atomically (temp file + rename) so a crash never leaves half a file under its name. */
    put(sha256: string, data: Buffer): void {
      const file = pathOf(sha256);
      if (existsSync(file)) return;
      mkdirSync(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, data);
      renameSync(tmp, file);
    },
    get: (sha256: string): Buffer => readFileSync(pathOf(sha256)),
  };
}
export type FileStore = ReturnType<typeof createFileStore>;
