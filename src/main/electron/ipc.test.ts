// Runs under Node: nothing here imports `electron` at runtime. ipcMain, frames and web contents
// are fakes; the dispatcher is the real one over fake handlers.
import { describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../shared/api/channels';
import type { ApiHandlers, Result, SessionState } from '../../shared/api/contract';
import { createDispatcher } from '../api/dispatch';
import { createOwnFrameCheck, registerIpc, sendEvent, type FrameLike, type IpcMainLike } from './ipc';

type Listener = Parameters<IpcMainLike['handle']>[1];

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipcMain: IpcMainLike = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    },
  };
  const invoke = (channel: string, frame: FrameLike | null, input?: unknown): Promise<Result<unknown>> => {
    const h = handlers.get(channel);
    if (!h) throw new Error(`No handler registered for '${channel}'`);
    return h({ senderFrame: frame }, input);
  };
  return { ipcMain, handlers, invoke };
}

const frame = (url: string, over: Partial<{ processId: number; routingId: number; parent: unknown }> = {}): FrameLike => ({
  url,
  processId: 7,
  routingId: 1,
  parent: null,
  ...over,
});

const SIGNED_OUT: SessionState = { serverUrl: null, agent: null, signedIn: false };

function setup() {
  const calls: { channel: string; input: unknown }[] = [];
  const handlers = {
    'session:get': async (input: unknown) => {
      calls.push({ channel: 'session:get', input });
      return SIGNED_OUT;
    },
    'tickets:get': async (input: unknown) => {
      calls.push({ channel: 'tickets:get', input });
      throw new Error('not in this test');
    },
    'drafts:save': async (input: unknown) => {
      calls.push({ channel: 'drafts:save', input });
      return null;
    },
  } as unknown as ApiHandlers;
  const log = { warn: vi.fn(), error: vi.fn() };
  const dispatch = createDispatcher(handlers, log);
  const mainFrame = frame('app://agent-desk/index.html');
  const isOwnFrame = createOwnFrameCheck(() => mainFrame);
  const fake = fakeIpcMain();
  const registered = registerIpc(fake.ipcMain, dispatch, isOwnFrame, log);
  return { ...fake, calls, log, mainFrame, registered };
}

describe('registerIpc', () => {
  it('registers exactly the invoke channels, once each', () => {
    const { handlers, registered } = setup();
    expect([...handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
    expect(registered).toEqual(INVOKE_CHANNELS);
  });

  it('does not register unknown or event-only channels', () => {
    const { handlers } = setup();
    for (const c of ['tickets:delete', 'shell:openExternal', 'eval', '', '__proto__', 'tickets:changed', 'chat:offered']) {
      expect(handlers.has(c), c).toBe(false);
    }
    const eventOnly = EVENT_CHANNELS.filter((c) => !(INVOKE_CHANNELS as readonly string[]).includes(c));
    for (const c of eventOnly) expect(handlers.has(c), c).toBe(false);
  });

  it('lets a valid call from our main frame reach the handler', async () => {
    const { invoke, calls, mainFrame } = setup();
    const res = await invoke('session:get', mainFrame, null);
    expect(res).toEqual({ ok: true, value: SIGNED_OUT });
    expect(calls).toEqual([{ channel: 'session:get', input: null }]);
  });

  it('treats a missing input as null (the preload sends undefined for no-input channels)', async () => {
    const { invoke, mainFrame } = setup();
    expect(await invoke('session:get', mainFrame)).toEqual({ ok: true, value: SIGNED_OUT });
  });

  it('answers invalid input with invalid_input without calling the handler', async () => {
    const { invoke, calls, mainFrame } = setup();
    for (const input of [{ ticketId: 5 }, { ticketId: '' }, { ticketId: 't1', extra: true }, 'tickets', null, [1, 2]]) {
      const res = await invoke('tickets:get', mainFrame, input);
      expect(res.ok, JSON.stringify(input)).toBe(false);
      if (!res.ok) expect(res.error.code).toBe('invalid_input');
    }
    expect(calls).toEqual([]);
  });

  it('passes the parsed input (defaults applied) to the handler', async () => {
    const { invoke, calls, mainFrame } = setup();
    const res = await invoke('drafts:save', mainFrame, { ticketId: 't1', body: 'hi', mode: 'reply' });
    expect(res).toEqual({ ok: true, value: null });
    expect(calls).toEqual([{ channel: 'drafts:save', input: { ticketId: 't1', body: 'hi', mode: 'reply' } }]);
  });

  it('turns a handler crash into internal, never an exception across IPC', async () => {
    const { invoke, mainFrame, log } = setup();
    const res = await invoke('tickets:get', mainFrame, { ticketId: 't1' });
    expect(res).toEqual({ ok: false, error: { code: 'internal', message: expect.any(String) } });
    expect(log.error).toHaveBeenCalled();
  });

  const foreign: [string, FrameLike | null][] = [
    ['no frame (navigated away or destroyed)', null],
    ['a sub-frame of our page', frame('app://agent-desk/index.html', { parent: {} })],
    ['an iframe with its own routing id', frame('app://agent-desk/index.html', { routingId: 9 })],
    ['another renderer process', frame('app://agent-desk/index.html', { processId: 99 })],
    ['our frame after navigating to another site', frame('https://evil.com/')],
    ['our frame on a look-alike host', frame('app://agent-desk.evil/index.html')],
    ['our frame on file://', frame('file:///tmp/index.html')],
    ['our frame on about:blank', frame('about:blank')],
    ['our frame on a devtools page', frame('devtools://devtools/bundled/inspector.html')],
    ['our frame on an http dev server', frame('http://localhost:5173/')],
  ];
  it.each(foreign)('refuses %s with forbidden_sender, and logs it', async (_name, sender) => {
    const { invoke, calls, log } = setup();
    const res = await invoke('session:get', sender, null);
    expect(res).toEqual({ ok: false, error: { code: 'forbidden_sender', message: expect.any(String) } });
    expect(calls).toEqual([]);
    expect(log.warn).toHaveBeenCalledWith(expect.objectContaining({ channel: 'session:get' }), expect.any(String));
  });

  it('does not log the input of a refused call (it may hold a password)', async () => {
    const { invoke, log } = setup();
    await invoke('session:login', frame('https://evil.com/?q=1'), { serverUrl: 'https://x', email: 'a@b.c', password: 'hunter2' });
    const logged = JSON.stringify(log.warn.mock.calls);
    expect(logged).not.toContain('hunter2');
    expect(logged).not.toContain('q=1');
  });

  it('refuses everything when there is no window', async () => {
    const dispatch = vi.fn();
    const fake = fakeIpcMain();
    registerIpc(fake.ipcMain, dispatch, createOwnFrameCheck(() => null));
    const res = await fake.invoke('session:get', frame('app://agent-desk/index.html'), null);
    expect(res.ok).toBe(false);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses when the sender check itself throws', async () => {
    const dispatch = vi.fn();
    const fake = fakeIpcMain();
    const log = { warn: vi.fn(), error: vi.fn() };
    registerIpc(
      fake.ipcMain,
      dispatch,
      () => {
        throw new Error('frame disposed');
      },
      log,
    );
    const res = await fake.invoke('session:get', frame('app://agent-desk/index.html'), null);
    expect(res).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('survives a dispatcher that throws', async () => {
    const fake = fakeIpcMain();
    const mainFrame = frame('app://agent-desk/');
    registerIpc(
      fake.ipcMain,
      async () => {
        throw new Error('boom');
      },
      createOwnFrameCheck(() => mainFrame),
    );
    expect(await fake.invoke('session:get', mainFrame, null)).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('sendEvent', () => {
  const target = () => ({ isDestroyed: vi.fn(() => false), send: vi.fn() });

  it('sends a payload that matches the contract', () => {
    const t = target();
    expect(sendEvent(t, 'chat:offered', { ticketId: 't1', reference: 'AD-1' })).toBe(true);
    expect(t.send).toHaveBeenCalledWith('chat:offered', { ticketId: 't1', reference: 'AD-1' });
  });

  it('strips keys the contract does not know', () => {
    const t = target();
    sendEvent(t, 'messages:changed', { ticketId: 't1', secret: 'x' });
    expect(t.send).toHaveBeenCalledWith('messages:changed', { ticketId: 't1' });
  });

  it('does not send a payload that breaks the contract', () => {
    const t = target();
    const log = { warn: vi.fn(), error: vi.fn() };
    expect(sendEvent(t, 'chat:offered', { ticketId: 1 }, log)).toBe(false);
    expect(sendEvent(t, 'tickets:changed', null, log)).toBe(false);
    expect(t.send).not.toHaveBeenCalled();
    expect(log.error).toHaveBeenCalledTimes(2);
  });

  it('does not send on an unknown channel', () => {
    const t = target();
    expect(sendEvent(t, 'shell:open' as never, {})).toBe(false);
    expect(t.send).not.toHaveBeenCalled();
  });

  it('does nothing when the window is gone', () => {
    const t = target();
    t.isDestroyed.mockReturnValue(true);
    expect(sendEvent(t, 'messages:changed', { ticketId: 't1' })).toBe(false);
    expect(sendEvent(null, 'messages:changed', { ticketId: 't1' })).toBe(false);
    expect(t.send).not.toHaveBeenCalled();
  });
});
