/** The macros repository's contract: the same `MacroRow`s, in slot order, from every engine. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { MacroDbRow } from '../tables/macros';
import type { Engine, EngineHandle } from './engine';

const macro = (id: string, over: Partial<Omit<MacroDbRow, 'version'>> = {}): Omit<MacroDbRow, 'version'> => ({
  id,
  category: 'payment_delay',
  title: `Macro ${id}`,
  reply_body: null,
  set_status: null,
  set_priority: null,
  steps_json: null,
  inputs_json: '[]',
  position: 0,
  ...over,
});

export function macrosContract(engine: Engine): void {
  let h: EngineHandle;
  beforeEach(async () => {
    h = await engine.open();
  });
  afterEach(async () => h.close());

  it('converts a macro with steps and one from before steps (its first model’s columns)', async () => {
    const steps = [{ type: 'setStatus', status: 'pending' }];
    await h.storage.write(async (tx) => {
      await tx.macros.insert(macro('m1', { steps_json: JSON.stringify(steps), set_status: 'pending', position: 2 }));
      await tx.macros.insert(macro('m2', { reply_body: 'Hello', set_priority: 'high' }));
    });
    const [withSteps, before, none] = await h.storage.read(async (tx) => [await tx.macros.get('m1'), await tx.macros.get('m2'), await tx.macros.get('m9')]);
    expect(withSteps).toStrictEqual({ id: 'm1', category: 'payment_delay', title: 'Macro m1', replyBody: null, setStatus: 'pending', setPriority: null, steps, inputs: [], position: 2, version: 1 });
    expect(before).toStrictEqual({ id: 'm2', category: 'payment_delay', title: 'Macro m2', replyBody: 'Hello', setStatus: null, setPriority: 'high', inputs: [], position: 0, version: 1 });
    expect(none).toBeNull();
  });

  it('lists macros by category, position (as a number), then title in byte order', async () => {
    await h.storage.write(async (tx) => {
      await tx.macros.insert(macro('m1', { category: 'refund_return', position: 0 }));
      await tx.macros.insert(macro('m2', { position: 10, title: 'a' }));
      await tx.macros.insert(macro('m3', { position: 9, title: 'z' }));
      await tx.macros.insert(macro('m4', { position: 1, title: 'b' }));
      await tx.macros.insert(macro('m5', { position: 1, title: 'B' }));
    });
    expect((await h.storage.read((tx) => tx.macros.all())).map((m) => m.id)).toEqual(['m5', 'm4', 'm3', 'm2', 'm1']);
  });

  it('removes a macro once, and refuses steps that are not JSON', async () => {
    await h.storage.write((tx) => tx.macros.insert(macro('m1')));
    expect(await h.storage.write(async (tx) => [await tx.macros.remove('m1'), await tx.macros.remove('m1')])).toEqual([true, false]);
    expect(await h.storage.read((tx) => tx.macros.all())).toEqual([]);
    await expect(h.storage.write((tx) => tx.macros.insert(macro('m2', { steps_json: '[{' })))).rejects.toThrow();
    expect(await h.storage.read((tx) => tx.macros.get('m2'))).toBeNull();
  });
}
