// @vitest-environment jsdom
/**
 * A pane that throws shows its error in its own place with Retry, and its neighbours keep
 * rendering; Retry renders the pane again; a new chat (a reset key) clears the error by itself.
 */
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PaneBoundary } from './PaneBoundary';

afterEach(() => cleanup());

let failures = 0;
function Flaky({ label }: { label: string }) {
  if (failures > 0) {
    failures--;
    throw new Error('cannot read the thread');
  }
  return <p>{label}</p>;
}

describe('PaneBoundary', () => {
  it('contains a failure to its pane, and Retry or a new reset key brings the pane back', async () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    failures = 2; // React renders a failing component twice before giving up
    const view = render(
      <>
        <PaneBoundary pane="conversation" resetKeys={['t1']}>
          <Flaky label="thread of t1" />
        </PaneBoundary>
        <p>chat list still here</p>
      </>,
    );
    expect(screen.getByRole('alert').textContent).toMatch(/The conversation stopped working: cannot read the thread/);
    expect(screen.getByText('chat list still here')).toBeTruthy();

    failures = 0;
    await userEvent.setup().click(screen.getByRole('button', { name: 'Retry' }));
    expect(screen.getByText('thread of t1')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();

    failures = 2;
    view.rerender(
      <>
        <PaneBoundary pane="conversation" resetKeys={['t1']}>
          <Flaky label="thread of t1 again" />
        </PaneBoundary>
        <p>chat list still here</p>
      </>,
    );
    expect(screen.getByRole('alert')).toBeTruthy();
    failures = 0;
    view.rerender(
      <>
        <PaneBoundary pane="conversation" resetKeys={['t2']}>
          <Flaky label="thread of t2" />
        </PaneBoundary>
        <p>chat list still here</p>
      </>,
    );
    expect(screen.getByText('thread of t2')).toBeTruthy();
    quiet.mockRestore();
  });
});
