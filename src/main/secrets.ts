/**
 * Where the desktop keeps the agent's session token. Electron implements it with safeStorage
 * (src/main/electron/safe-storage-secret-store.ts: OS keychain / DPAPI / libsecret, never
 * plaintext); the browser host with a 0600 file (src/main/services/file-secret-store.ts); tests
 * with a variable.
 */
export interface SecretStore {
  /** The stored secret, or null when there is none (or it cannot be read back). */
  get(): string | null;
  /** Stores the secret; null removes it. May decline to persist (then `get` returns null after a restart). */
  set(value: string | null): void;
}
