import { describe, expect, it } from 'vitest';
import { accuracy, cannedUses, hitRate, splitByTime, type HistoryMessage } from '../../scripts/eval/text-metrics';

describe('splitByTime', () => {
  it('trains on the oldest 80% and holds out the newest', () => {
    const items = [5, 1, 4, 2, 3, 9, 8, 7, 6, 10].map((d) => ({ at: `2026-01-${String(d).padStart(2, '0')}` }));
    const { train, test } = splitByTime(items, (i) => i.at);
    expect(train.map((i) => i.at.slice(-2))).toEqual(['01', '02', '03', '04', '05', '06', '07', '08']);
    expect(test.map((i) => i.at.slice(-2))).toEqual(['09', '10']);
  });
});

describe('accuracy', () => {
  it('is the share of right predictions, null when there is nothing to judge', () => {
    expect(accuracy([{ predicted: 'a', actual: 'a' }, { predicted: 'b', actual: 'a' }, { predicted: 'c', actual: 'c' }, { predicted: 'a', actual: 'c' }])).toBe(0.5);
    expect(accuracy([])).toBeNull();
  });
});

describe('cannedUses and hitRate', () => {
  const history: HistoryMessage[] = [
    { authorKind: 'customer', body: 'I paid but it shows unpaid', cannedShortcut: null },
    { authorKind: 'agent', body: 'Your payment is processing', cannedShortcut: 'pd-processing' },
    { authorKind: 'note', body: 'checked bank file', cannedShortcut: null },
    { authorKind: 'customer', body: 'Will I get a late fee?', cannedShortcut: null },
    { authorKind: 'agent', body: 'Let me check', cannedShortcut: null },
    { authorKind: 'agent', body: 'No late fee while it is processing', cannedShortcut: 'pd-no-fee' },
  ];

  it('records what the agent saw at each canned reply', () => {
    const uses = cannedUses(history, 'en', 'payment_delay');
    expect(uses).toEqual([
      { shortcut: 'pd-processing', conversation: { text: 'I paid but it shows unpaid', language: 'en', category: 'payment_delay', usedShortcuts: [] } },
      { shortcut: 'pd-no-fee', conversation: { text: 'I paid but it shows unpaid\nWill I get a late fee?', language: 'en', category: 'payment_delay', usedShortcuts: ['pd-processing'] } },
    ]);
  });

  it('counts a hit when the used reply is in the top k', () => {
    const uses = cannedUses(history, 'en', 'payment_delay');
    // A ranker that always proposes the same three replies: only the first use is a hit.
    const fixed = () => [{ shortcut: 'pd-processing' }, { shortcut: 'x' }, { shortcut: 'y' }, { shortcut: 'pd-no-fee' }];
    expect(hitRate(uses, fixed, 3)).toBe(0.5);
    expect(hitRate(uses, fixed, 4)).toBe(1);
    // A ranker that reads the conversation: proposes the fee reply once a fee is mentioned.
    const reading = (c: { text: string }) => (c.text.includes('fee') ? [{ shortcut: 'pd-no-fee' }] : [{ shortcut: 'pd-processing' }]);
    expect(hitRate(uses, reading, 1)).toBe(1);
    expect(hitRate([], fixed)).toBeNull();
  });
});
