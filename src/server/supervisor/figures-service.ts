/** The figures of a range, read in one view and kept for a few seconds (many supervisors, one computation). */
import type { FigureRange, FiguresResponse } from '../../shared/protocol/supervisor';
import type { Deps } from '../deps';
import { computeFigures, fetchSince } from './figures';

const FRESH_MS = 5000;

export function createFiguresService(deps: Pick<Deps, 'storage' | 'clock'>) {
  const cache = new Map<FigureRange, { at: number; value: Promise<FiguresResponse> }>();

  function compute(range: FigureRange): Promise<FiguresResponse> {
    const now = deps.clock.now();
    return deps.storage.read(async (tx) => {
      const regions = await tx.regions.all();
      const rows = await tx.tickets.figureRows(fetchSince(range, regions, now));
      const agents = (await tx.agents.all()).map((a) => ({ id: a.id, name: a.name }));
      return computeFigures({ range, now, regions, agents, rows });
    });
  }

  return {
    figures(range: FigureRange): Promise<FiguresResponse> {
      const hit = cache.get(range);
      if (hit && Date.now() - hit.at < FRESH_MS) return hit.value;
      const value = compute(range);
      cache.set(range, { at: Date.now(), value });
      value.catch(() => cache.delete(range));
      return value;
    },
  };
}
