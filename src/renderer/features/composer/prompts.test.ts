import { describe, expect, it } from 'vitest';
import { nextPrompt } from './prompts';

const text = 'Hi ⟦first name⟧, pay ⟦amount⟧ by ⟦due date⟧.';
const at = (label: string) => {
  const start = text.indexOf(`⟦${label}⟧`);
  return [start, start + label.length + 2] as const;
};
const label = (p: ReturnType<typeof nextPrompt>) => (p ? text.slice(p.start + 1, p.end - 1) : null);

describe('nextPrompt', () => {
  it.each([
    ['from the start, Tab', 0, 0, 1, 'first name'],
    ['from a selected prompt, Tab', ...at('first name'), 1, 'amount'],
    ['from the last prompt, Tab wraps', ...at('due date'), 1, 'first name'],
    ['from the end, Tab wraps', text.length, text.length, 1, 'first name'],
    ['with the caret inside a prompt, Tab takes it', at('amount')[0] + 2, at('amount')[0] + 2, 1, 'amount'],
    ['from a selected prompt, Shift+Tab', ...at('amount'), -1, 'first name'],
    ['from the first prompt, Shift+Tab wraps', ...at('first name'), -1, 'due date'],
    ['from the end, Shift+Tab', text.length, text.length, -1, 'due date'],
    ['with the caret inside a prompt, Shift+Tab takes it', at('due date')[0] + 1, at('due date')[0] + 1, -1, 'due date'],
  ] as const)('%s', (_n, s, e, dir, expected) => expect(label(nextPrompt(text, s, e, dir))).toBe(expected));

  it('keeps selecting the only prompt, and finds none in plain text', () => {
    const one = 'Pay ⟦amount⟧ now';
    expect(nextPrompt(one, 4, 12, 1)).toEqual({ start: 4, end: 12, label: 'amount' });
    expect(nextPrompt('plain text', 0, 0, 1)).toBeNull();
  });
});
