import type { MacroRow } from '../../../shared/domain';
import type { Db } from '../db';

interface MacroDbRow {
  id: string;
  category: MacroRow['category'];
  title: string;
  reply_body: string | null;
  set_status: MacroRow['setStatus'];
  set_priority: MacroRow['setPriority'];
  version: number;
}

const toWireMacro = (r: MacroDbRow): MacroRow => ({
  id: r.id,
  category: r.category,
  title: r.title,
  replyBody: r.reply_body,
  setStatus: r.set_status,
  setPriority: r.set_priority,
  version: r.version,
});

export function createMacrosTable(db: Db) {
  const all = db.prepare<[], MacroDbRow>('SELECT * FROM macros ORDER BY category, title');
  const byId = db.prepare<[string], MacroDbRow>('SELECT * FROM macros WHERE id = ?');
  return {
    all: (): MacroRow[] => all.all().map(toWireMacro),
    get: (id: string): MacroRow | null => {
      const r = byId.get(id);
      return r ? toWireMacro(r) : null;
    },
  };
}
