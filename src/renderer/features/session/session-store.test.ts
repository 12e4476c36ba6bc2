import { describe, expect, it } from 'vitest';
import type { SessionState } from '../../../shared/api/contract';
import type { AgentRow } from '../../../shared/domain';
import { createFakeApi, fail, ok } from '../../testing/fake-api';
import { createSessionStore } from './session-store';

const agent: AgentRow = { id: 'a1', email: 'maja@desk.example', name: 'Maja', role: 'agent', tier: 1, regions: ['se'], capacity: 8, presence: 'available', presenceReason: null };
const signedIn: SessionState = { serverUrl: 'http://127.0.0.1:4780', agent, signedIn: true };
const signedOut: SessionState = { serverUrl: null, agent: null, signedIn: false };

describe('session store', () => {
  it('starts loading, then follows session:get', async () => {
    const api = createFakeApi({ 'session:get': () => ok(signedIn) });
    const store = createSessionStore({ api });
    expect(store.getState().phase).toBe('loading');
    await store.getState().load();
    expect(store.getState().phase).toBe('signedIn');
    expect(store.getState().session?.agent?.name).toBe('Maja');
  });

  it('shows the login form when the session cannot be read', async () => {
    const api = createFakeApi({ 'session:get': () => fail('offline', 'gone') });
    const store = createSessionStore({ api });
    await store.getState().load();
    expect(store.getState().phase).toBe('signedOut');
    expect(store.getState().error?.code).toBe('offline');
  });

  it('signs in with trimmed fields and keeps a refusal for the form', async () => {
    const api = createFakeApi({ 'session:login': ({ password }) => (password === 'right' ? ok(signedIn) : fail('unauthorized', 'Wrong email or password.')) });
    const store = createSessionStore({ api });
    expect(await store.getState().login(' http://127.0.0.1:4780 ', ' maja@desk.example ', 'wrong')).toBe(false);
    expect(store.getState().loginError?.message).toBe('Wrong email or password.');
    expect(store.getState().loginPending).toBe(false);
    expect(api.callsTo('session:login')[0]).toEqual({ serverUrl: 'http://127.0.0.1:4780', email: 'maja@desk.example', password: 'wrong' });

    expect(await store.getState().login('http://127.0.0.1:4780', 'maja@desk.example', 'right')).toBe(true);
    expect(store.getState()).toMatchObject({ phase: 'signedIn', loginError: null });
  });

  it('ignores a second submit while the first is in flight', async () => {
    let calls = 0;
    const api = createFakeApi({ 'session:login': () => (calls++, new Promise((r) => setTimeout(() => r(ok(signedIn)), 5))) });
    const store = createSessionStore({ api });
    await Promise.all([store.getState().login('http://x.test', 'a@b', 'p'), store.getState().login('http://x.test', 'a@b', 'p')]);
    expect(calls).toBe(1);
  });

  it('follows session:changed and signs out keeping the cache', async () => {
    const api = createFakeApi({ 'session:logout': () => ok(null) });
    const store = createSessionStore({ api });
    store.getState().apply(signedIn);
    expect(store.getState().phase).toBe('signedIn');
    await store.getState().logout();
    expect(api.callsTo('session:logout')).toEqual([{ keepCache: true }]);
    expect(store.getState().phase).toBe('signedOut');
    store.getState().apply(signedOut);
    expect(store.getState().session).toEqual(signedOut);
  });

  it('stays signed in when sign-out is refused', async () => {
    const api = createFakeApi({ 'session:logout': () => fail('invalid_input', '2 changes are not sent yet') });
    const store = createSessionStore({ api });
    store.getState().apply(signedIn);
    await store.getState().logout(false);
    expect(store.getState().phase).toBe('signedIn');
    expect(store.getState().error?.message).toMatch(/not sent/);
  });

  it('updates the agent after a presence change', async () => {
    const api = createFakeApi({ 'presence:set': ({ presence }) => ok({ ...agent, presence }) });
    const store = createSessionStore({ api });
    store.getState().apply(signedIn);
    await store.getState().setPresence('away');
    expect(store.getState().session?.agent?.presence).toBe('away');
  });
});
