/** The meta repository's contract: a key's value, replaced by a later set. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Engine, EngineHandle } from './engine';

export function metaContract(engine: Engine): void {
  let h: EngineHandle;
  beforeEach(async () => {
    h = await engine.open();
  });
  afterEach(async () => h.close());

  // Not 'epoch': SQLite's openDatabase gives a new database one, PostgreSQL's migrations do not.
  it('returns null for a missing key, the value set, and the latest value after a second set', async () => {
    expect(await h.storage.read((tx) => tx.meta.get('seeded'))).toBeNull();
    await h.storage.write(async (tx) => {
      await tx.meta.set('seeded', 'v1');
      await tx.meta.set('demo', '1');
      await tx.meta.set('seeded', 'v2');
    });
    expect(await h.storage.read(async (tx) => [await tx.meta.get('seeded'), await tx.meta.get('demo'), await tx.meta.get('Seeded')])).toEqual(['v2', '1', null]);
    await h.storage.write((tx) => tx.meta.set('demo', ''));
    expect(await h.storage.read((tx) => tx.meta.get('demo'))).toBe('');
  });
}
