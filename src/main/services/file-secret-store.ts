/**
 * The browser host's session-token store: a file only this OS user can read (0600). Electron
 * uses safeStorage instead (src/main/electron); the browser host has no OS keychain to ask.
 */
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SecretStore } from '../secrets';

export function createFileSecretStore(file: string): SecretStore {
  return {
    get(): string | null {
      try {
        const v = readFileSync(file, 'utf8').trim();
        return v || null;
      } catch {
        return null;
      }
    },
    set(value: string | null): void {
      if (value === null) {
        rmSync(file, { force: true });
        return;
      }
      mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      writeFileSync(file, value, { mode: 0o600 });
      chmodSync(file, 0o600);
    },
  };
}
