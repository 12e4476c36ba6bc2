// @vitest-environment jsdom
/** The inputs dialog: fields from the chat, what the customer will read, ↑/↓ on dates, Enter runs, Esc cancels. */
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MacroInput, MacroStep } from '../../../shared/domain';
import { EMPTY_CONTEXT, formattingFor, type TemplateContext } from '../../../shared/templates';
import { MacroInputsDialog } from './MacroInputsDialog';

afterEach(cleanup);

const ctx: TemplateContext = {
  ...EMPTY_CONTEXT,
  customer: {
    id: 'c1', name: 'Anna Lind', email: 'a@example.com', phone: '', locale: 'sv-SE', timeZone: 'Europe/Stockholm', regionId: 'se', country: 'SE', currency: 'SEK',
    device: null, riskFlags: [], createdAt: '2025-01-01T00:00:00Z', identity: 'verified', version: 1,
  },
};
const fill = { ctx, formatting: formattingFor(ctx.customer, 'sv'), inputs: [], today: '2026-03-04' };
const inputs = [
  MacroInput.parse({ key: 'amount', label: 'Refund amount', type: 'money' }),
  MacroInput.parse({ key: 'when', label: 'Expected by', type: 'date' }),
];
const steps = [MacroStep.parse({ type: 'insertReply', text: { en: 'x' } }), MacroStep.parse({ type: 'addNote', body: 'n' }), MacroStep.parse({ type: 'resolve' }), MacroStep.parse({ type: 'nextChat' })];
const nbsp = (s: string | null | undefined) => s?.replace(/[\u00a0\u202f]/g, ' ');

function open(onConfirm = vi.fn((_values: Record<string, string>): Record<string, string> | null => null), onCancel = vi.fn()) {
  render(<MacroInputsDialog title="Refund confirmed" inputs={inputs} steps={steps} initial={{ amount: '499.00', when: '2026-03-09' }} fill={fill} onConfirm={onConfirm} onCancel={onCancel} />);
  return { onConfirm, onCancel, user: userEvent.setup() };
}

describe('the macro inputs dialog', () => {
  it('starts on the first field with its value selected, says what follows and what the customer will read', () => {
    open();
    expect(screen.getByRole('dialog', { name: 'Macro: Refund confirmed' })).toBeTruthy();
    const amount = screen.getByLabelText('Refund amount') as HTMLInputElement;
    expect(document.activeElement).toBe(amount);
    expect(amount.value.slice(amount.selectionStart ?? 0, amount.selectionEnd ?? 0)).toBe('499.00');
    expect(screen.getByText('Then: reply · note · resolve · next chat')).toBeTruthy();
    expect(nbsp(screen.getAllByRole('status').map((o) => o.textContent).join(' | '))).toBe('In the reply: 499,00 kr | In the reply: 9 mars 2026 · Monday');
  });

  it('takes typing over the prefill, moves a date with ↑/↓ (a week with Shift) and runs on Enter', async () => {
    const { user, onConfirm } = open();
    await user.keyboard('25,5');
    expect(nbsp(screen.getAllByRole('status')[0]!.textContent)).toBe('In the reply: 25,50 kr');
    await user.tab();
    const when = screen.getByLabelText('Expected by') as HTMLInputElement;
    expect(document.activeElement).toBe(when);
    await user.keyboard('{ArrowUp}{ArrowUp}{Shift>}{ArrowDown}{/Shift}');
    expect(when.value).toBe('2026-03-04');
    await user.keyboard('{Enter}');
    expect(onConfirm).toHaveBeenCalledWith({ amount: '25,5', when: '2026-03-04' });
  });

  it('shows each problem under its field and goes to the first', async () => {
    const onConfirm = vi.fn(() => ({ when: 'Enter a date, like 2026-03-09, 9.3. or +3 (days from today).' }));
    const { user } = open(onConfirm);
    await user.keyboard('{Enter}');
    const when = screen.getByLabelText('Expected by');
    expect(screen.getByRole('alert').textContent).toMatch(/Enter a date/);
    expect(when.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(when);
    await user.type(when, '1');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('cancels on Esc and on Cancel', async () => {
    const { user, onCancel, onConfirm } = open();
    await user.keyboard('{Escape}');
    expect(onCancel).toHaveBeenCalledTimes(1);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledTimes(2);
    expect(onConfirm).not.toHaveBeenCalled();
  });
});
