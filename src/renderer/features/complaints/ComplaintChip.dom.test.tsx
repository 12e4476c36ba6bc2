// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatDate } from '../../lib/time';
import { ComplaintChip, complaintChipText } from './ComplaintChip';

/** The date as this machine's locale writes it ("11 Mar", "Mar 11"). */
const day = (m: number, d: number) => formatDate(new Date(2026, m - 1, d, 12).toISOString());

/** Local midnight starting the given day: the end of the day before, as a complaint deadline is stored. */
const endOfDayBefore = (y: number, m: number, d: number) => new Date(y, m - 1, d).toISOString();

describe('the complaint chip in the conversation header', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2026, 2, 5, 12, 0)); // Thu 5 March 2026, noon, local time
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('names the deadline’s last day and the business days left (Fri, Mon, Tue, Wed)', () => {
    render(createElement(ComplaintChip, { dueAt: endOfDayBefore(2026, 3, 12) }));
    const chip = screen.getByText(/^Complaint · due/);
    expect(chip.textContent).toBe(`Complaint · due ${day(3, 11)} (4 business days left)`);
    expect(chip.className).toContain('chip--danger');
    expect(chip.getAttribute('title')).toContain('Formal complaint: the final response is due by');
  });

  it('says one business day in the singular, and overdue in solid red with how long', () => {
    const now = new Date(2026, 2, 5, 12, 0).getTime();
    expect(complaintChipText(endOfDayBefore(2026, 3, 7), now).text).toBe(`Complaint · due ${day(3, 6)} (1 business day left)`);
    render(createElement(ComplaintChip, { dueAt: new Date(2026, 2, 5, 9, 55).toISOString() }));
    const chip = screen.getByText(/^Complaint · overdue/);
    expect(chip.textContent).toBe('Complaint · overdue by 2h 05m');
    expect(chip.className).toContain('chip--solid-danger');
  });

  it('is a plain complaint chip when no deadline was recorded', () => {
    render(createElement(ComplaintChip, { dueAt: null }));
    expect(screen.getByText('Complaint').className).toContain('chip--danger');
  });
});
