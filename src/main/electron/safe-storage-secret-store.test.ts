import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSafeStorageSecretStore, type SafeStorageLike } from './safe-storage-secret-store';

const TOKEN = 'tok_5f1c0a9e-secret';

/** A stand-in for safeStorage: XOR with a key, enough to prove no plaintext lands on disk. */
function fakeSafeStorage(over: Partial<SafeStorageLike> = {}): SafeStorageLike {
  const xor = (b: Buffer) => Buffer.from(b.map((x, i) => x ^ (0x5a + i) % 256));
  return {
    isEncryptionAvailable: () => true,
    encryptString: (s: string) => Buffer.concat([Buffer.from('v10'), xor(Buffer.from(s, 'utf8'))]),
    decryptString: (b: Buffer) => {
      if (b.subarray(0, 3).toString() !== 'v10') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return xor(b.subarray(3)).toString('utf8');
    },
    getSelectedStorageBackend: () => 'gnome_libsecret',
    ...over,
  };
}

describe('createSafeStorageSecretStore', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const tmpFile = () => {
    const d = mkdtempSync(path.join(os.tmpdir(), 'agent-desk-secrets-'));
    dirs.push(d);
    return path.join(d, 'session.bin');
  };
  const log = () => ({ warn: vi.fn() });

  it('stores the token encrypted and reads it back after a restart', () => {
    const file = tmpFile();
    const store = createSafeStorageSecretStore({ file, safeStorage: fakeSafeStorage(), platform: 'darwin', log: log() });
    expect(store.get()).toBeNull();
    store.set(TOKEN);
    expect(readFileSync(file).toString('latin1')).not.toContain(TOKEN);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    const restarted = createSafeStorageSecretStore({ file, safeStorage: fakeSafeStorage(), platform: 'darwin', log: log() });
    expect(restarted.get()).toBe(TOKEN);
  });

  it('forgets the token on sign-out', () => {
    const file = tmpFile();
    const store = createSafeStorageSecretStore({ file, safeStorage: fakeSafeStorage(), platform: 'win32', log: log() });
    store.set(TOKEN);
    store.set(null);
    expect(existsSync(file)).toBe(false);
    expect(store.get()).toBeNull();
  });

  it.each([
    ['encryption unavailable', 'darwin', fakeSafeStorage({ isEncryptionAvailable: () => false })],
    ['Linux basic_text backend (hard-coded key)', 'linux', fakeSafeStorage({ getSelectedStorageBackend: () => 'basic_text' })],
    ['Linux unknown backend', 'linux', fakeSafeStorage({ getSelectedStorageBackend: () => 'unknown' })],
  ] as const)('with %s: never writes the token, keeps it for this run only', (_name, platform, safeStorage) => {
    const file = tmpFile();
    const l = log();
    const encrypt = vi.spyOn(safeStorage, 'encryptString');
    const store = createSafeStorageSecretStore({ file, safeStorage, platform, log: l });
    store.set(TOKEN);
    store.set(TOKEN);
    expect(existsSync(file)).toBe(false);
    expect(encrypt).not.toHaveBeenCalled();
    expect(store.get()).toBe(TOKEN);
    expect(l.warn).toHaveBeenCalledTimes(1);
    expect(createSafeStorageSecretStore({ file, safeStorage, platform, log: log() }).get()).toBeNull();
  });

  it('removes a file stored earlier when encryption is no longer available', () => {
    const file = tmpFile();
    createSafeStorageSecretStore({ file, safeStorage: fakeSafeStorage(), platform: 'linux', log: log() }).set(TOKEN);
    const weak = createSafeStorageSecretStore({ file, safeStorage: fakeSafeStorage({ isEncryptionAvailable: () => false }), platform: 'linux', log: log() });
    expect(weak.get()).toBeNull();
    weak.set('other');
    expect(existsSync(file)).toBe(false);
  });

  it('treats an undecryptable file as signed out and removes it', () => {
    const file = tmpFile();
    writeFileSync(file, 'garbage');
    const l = log();
    const store = createSafeStorageSecretStore({ file, safeStorage: fakeSafeStorage(), platform: 'darwin', log: l });
    expect(store.get()).toBeNull();
    expect(existsSync(file)).toBe(false);
    expect(l.warn).toHaveBeenCalled();
    expect(JSON.stringify(l.warn.mock.calls)).not.toContain('garbage');
  });

  it('asks the keychain once per run', () => {
    const file = tmpFile();
    createSafeStorageSecretStore({ file, safeStorage: fakeSafeStorage(), platform: 'darwin', log: log() }).set(TOKEN);
    const safeStorage = fakeSafeStorage();
    const decrypt = vi.spyOn(safeStorage, 'decryptString');
    const store = createSafeStorageSecretStore({ file, safeStorage, platform: 'darwin', log: log() });
    for (let i = 0; i < 5; i++) expect(store.get()).toBe(TOKEN);
    expect(decrypt).toHaveBeenCalledTimes(1);
  });
});
