/** The regions repository's contract: the same `Region`s from every engine, ids in byte order. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { BusinessHours } from '../tables/regions';
import type { Engine, EngineHandle } from './engine';
import { HOURS, regionRow } from './fixtures-customers';

export function regionsContract(engine: Engine): void {
  let h: EngineHandle;
  beforeEach(async () => {
    h = await engine.open();
  });
  afterEach(async () => h.close());

  it('round-trips a region: hours parsed, the flag as a boolean, numbers as numbers, nulls as nulls', async () => {
    const { storage } = h;
    await storage.write((tx) => tx.regions.insert(regionRow('de', { name: 'Germany', chat_enabled: 0, phone: null, first_response_target_sec: 120, currency: 'EUR' })));
    expect(await storage.read((tx) => tx.regions.get('de'))).toStrictEqual({
      id: 'de',
      name: 'Germany',
      timeZone: 'Europe/Stockholm',
      locale: 'sv-SE',
      currency: 'EUR',
      hours: HOURS,
      chatEnabled: false,
      phone: null,
      firstResponseTargetSec: 120,
    });
    expect(await storage.read((tx) => tx.regions.get('nowhere'))).toBeNull();
  });

  it('keeps a region with malformed hours closed', async () => {
    const { storage } = h;
    await storage.write((tx) => tx.regions.insert(regionRow('se', { hours_json: '{"mon":[["9am","5pm"]]}' })));
    expect((await storage.read((tx) => tx.regions.get('se')))?.hours).toStrictEqual({ mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] });
  });

  it('lists all regions by id in byte order (as SQLite’s BINARY collation)', async () => {
    const { storage } = h;
    await storage.write(async (tx) => {
      for (const id of ['se', 'Åland', 'de', 'DE', '_x', 'fi']) await tx.regions.insert(regionRow(id));
    });
    expect((await storage.read((tx) => tx.regions.all())).map((r) => r.id)).toEqual(['DE', '_x', 'de', 'fi', 'se', 'Åland']);
  });

  it('sets the hours of one region, validated: invalid hours are refused and change nothing', async () => {
    const { storage } = h;
    await storage.write(async (tx) => {
      await tx.regions.insert(regionRow('se'));
      await tx.regions.insert(regionRow('fi'));
    });
    const weekend = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [['10:00', '14:00']], sun: [['11:00', '13:00']] } as const;
    await storage.write((tx) => tx.regions.setHours('se', structuredClone(weekend) as unknown as BusinessHours));
    const [se, fi] = await storage.read(async (tx) => [await tx.regions.get('se'), await tx.regions.get('fi')]);
    expect(se?.hours).toStrictEqual(weekend);
    expect(fi?.hours).toStrictEqual(HOURS);
    const invalid = { ...weekend, sat: [['10:00', '2pm']] } as unknown as BusinessHours; // what a bad caller could pass
    await expect(storage.write((tx) => tx.regions.setHours('se', invalid))).rejects.toThrow(/Invalid|regex/);
    expect((await storage.read((tx) => tx.regions.get('se')))?.hours).toStrictEqual(weekend);
  });

  it('refuses a second region with the same id', async () => {
    const { storage } = h;
    await storage.write((tx) => tx.regions.insert(regionRow('se')));
    await expect(storage.write((tx) => tx.regions.insert(regionRow('se', { name: 'Again' })))).rejects.toThrow(/UNIQUE|unique|duplicate/);
    expect((await storage.read((tx) => tx.regions.all())).map((r) => r.name)).toEqual(['Region se']);
  });
}
