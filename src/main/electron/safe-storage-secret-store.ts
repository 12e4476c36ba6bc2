/**
 * The session token under Electron: encrypted with `safeStorage` (macOS Keychain, Windows
 * DPAPI, Linux libsecret/kwallet) into a file in userData. Never plaintext: when the OS offers
 * no real encryption (`isEncryptionAvailable()` false, or Linux falling back to the
 * `basic_text` backend, whose key is hard-coded in Chromium) the token is kept in memory for
 * this run only and the agent signs in again next time. `safeStorage` is injected, so this is
 * tested under Node; create the store after `app` is ready (Linux needs that).
 */
import type { SafeStorage } from 'electron';
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SecretStore } from '../secrets';

export type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> &
  Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

export interface SafeStorageSecretStoreOptions {
  file: string;
  safeStorage: SafeStorageLike;
  platform?: NodeJS.Platform;
  log: { warn(obj: object, msg?: string): void };
}

/** Linux backends that are not real encryption (Chromium's fixed "peanuts" key, or none). */
const WEAK_LINUX_BACKENDS = new Set(['basic_text', 'unknown']);

export function canEncryptSecrets(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): boolean {
  try {
    if (!safeStorage.isEncryptionAvailable()) return false;
    if (platform === 'linux' && safeStorage.getSelectedStorageBackend) {
      return !WEAK_LINUX_BACKENDS.has(safeStorage.getSelectedStorageBackend());
    }
    return true;
  } catch {
    return false;
  }
}

export function createSafeStorageSecretStore(opts: SafeStorageSecretStoreOptions): SecretStore {
  const { file, safeStorage, log } = opts;
  const platform = opts.platform ?? process.platform;
  /** undefined: not read yet. Cached so the keychain is asked once per run. */
  let cached: string | null | undefined;
  let warned = false;

  const remove = () => {
    try {
      rmSync(file, { force: true });
    } catch (err) {
      log.warn({ err }, 'secrets: could not remove the stored session');
    }
  };

  return {
    get() {
      if (cached !== undefined) return cached;
      cached = null;
      if (!canEncryptSecrets(safeStorage, platform)) return cached;
      let sealed: Buffer;
      try {
        sealed = readFileSync(file);
      } catch {
        return cached; // nothing stored
      }
      try {
        cached = safeStorage.decryptString(sealed) || null;
      } catch (err) {
        // Another OS user, a reset keychain, a copied profile: sign in again.
        log.warn({ err }, 'secrets: the stored session could not be decrypted; sign in again');
        remove();
      }
      return cached;
    },
    set(value) {
      cached = value;
      if (value === null) {
        remove();
        return;
      }
      if (!canEncryptSecrets(safeStorage, platform)) {
        remove();
        if (!warned) {
          warned = true;
          log.warn({ platform }, 'secrets: the OS offers no encryption for the session; it is kept for this run only');
        }
        return;
      }
      try {
        mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
        const tmp = `${file}.tmp`;
        writeFileSync(tmp, safeStorage.encryptString(value), { mode: 0o600 });
        chmodSync(tmp, 0o600);
        renameSync(tmp, file);
      } catch (err) {
        log.warn({ err }, 'secrets: could not store the session; it is kept for this run only');
      }
    },
  };
}
