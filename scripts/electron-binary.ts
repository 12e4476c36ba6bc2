/**
 * The Electron binary, or why it cannot be used: shared by `npm start` (Electron or the browser
 * host) and the Electron smoke test (run or skip). Reads electron's path.txt instead of requiring
 * the package, whose index tries to download the binary when it is missing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

export function electronBinary(): { path: string } | { reason: string } {
  let dir: string;
  try {
    dir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return { reason: 'Electron is not installed (npm install --omit=dev?)' };
  }
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return { reason: 'the Electron binary is not installed (its download failed during npm install; this machine may have no access to it)' };
  const binary = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary } : { reason: `the Electron binary is missing at ${binary}` };
}
