// @vitest-environment jsdom
/**
 * New case from a call, keyboard only, on the fake API: the caller's email and Enter looks them up
 * (found: ↑ ↓ and Enter pick; none; an error inline), then the call, category and subject and
 * Enter opens the case (or shows the server's refusal and stays); Esc cancels at either step.
 */
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FoundCustomer } from '../../../shared/api/contract';
import { createFakeApi, deferred, fail, ok } from '../../testing/fake-api';
import { NewCaseFromCallDialog } from './NewCaseFromCallDialog';

afterEach(cleanup);

const anna: FoundCustomer = { customerId: 'cus-anna', name: 'Anna Lindqvist', regionId: 'eu-north' };
const annaToo: FoundCustomer = { customerId: 'cus-anna-2', name: 'Anna Lindqvist (second account)', regionId: 'eu-north' };

function setup(found: () => ReturnType<typeof ok<FoundCustomer[]>> | ReturnType<typeof fail> = () => ok([anna, annaToo])) {
  const api = createFakeApi({
    'customers:lookup': () => found(),
    'cases:fromCall': () => ok({ ticketId: 't-new', reference: 'ABCD-EFGH' }),
  });
  const onCreated = vi.fn();
  const onCancel = vi.fn();
  render(<NewCaseFromCallDialog api={api} onCreated={onCreated} onCancel={onCancel} />);
  return { api, onCreated, onCancel, user: userEvent.setup() };
}

describe('new case from a call: finding the caller', () => {
  it('looks the email up on Enter and picks the second customer found with ↓ and Enter', async () => {
    const { api, user } = setup();
    expect(screen.getByRole('dialog', { name: 'New case from a call' })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('Caller’s email'));
    await user.keyboard(' Anna@Example.com {Enter}');
    expect(api.callsTo('customers:lookup')).toEqual([{ email: 'Anna@Example.com' }]);
    const list = await screen.findByRole('listbox', { name: 'Customers with this email' });
    await waitFor(() => expect(document.activeElement).toBe(list));
    expect(screen.getByRole('status').textContent).toMatch(/2 customers found/);
    expect(screen.getAllByRole('option').map((o) => o.getAttribute('aria-selected'))).toEqual(['true', 'false']);
    await user.keyboard('{ArrowDown}{Enter}');
    // The case step names the caller picked.
    expect(screen.getByRole('heading').textContent).toContain('Anna Lindqvist (second account)');
    expect(screen.getByLabelText('Length (m:ss)')).toBeTruthy();
  });

  it('says so when no customer has that email', async () => {
    const { user } = setup(() => ok([]));
    await user.keyboard('nobody@example.com{Enter}');
    expect((await screen.findByRole('status')).textContent).toMatch(/No verified customer of your regions has the email nobody@example.com/);
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('shows an error inline and keeps the email to try again', async () => {
    let answer: ReturnType<typeof fail> | ReturnType<typeof ok<FoundCustomer[]>> = fail('offline', 'Finding a caller needs a connection to the desk server.');
    const { user } = setup(() => answer);
    await user.keyboard('anna@example.com{Enter}');
    expect((await screen.findByRole('alert')).textContent).toMatch(/needs a connection/);
    expect((screen.getByLabelText('Caller’s email') as HTMLInputElement).value).toBe('anna@example.com');
    answer = ok([anna]);
    await user.click(screen.getByRole('button', { name: 'Look up' }));
    expect(await screen.findByRole('option', { name: /Anna Lindqvist/ })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('Esc cancels while finding', async () => {
    const { onCancel, user } = setup();
    await user.keyboard('anna@{Escape}');
    expect(onCancel).toHaveBeenCalled();
  });
});

describe('new case from a call: opening the case', () => {
  async function toCaseStep(user: ReturnType<typeof userEvent.setup>) {
    await user.keyboard('anna@example.com{Enter}');
    await screen.findByRole('listbox');
    await waitFor(() => expect(document.activeElement?.getAttribute('role')).toBe('listbox'));
    await user.keyboard('{Enter}');
  }

  it('takes the call, category and subject by keyboard and opens the case on Enter', async () => {
    const { api, onCreated, user } = setup();
    await toCaseStep(user);
    await user.keyboard('o');
    await user.click(screen.getByLabelText('Length (m:ss)'));
    await user.keyboard('4:05');
    await user.selectOptions(screen.getByLabelText('How it ended'), 'follow_up');
    await user.click(screen.getByLabelText(/^Notes/));
    await user.keyboard('Will pay on Friday');
    // Enter without a category: refused, with the reason, nothing sent.
    await user.click(screen.getByLabelText(/^Subject/));
    await user.keyboard('Missed the March instalment{Enter}');
    expect(screen.getByRole('alert').textContent).toBe('Choose the case’s category.');
    expect(api.callsTo('cases:fromCall')).toEqual([]);
    await user.selectOptions(screen.getByLabelText('Category'), 'missed_payment');
    await user.click(screen.getByLabelText(/^Subject/));
    await user.keyboard('{Enter}');
    expect(api.callsTo('cases:fromCall')).toEqual([
      { customerId: 'cus-anna', category: 'missed_payment', subject: 'Missed the March instalment', direction: 'out', durationSec: 245, outcome: 'follow_up', notes: 'Will pay on Friday' },
    ]);
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith({ ticketId: 't-new', reference: 'ABCD-EFGH', customerName: 'Anna Lindqvist' }));
  });

  it('refuses a length that does not read, before asking the server', async () => {
    const { api, user } = setup();
    await toCaseStep(user);
    await user.click(screen.getByLabelText('Length (m:ss)'));
    await user.keyboard('soon{Enter}');
    expect(screen.getByRole('alert').textContent).toMatch(/how long the call was/);
    expect(screen.getByLabelText('Length (m:ss)').getAttribute('aria-invalid')).toBe('true');
    expect(api.callsTo('cases:fromCall')).toEqual([]);
  });

  it('shows the server’s refusal inline, stays open, and opens the case when tried again', async () => {
    const { api, onCreated, user } = setup();
    const first = deferred<ReturnType<typeof fail>>();
    api.handle('cases:fromCall', () => first.promise);
    await toCaseStep(user);
    await user.click(screen.getByLabelText('Length (m:ss)'));
    await user.keyboard('2');
    await user.selectOptions(screen.getByLabelText('Category'), 'other');
    await user.click(screen.getByLabelText('Length (m:ss)'));
    await user.keyboard('{Enter}');
    // While the server answers, the button says so and a second Enter sends nothing more.
    expect((screen.getByRole('button', { name: 'Opening…' }) as HTMLButtonElement).disabled).toBe(true);
    await user.keyboard('{Enter}');
    expect(api.callsTo('cases:fromCall')).toHaveLength(1);
    first.resolve(fail('forbidden', 'You cannot open a case for that customer.'));
    expect((await screen.findByRole('alert')).textContent).toBe('The case was not opened: You cannot open a case for that customer.');
    expect(onCreated).not.toHaveBeenCalled();
    expect(api.callsTo('cases:fromCall')[0]).toMatchObject({ subject: '', durationSec: 120, category: 'other' });

    api.handle('cases:fromCall', () => ok({ ticketId: 't-new', reference: 'ABCD-EFGH' }));
    await user.click(screen.getByRole('button', { name: 'Open case' }));
    await waitFor(() => expect(onCreated).toHaveBeenCalledTimes(1));
  });

  it('goes back to another caller with the email kept, and Esc cancels', async () => {
    const { onCancel, user } = setup();
    await toCaseStep(user);
    await user.click(screen.getByRole('button', { name: 'Another caller' }));
    expect((screen.getByLabelText('Caller’s email') as HTMLInputElement).value).toBe('anna@example.com');
    expect(document.activeElement).toBe(screen.getByLabelText('Caller’s email'));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(document.activeElement?.getAttribute('role')).toBe('listbox'));
    await user.keyboard('{Escape}');
    expect(onCancel).toHaveBeenCalled();
  });
});
