/** The regions repository's contract: the same `Region`s from every engine, ids in byte order. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { CalendarSettings } from '../../calendar/model';
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
      holidayCountry: null,
      holidayHours: [],
      exceptions: [],
      complaintBusinessDays: 10,
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

  it('inserts a region without calendar columns with their defaults: no holidays, no exceptions, 10 complaint days', async () => {
    const { storage } = h;
    const { holiday_country: _c, holiday_hours_json: _h, exceptions_json: _e, complaint_business_days: _d, ...bare } = regionRow('se');
    await storage.write((tx) => tx.regions.insert(bare));
    expect(await h.rows(`SELECT holiday_country, holiday_hours_json, exceptions_json, complaint_business_days FROM regions WHERE id = 'se'`)).toEqual([
      { holiday_country: null, holiday_hours_json: '[]', exceptions_json: '[]', complaint_business_days: 10 },
    ]);
  });

  it('round-trips the calendar settings of one region, exceptions in date order, intervals across midnight kept', async () => {
    const { storage } = h;
    await storage.write(async (tx) => {
      await tx.regions.insert(regionRow('au', { time_zone: 'Australia/Sydney' }));
      await tx.regions.insert(regionRow('se'));
    });
    const settings: CalendarSettings = {
      holidayCountry: 'AU-NSW',
      holidayHours: [['10:00', '14:00']],
      exceptions: [
        { date: '2026-12-31', intervals: [['20:00', '02:00']], note: "New Year's Eve" },
        { date: '2026-12-24', intervals: [] },
      ],
      complaintBusinessDays: 21,
    };
    await storage.write((tx) => tx.regions.setCalendar('au', settings));
    const [au, se] = await storage.read(async (tx) => [await tx.regions.get('au'), await tx.regions.get('se')]);
    expect(au).toMatchObject({
      holidayCountry: 'AU-NSW',
      holidayHours: [['10:00', '14:00']],
      exceptions: [
        { date: '2026-12-24', intervals: [] },
        { date: '2026-12-31', intervals: [['20:00', '02:00']], note: "New Year's Eve" },
      ],
      complaintBusinessDays: 21,
    });
    expect(se).toMatchObject({ holidayCountry: null, exceptions: [], complaintBusinessDays: 10 });
  });

  it('refuses invalid calendar settings and changes nothing: an unknown country, a date twice, zero complaint days', async () => {
    const { storage } = h;
    await storage.write((tx) => tx.regions.insert(regionRow('se', { holiday_country: 'SE' })));
    const good: CalendarSettings = { holidayCountry: 'SE', holidayHours: [], exceptions: [], complaintBusinessDays: 10 };
    for (const bad of [
      { ...good, holidayCountry: 'XX' },
      { ...good, exceptions: [{ date: '2026-06-19', intervals: [] }, { date: '2026-06-19', intervals: [] }] },
      { ...good, complaintBusinessDays: 0 },
      { ...good, holidayHours: [['10:00', '10:00']] },
    ] as CalendarSettings[]) {
      await expect(storage.write((tx) => tx.regions.setCalendar('se', bad))).rejects.toThrow();
    }
    expect(await storage.read((tx) => tx.regions.get('se'))).toMatchObject({ holidayCountry: 'SE', holidayHours: [], exceptions: [], complaintBusinessDays: 10 });
  });

  it('reads malformed calendar columns safely: no holidays, no exceptions, the weekly hours still hold', async () => {
    const { storage } = h;
    await h.insertRow('regions', { ...regionRow('se'), holiday_country: 'Sweden', holiday_hours_json: '[["x"]]', exceptions_json: '[{"date":"soon"}]' });
    expect(await storage.read((tx) => tx.regions.get('se'))).toMatchObject({ holidayCountry: null, holidayHours: [], exceptions: [], hours: HOURS });
  });

  it('refuses what the columns’ checks refuse: text that is not JSON, complaint days out of range', async () => {
    await expect(h.insertRow('regions', { ...regionRow('se'), exceptions_json: 'not json' })).rejects.toThrow();
    await expect(h.insertRow('regions', { ...regionRow('de'), complaint_business_days: 61 })).rejects.toThrow();
    expect(await h.rows('SELECT id FROM regions')).toEqual([]);
  });
}
