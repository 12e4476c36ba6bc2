import { describe, expect, it } from 'vitest';
import { reopenPatch } from './reopen';

const AT = '2026-03-02T10:00:00.000Z';

describe('reopenPatch', () => {
  it.each(['open', 'pending', 'queued'] as const)('counts a resolved case going back to %s', (next) => {
    expect(reopenPatch({ status: 'resolved', reopen_count: 2 }, next, AT)).toEqual({ reopen_count: 3, reopened_at: AT });
  });
  it('leaves everything else alone: no status change, closing, or a case that was not resolved', () => {
    expect(reopenPatch({ status: 'resolved', reopen_count: 0 }, undefined, AT)).toEqual({});
    expect(reopenPatch({ status: 'resolved', reopen_count: 0 }, 'closed', AT)).toEqual({});
    expect(reopenPatch({ status: 'pending', reopen_count: 0 }, 'open', AT)).toEqual({});
    expect(reopenPatch({ status: 'closed', reopen_count: 0 }, 'open', AT)).toEqual({});
  });
});
