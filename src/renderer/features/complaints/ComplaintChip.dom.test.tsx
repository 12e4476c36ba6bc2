// @vitest-environment jsdom
/**
 * The complaint chip of a conversation header: the deadline's last day and what is left; business
 * days from the server's count (the supervisors' complaint list) when it holds the case, calendar
 * days (said so) when it does not; overdue in solid red.
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ComplaintItem } from '../../../shared/protocol/supervisor';
import { StoresContext } from '../../app/hooks';
import { createStores, type Stores } from '../../app/stores';
import { formatDate } from '../../lib/time';
import { createFakeApi } from '../../testing/fake-api';
import { ComplaintChip, complaintChipText } from './ComplaintChip';

/** Local midnight starting the given day: the end of the day before, as a complaint deadline is stored. */
const endOfDayBefore = (y: number, m: number, d: number) => new Date(y, m - 1, d).toISOString();
/** The date as this machine's locale writes it ("11 Mar", "Mar 11"). */
const day = (m: number, d: number) => formatDate(new Date(2026, m - 1, d, 12).toISOString());

let stores: Stores;
const show = (ticketId: string, dueAt: string | null) => render(createElement(StoresContext.Provider, { value: stores }, createElement(ComplaintChip, { ticketId, dueAt })));
const listed = (ticketId: string, dueAt: string, businessDaysLeft: number): ComplaintItem => ({
  ticketId,
  reference: 'ABCD-1234',
  status: 'open',
  regionId: 'eu-north',
  regionName: 'Nordics',
  customerName: 'Anna',
  assigneeId: 'sup-1',
  assigneeName: 'Sara',
  openedAt: null,
  dueAt,
  businessMsLeft: 0,
  businessDaysLeft,
  overdue: false,
  openSpans: [],
});

describe('the complaint chip in the conversation header', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2026, 2, 5, 12, 0)); // Thu 5 March 2026, noon, local time
    stores = createStores(createFakeApi({}));
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('counts business days as the server counted them in the region’s calendar when the complaint list holds the case', () => {
    const due = endOfDayBefore(2026, 3, 12);
    stores.supervisor.setState({ complaints: { computedAt: new Date().toISOString(), complaints: [listed('t-1', due, 4)] } });
    show('t-1', due);
    const chip = screen.getByText(/^Complaint · due/);
    expect(chip.textContent).toBe(`Complaint · due ${day(3, 11)} (4 business days left)`);
    expect(chip.className).toContain('chip--danger');
    expect(chip.getAttribute('title')).toMatch(/^Formal complaint: the final response is due by .+\.$/);
  });

  it('without the server’s count says calendar days, and follows the list when it arrives', () => {
    const due = endOfDayBefore(2026, 3, 12);
    show('t-1', due);
    // Fri 6 to Wed 11: six days.
    expect(screen.getByText(/^Complaint · due/).textContent).toBe(`Complaint · due ${day(3, 11)} (6 days left)`);
    expect(screen.getByText(/^Complaint · due/).getAttribute('title')).toContain('calendar days');
    // A list for another deadline of the same case (an older one) is not used.
    act(() => stores.supervisor.setState({ complaints: { computedAt: new Date().toISOString(), complaints: [listed('t-1', endOfDayBefore(2026, 3, 20), 9)] } }));
    expect(screen.getByText(/^Complaint · due/).textContent).toContain('(6 days left)');
    act(() => stores.supervisor.setState({ complaints: { computedAt: new Date().toISOString(), complaints: [listed('t-1', due, 4)] } }));
    expect(screen.getByText(/^Complaint · due/).textContent).toContain('(4 business days left)');
  });

  it('says one day in the singular, and overdue in solid red with how long', () => {
    const now = new Date(2026, 2, 5, 12, 0).getTime();
    expect(complaintChipText(endOfDayBefore(2026, 3, 7), now, 1).text).toBe(`Complaint · due ${day(3, 6)} (1 business day left)`);
    expect(complaintChipText(endOfDayBefore(2026, 3, 7), now).text).toBe(`Complaint · due ${day(3, 6)} (1 day left)`);
    show('t-2', new Date(2026, 2, 5, 9, 55).toISOString());
    const chip = screen.getByText(/^Complaint · overdue/);
    expect(chip.textContent).toBe('Complaint · overdue by 2h 05m');
    expect(chip.className).toContain('chip--solid-danger');
  });

  it('is a plain complaint chip when no deadline was recorded', () => {
    show('t-3', null);
    expect(screen.getByText('Complaint').className).toContain('chip--danger');
  });
});
