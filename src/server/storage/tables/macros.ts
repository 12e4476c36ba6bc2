import type { MacroRow } from '../../../shared/domain';
import type { Db } from '../db';
import { parseJson } from './json';

export interface MacroDbRow {
  id: string;
  category: MacroRow['category'];
  title: string;
  /** The first model's columns, kept filled for desktops from before steps. */
  reply_body: string | null;
  set_status: MacroRow['setStatus'];
  set_priority: MacroRow['setPriority'];
  /** Null on a row from before steps: desktops read it from the columns above. */
  steps_json: string | null;
  inputs_json: string;
  position: number;
  version: number;
}

type WireSteps = NonNullable<MacroRow['steps']>;
type WireInputs = NonNullable<MacroRow['inputs']>;

export const toWireMacro = (r: MacroDbRow): MacroRow => {
  const steps = r.steps_json === null ? undefined : parseJson<WireSteps>(r.steps_json, []);
  return {
    id: r.id,
    category: r.category,
    title: r.title,
    replyBody: r.reply_body,
    setStatus: r.set_status,
    setPriority: r.set_priority,
    ...(steps ? { steps } : {}),
    inputs: parseJson<WireInputs>(r.inputs_json, []),
    position: r.position,
    version: r.version,
  };
};

export function createMacrosTable(db: Db) {
  const all = db.prepare<[], MacroDbRow>('SELECT * FROM macros ORDER BY category, position, title');
  const byId = db.prepare<[string], MacroDbRow>('SELECT * FROM macros WHERE id = ?');
  const insert = db.prepare<[Omit<MacroDbRow, 'version'>]>(
    `INSERT INTO macros (id, category, title, reply_body, set_status, set_priority, steps_json, inputs_json, position)
     VALUES (@id, @category, @title, @reply_body, @set_status, @set_priority, @steps_json, @inputs_json, @position)`,
  );
  const remove = db.prepare<[string]>('DELETE FROM macros WHERE id = ?');
  return {
    all: (): MacroRow[] => all.all().map(toWireMacro),
    get: (id: string): MacroRow | null => {
      const r = byId.get(id);
      return r ? toWireMacro(r) : null;
    },
    insert: (r: Omit<MacroDbRow, 'version'>): void => void insert.run(r),
    remove: (id: string): boolean => remove.run(id).changes > 0,
  };
}
