// @vitest-environment jsdom
/** The wrap-up on resolve and the tags dialog: keyboard only, Enter confirms, Esc cancels, tags normalised. */
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WrapUp } from '../conversation/conversation-store';
import { TagsDialog } from './TagsDialog';
import { WrapUpDialog } from './WrapUpDialog';

afterEach(cleanup);

const ticket = { id: 't1', reference: 'ABCD-EFGH', category: 'payment_delay' as const, outcome: null, tags: ['sepa'] };

function openWrapUp(over: Partial<typeof ticket> = {}) {
  const onConfirm = vi.fn((_w: WrapUp) => undefined);
  const onCancel = vi.fn();
  render(<WrapUpDialog ticket={{ ...ticket, ...over }} customerName="Anna Lind" onConfirm={onConfirm} onCancel={onCancel} />);
  return { onConfirm, onCancel, user: userEvent.setup() };
}

describe('the wrap-up dialog', () => {
  it('starts on "Solved" with the case’s category and tags; Enter resolves with them', async () => {
    const { onConfirm, user } = openWrapUp();
    expect(screen.getByRole('dialog', { name: 'Resolve ABCD-EFGH' })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: /Solved/ }));
    await user.keyboard('{Enter}');
    expect(onConfirm).toHaveBeenCalledWith({ outcome: 'solved', category: 'payment_delay', tags: ['sepa'] });
  });

  it('picks the outcome with 1-4, corrects the category and adds tags by keyboard only', async () => {
    const { onConfirm, user } = openWrapUp();
    await user.keyboard('3');
    expect((screen.getByRole('radio', { name: /Cannot be solved/ }) as HTMLInputElement).checked).toBe(true);
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: /Cannot be solved/ }));
    await user.keyboard('2');
    expect((screen.getByRole('radio', { name: /Workaround given/ }) as HTMLInputElement).checked).toBe(true);
    await user.tab(); // the category
    await user.selectOptions(screen.getByLabelText(/Category/), 'refund_return');
    expect(screen.getByText('(corrected from Payment delay)')).toBeTruthy();
    await user.tab(); // the remove button of "sepa"
    await user.tab(); // the tag field
    await user.keyboard('  Late  FEE ,Refund{Enter}');
    expect(screen.getByRole('list', { name: 'Tags' }).textContent).toBe('sepalate feerefund');
    await user.keyboard('{Backspace}'); // takes "refund" back
    await user.keyboard('{Enter}'); // nothing typed: resolves
    expect(onConfirm).toHaveBeenCalledWith({ outcome: 'workaround', category: 'refund_return', tags: ['sepa', 'late fee'] });
  });

  it('takes a tag still being typed along, and refuses one over 30 characters without resolving', async () => {
    const { onConfirm, user } = openWrapUp({ tags: [] });
    await user.click(screen.getByRole('textbox', { name: /^Tags/ }));
    await user.keyboard('x'.repeat(31));
    await user.click(screen.getByRole('button', { name: 'Resolve' }));
    expect(onConfirm).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toMatch(/at most 30 characters/);
    await user.click(screen.getByRole('textbox', { name: /^Tags/ }));
    await user.keyboard('{Backspace}{Enter}'); // 30: added
    await user.keyboard('{Enter}');
    expect(onConfirm).toHaveBeenCalledWith({ outcome: 'solved', category: 'payment_delay', tags: ['x'.repeat(30)] });
  });

  it('refuses an eleventh tag', async () => {
    const { onConfirm, user } = openWrapUp({ tags: Array.from({ length: 10 }, (_, i) => `t${i}`) });
    await user.click(screen.getByRole('textbox', { name: /^Tags/ }));
    await user.keyboard('one more{Enter}');
    expect(screen.getByRole('alert').textContent).toBe('At most 10 tags.');
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it('Esc cancels and sends nothing', async () => {
    const { onConfirm, onCancel, user } = openWrapUp();
    await user.keyboard('2{Escape}');
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(onConfirm).not.toHaveBeenCalled();
  });
});

describe('the tags dialog', () => {
  it('edits the tags by keyboard: Enter adds, Enter again saves, normalised as stored', async () => {
    const onSave = vi.fn();
    render(<TagsDialog ticket={{ reference: 'ABCD-EFGH', tags: ['sepa'] }} onSave={onSave} onCancel={vi.fn()} />);
    const user = userEvent.setup();
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: /^Tags/ }));
    await user.keyboard('{Backspace}A\u030Angström{Enter}{Enter}');
    expect(onSave).toHaveBeenCalledWith(['\u00e5ngström']);
  });

  it('Esc cancels', async () => {
    const onSave = vi.fn();
    const onCancel = vi.fn();
    render(<TagsDialog ticket={{ reference: 'ABCD-EFGH', tags: [] }} onSave={onSave} onCancel={onCancel} />);
    await userEvent.setup().keyboard('vip{Escape}');
    expect(onCancel).toHaveBeenCalled();
    expect(onSave).not.toHaveBeenCalled();
  });
});
