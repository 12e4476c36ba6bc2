/** Macros in the desktop cache: what `macros:list` reads, old rows and new alike. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { macroFromRow } from '../../shared/macros';
import { Change } from '../../shared/protocol/sync';
import { apply, del, openTestCache, type TestCache } from './test-support';

let t: TestCache;
beforeEach(() => {
  t = openTestCache();
});
afterEach(() => {
  expect(t.cache.integrityCheck()).toBe('ok');
  t.cleanup();
});

let seq = 2000;
const up = (row: Record<string, unknown>): Change => Change.parse({ entity: 'macro', op: 'upsert', id: row.id, seq: ++seq, row });
const legacy = { id: 'm-old', category: 'other', title: 'Close', replyBody: 'Bye {{customer.firstName}}', setStatus: 'resolved', setPriority: null, version: 1 };
const stepped = {
  ...legacy,
  id: 'm-new',
  title: 'Refund confirmed',
  category: 'refund_return',
  replyBody: null,
  steps: [{ type: 'insertReply', text: { en: 'Refunding {{input.amount}}' } }, { type: 'resolve' }, { type: 'nextChat' }],
  inputs: [{ key: 'amount', label: 'Refund amount', type: 'money', prefill: { from: 'return.refundAmount' } }],
  position: 0,
};

describe('macros in the cache', () => {
  it('keeps a row from before steps and one with steps, through a restart, and reads both as steps', () => {
    apply(t.cache, [up(legacy), up(stepped)]);
    const rows = t.reopen().reference.macros().map(macroFromRow);
    expect(rows.map((m) => [m.id, m.steps.map((s) => s.type), m.inputs.map((i) => i.key), m.unsupported])).toEqual([
      ['m-new', ['insertReply', 'resolve', 'nextChat'], ['amount'], null],
      ['m-old', ['insertReply', 'resolve'], [], null],
    ]);
  });

  it('applies a newer server’s step it does not know without stopping the pull, and a delete', () => {
    const future = { ...stepped, id: 'm-future', version: 2, steps: [{ type: 'sendPaymentLink', amountMinor: 100 }, { type: 'resolve' }] };
    apply(t.cache, [up(future), up(legacy), del('macro', 'm-old')]);
    const [only] = t.cache.reference.macros().map(macroFromRow);
    expect(only?.id).toBe('m-future');
    expect(only?.unsupported).toMatch(/newer Agent Desk/);
    expect(only?.steps).toEqual([{ type: 'resolve' }]);
  });
});
