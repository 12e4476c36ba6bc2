import { z } from 'zod';
import type { Db } from '../db';

const Interval = z.tuple([z.string().regex(/^\d{2}:\d{2}$/), z.string().regex(/^\d{2}:\d{2}$/)]);
export const BusinessHours = z.object({
  mon: z.array(Interval),
  tue: z.array(Interval),
  wed: z.array(Interval),
  thu: z.array(Interval),
  fri: z.array(Interval),
  sat: z.array(Interval),
  sun: z.array(Interval),
});
export type BusinessHours = z.infer<typeof BusinessHours>;

export interface RegionRow {
  id: string;
  name: string;
  time_zone: string;
  locale: string;
  currency: string;
  hours_json: string;
  chat_enabled: number;
  phone: string | null;
  first_response_target_sec: number;
}

export interface Region {
  id: string;
  name: string;
  timeZone: string;
  locale: string;
  currency: string;
  hours: BusinessHours;
  chatEnabled: boolean;
  phone: string | null;
  firstResponseTargetSec: number;
}

const CLOSED: BusinessHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };

export function toRegion(r: RegionRow): Region {
  let hours = CLOSED;
  try {
    hours = BusinessHours.parse(JSON.parse(r.hours_json));
  } catch {
    // A malformed row keeps the region closed rather than open by accident.
  }
  return {
    id: r.id,
    name: r.name,
    timeZone: r.time_zone,
    locale: r.locale,
    currency: r.currency,
    hours,
    chatEnabled: r.chat_enabled === 1,
    phone: r.phone,
    firstResponseTargetSec: r.first_response_target_sec,
  };
}

export function createRegionsTable(db: Db) {
  const all = db.prepare<[], RegionRow>('SELECT * FROM regions ORDER BY id');
  const byId = db.prepare<[string], RegionRow>('SELECT * FROM regions WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO regions (id, name, time_zone, locale, currency, hours_json, chat_enabled, phone, first_response_target_sec)
     VALUES (@id, @name, @time_zone, @locale, @currency, @hours_json, @chat_enabled, @phone, @first_response_target_sec)`,
  );
  const setHours = db.prepare('UPDATE regions SET hours_json = ? WHERE id = ?');
  return {
    all: (): Region[] => all.all().map(toRegion),
    get: (id: string): Region | null => {
      const r = byId.get(id);
      return r ? toRegion(r) : null;
    },
    insert: (r: RegionRow): void => void insert.run(r),
    setHours: (id: string, hours: BusinessHours): void => void setHours.run(JSON.stringify(BusinessHours.parse(hours)), id),
  };
}
export type RegionsTable = ReturnType<typeof createRegionsTable>;
