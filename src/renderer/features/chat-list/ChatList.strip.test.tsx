// @vitest-environment jsdom
/**
 * Below 1366 px the chat list is a strip (UX.md §2): the list carries the strip class while the
 * media query matches and loses it when the window widens again. (How the strip looks, with the
 * names hidden visually but kept for assistive tech, is CSS: see the screenshots script.)
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type SessionState } from '../../../shared/api/contract';
import type { AgentRow } from '../../../shared/domain';
import { StoresContext } from '../../app/hooks';
import { createStores } from '../../app/stores';
import { createFakeApi, ok, summary } from '../../testing/fake-api';
import { ChatList, STRIP_QUERY } from './ChatList';

type Listener = () => void;
let narrow = true;
const listeners = new Set<Listener>();

beforeAll(() => {
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
  window.matchMedia = ((query: string) => ({
    get matches() {
      return query === STRIP_QUERY && narrow;
    },
    media: query,
    addEventListener: (_: string, cb: Listener) => listeners.add(cb),
    removeEventListener: (_: string, cb: Listener) => listeners.delete(cb),
  })) as unknown as typeof window.matchMedia;
});

afterEach(() => cleanup());

const agent: AgentRow = { id: 'agent-1', email: 'maja@desk.example', name: 'Maja Lindqvist', role: 'agent', tier: 1, regions: ['se'], capacity: 8, presence: 'available', presenceReason: null };
const session: SessionState = { serverUrl: 'http://127.0.0.1:4780', agent, signedIn: true };

describe('chat list strip', () => {
  it('is a strip while the window is narrow and a full list again when it widens', async () => {
    narrow = true;
    const api = createFakeApi({
      'session:get': () => ok(session),
      'settings:get': () => ok({ ...DEFAULT_SETTINGS }),
      'tickets:list': ({ view }) => ok(view === 'mine' ? [summary('t1', { customerName: 'Anna Kowalska', unread: 1 })] : []),
    });
    const stores = createStores(api);
    await stores.tickets.getState().reload(['mine']);
    render(createElement(StoresContext.Provider, { value: stores }, createElement(ChatList)));

    const list = screen.getByRole('region', { name: 'Chats' });
    expect(list.classList.contains('chat-list--strip')).toBe(true);

    narrow = false;
    act(() => listeners.forEach((cb) => cb()));
    expect(list.classList.contains('chat-list--strip')).toBe(false);
  });
});
