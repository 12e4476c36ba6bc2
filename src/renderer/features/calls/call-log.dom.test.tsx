// @vitest-environment jsdom
/** The call log: direction by I/O, length parsed, outcome, notes; Enter logs, Esc cancels, a bad length refused. */
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseDuration } from './CallFields';
import { CallLogDialog } from './CallLogDialog';

afterEach(cleanup);

describe('call length', () => {
  it('reads m:ss, minutes and seconds; refuses the rest and more than a day', () => {
    expect(parseDuration('4:05')).toBe(245);
    expect(parseDuration(' 12 ')).toBe(720);
    expect(parseDuration('12 min')).toBe(720);
    expect(parseDuration('90s')).toBe(90);
    expect(parseDuration('4:75')).toBeNull();
    expect(parseDuration('soon')).toBeNull();
    expect(parseDuration('1441')).toBeNull();
  });
});

describe('the call log dialog', () => {
  it('logs by keyboard only: O for outbound, the length, the outcome, notes, Enter', async () => {
    const onLog = vi.fn();
    render(<CallLogDialog reference="ABCD-EFGH" onLog={onLog} onCancel={vi.fn()} />);
    const user = userEvent.setup();
    expect(screen.getByRole('dialog', { name: 'Log a call on ABCD-EFGH' })).toBeTruthy();
    await user.keyboard('o');
    expect((screen.getByRole('radio', { name: /Outbound/ }) as HTMLInputElement).checked).toBe(true);
    await user.click(screen.getByLabelText('Length (m:ss)'));
    await user.keyboard('4:75{Enter}');
    expect(onLog).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toMatch(/how long the call was/);
    await user.clear(screen.getByLabelText('Length (m:ss)'));
    await user.keyboard('4:05');
    await user.selectOptions(screen.getByLabelText('How it ended'), 'callback');
    await user.click(screen.getByLabelText(/^Notes/));
    await user.keyboard('Will call back Friday{Control>}{Enter}{/Control}');
    expect(onLog).toHaveBeenCalledWith({ direction: 'out', durationSec: 245, outcome: 'callback', notes: 'Will call back Friday' });
  });

  it('Esc cancels', async () => {
    const onLog = vi.fn();
    const onCancel = vi.fn();
    render(<CallLogDialog reference="ABCD-EFGH" onLog={onLog} onCancel={onCancel} />);
    await userEvent.setup().keyboard('{Escape}');
    expect(onCancel).toHaveBeenCalled();
    expect(onLog).not.toHaveBeenCalled();
  });
});
