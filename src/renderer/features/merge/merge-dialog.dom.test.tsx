// @vitest-environment jsdom
/** The merge dialog: only open cases offered, ↑/↓ pick, Enter asks to confirm, Enter again merges, Esc cancels. */
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { earlierCase } from '../../testing/fake-api';
import { MergeDialog } from './MergeDialog';

afterEach(cleanup);

const cases = [
  earlierCase('t2', 'WXYZ-2222', '2026-05-02T10:00:00.000Z', { status: 'open' }),
  earlierCase('t3', 'CLSD-3333', '2026-05-01T10:00:00.000Z', { status: 'closed' }),
  earlierCase('t4', 'PEND-4444', '2026-04-30T10:00:00.000Z', { status: 'pending' }),
];

function open(candidates: Parameters<typeof MergeDialog>[0]['candidates'] = { status: 'done', cases }) {
  const onMerge = vi.fn();
  const onCancel = vi.fn();
  render(<MergeDialog reference="ABCD-EFGH" customerName="Anna Lind" candidates={candidates} onMerge={onMerge} onCancel={onCancel} />);
  return { onMerge, onCancel, user: userEvent.setup() };
}

describe('the merge dialog', () => {
  it('offers the customer’s other cases that are not closed, and merges after a confirming Enter', async () => {
    const { onMerge, user } = open();
    const list = screen.getByRole('listbox', { name: 'Cases to merge into' });
    expect(screen.getAllByRole('option').map((o) => o.textContent?.slice(0, 9))).toEqual(['WXYZ-2222', 'PEND-4444']);
    expect(document.activeElement).toBe(list);
    await user.keyboard('{ArrowDown}{Enter}');
    expect(onMerge).not.toHaveBeenCalled();
    expect(screen.getByRole('status').textContent).toMatch(/^Merge ABCD-EFGH into PEND-4444\? Both histories are kept there/);
    await user.keyboard('{ArrowUp}'); // moving disarms
    expect(screen.getByRole('status').textContent).toMatch(/^↑ ↓ to pick/);
    await user.keyboard('{Enter}{Enter}');
    expect(onMerge).toHaveBeenCalledWith('t2');
  });

  it('says so when there is nothing to merge into; Esc cancels', async () => {
    const { onMerge, onCancel, user } = open({ status: 'done', cases: [cases[1]!] });
    expect(screen.getByRole('status').textContent).toBe('Anna Lind has no other open case to merge into.');
    await user.keyboard('{Escape}');
    expect(onCancel).toHaveBeenCalled();
    expect(onMerge).not.toHaveBeenCalled();
  });
});
