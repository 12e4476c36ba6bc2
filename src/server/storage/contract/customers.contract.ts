/**
 * The customers repository's contract: identical rows from every engine; `rename` compares the
 * e-mail as SQLite's `COLLATE NOCASE` column does (ASCII letters folded, nothing else) and the name
 * byte for byte; the demo identities in id byte order with SQLite's LIMIT (negative: no limit).
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Engine, EngineHandle } from './engine';
import { customerRow, insertRows, orderRow, regionRow, seedCustomers } from './fixtures-customers';

export function customersContract(engine: Engine): void {
  let h: EngineHandle;
  beforeEach(async () => {
    h = await engine.open();
  });
  afterEach(async () => h.close());

  it('round-trips a customer: every column as stored, version 1, nulls as nulls', async () => {
    const { storage } = h;
    await storage.write(async (tx) => {
      await tx.regions.insert(regionRow('se'));
      await tx.customers.insert(customerRow('c1', { identity: 'visitor', device_json: '{"os":"iOS"}', risk_flags_json: '["chargeback"]' }));
      await tx.customers.insert(customerRow('c2'));
    });
    const [c1, c2, none] = await storage.read(async (tx) => [await tx.customers.get('c1'), await tx.customers.get('c2'), await tx.customers.get('c3')]);
    expect(c1).toStrictEqual({ ...customerRow('c1', { identity: 'visitor', device_json: '{"os":"iOS"}', risk_flags_json: '["chargeback"]' }), version: 1 });
    expect(c2).toStrictEqual({ ...customerRow('c2'), version: 1 });
    expect(none).toBeNull();
  });

  it('finds the oldest verified customer by email, ASCII case folded, never a visitor', async () => {
    await h.storage.write(async (tx) => {
      await tx.regions.insert(regionRow('se'));
      await tx.customers.insert(customerRow('v1', { email: 'Anna@Mail.example', identity: 'visitor', created_at: '2026-01-01T00:00:00.000Z' }));
      await tx.customers.insert(customerRow('c2', { email: 'anna@mail.example', created_at: '2026-01-03T00:00:00.000Z' }));
      await tx.customers.insert(customerRow('c1', { email: 'ANNA@mail.example', created_at: '2026-01-02T00:00:00.000Z' }));
      await tx.customers.insert(customerRow('c3', { email: 'åsa@mail.example' }));
    });
    const found = await h.storage.read(async (tx) => [
      (await tx.customers.verifiedByEmail('anna@MAIL.example'))?.id,
      (await tx.customers.verifiedByEmail('Åsa@mail.example'))?.id ?? null,
      (await tx.customers.verifiedByEmail('åsa@mail.example'))?.id,
      await tx.customers.verifiedByEmail('nobody@mail.example'),
    ]);
    expect(found).toStrictEqual(['c1', null, 'c3', null]);
    // A caller lookup lists them all (at most 5), oldest first, with the same folding.
    const listed = await h.storage.read(async (tx) => [
      (await tx.customers.verifiedListByEmail('anna@MAIL.example')).map((c) => c.id),
      (await tx.customers.verifiedListByEmail('Åsa@mail.example')).map((c) => c.id),
    ]);
    expect(listed).toStrictEqual([['c1', 'c2'], []]);
  });

  it('refuses a customer of an unknown region', async () => {
    const { storage } = h;
    await expect(storage.write((tx) => tx.customers.insert(customerRow('c1', { region_id: 'nowhere' })))).rejects.toThrow(/FOREIGN KEY|foreign key/);
    expect(await storage.read((tx) => tx.customers.get('c1'))).toBeNull();
  });

  it('renames only when the name differs by a byte or the e-mail differs beyond ASCII case', async () => {
    const { storage } = h;
    await storage.write(async (tx) => {
      await tx.regions.insert(regionRow('se'));
      await tx.customers.insert(customerRow('c1', { name: 'Åsa Berg', email: 'asa@mail.example' }));
      await tx.customers.insert(customerRow('c2', { name: 'Bo', email: 'Åke@mail.example' }));
    });
    const rename = (id: string, name: string, email: string) => storage.write((tx) => tx.customers.rename(id, name, email));
    const row = (id: string) => storage.read((tx) => tx.customers.get(id));

    expect(await rename('c1', 'Åsa Berg', 'asa@mail.example')).toBe(false); // nothing differs
    expect(await rename('c1', 'Åsa Berg', 'ASA@Mail.Example')).toBe(false); // ASCII case only: the same e-mail
    expect(await row('c1')).toMatchObject({ name: 'Åsa Berg', email: 'asa@mail.example', version: 1 });

    expect(await rename('c1', 'åsa Berg', 'ASA@Mail.Example')).toBe(true); // the name by byte: renamed, e-mail taken as given
    expect(await row('c1')).toMatchObject({ name: 'åsa Berg', email: 'ASA@Mail.Example', version: 2 });

    expect(await rename('c2', 'Bo', 'åke@mail.example')).toBe(true); // Å/å: NOCASE folds ASCII letters only
    expect(await row('c2')).toMatchObject({ name: 'Bo', email: 'åke@mail.example', version: 2 });

    expect(await rename('c2', 'Bo', 'bo@mail.example')).toBe(true);
    expect(await row('c2')).toMatchObject({ email: 'bo@mail.example', version: 3 });
    expect(await rename('nobody', 'X', 'x@mail.example')).toBe(false);
    expect(await row('c1')).toMatchObject({ version: 2 });
  });

  it('offers verified customers with orders as demo identities, by id in byte order, limited as SQLite limits', async () => {
    await seedCustomers(h, 'c-b', 'C-z', 'c-a', 'c-none', 'c-é');
    await h.storage.write((tx) => tx.customers.insert(customerRow('c-visitor', { identity: 'visitor' })));
    await insertRows(h, 'orders', [
      orderRow('o1', 'c-b'),
      orderRow('o2', 'c-b'),
      orderRow('o3', 'C-z'),
      orderRow('o4', 'c-a'),
      orderRow('o5', 'c-visitor'),
      orderRow('o6', 'c-é'),
    ]);
    const ids = (limit: number) => h.storage.read(async (tx) => (await tx.customers.demoIdentities(limit)).map((c) => c.id));
    expect(await ids(10)).toEqual(['C-z', 'c-a', 'c-b', 'c-é']);
    expect(await ids(2)).toEqual(['C-z', 'c-a']);
    expect(await ids(0)).toEqual([]);
    expect(await ids(-1)).toEqual(['C-z', 'c-a', 'c-b', 'c-é']);
    expect((await h.storage.read((tx) => tx.customers.demoIdentities(1)))[0]).toStrictEqual({ ...customerRow('C-z'), version: 1 });
  });
}
