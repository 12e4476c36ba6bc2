// The preload as it ships: bundled by esbuild exactly as scripts/build-desktop.mjs does, then
// run in a fresh VM context with a fake `electron` (contextBridge, ipcRenderer). No Electron
// binary needed, and no module mocking of our own code.
import { build } from 'esbuild';
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../shared/api/channels';

const ENTRY = fileURLToPath(new URL('../../preload/index.ts', import.meta.url));
let code = '';
let inputs: string[] = [];

beforeAll(async () => {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'chrome140',
    minify: true,
    external: ['electron'],
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  code = result.outputFiles[0]!.text;
  inputs = Object.keys(result.metafile.inputs);
});

function load() {
  const exposed = new Map<string, unknown>();
  const renderer = new EventEmitter();
  const ipcRenderer = {
    invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } })),
    on: vi.fn((channel: string, l: (...a: unknown[]) => void) => renderer.on(channel, l)),
    removeListener: vi.fn((channel: string, l: (...a: unknown[]) => void) => renderer.removeListener(channel, l)),
  };
  const contextBridge = { exposeInMainWorld: vi.fn((key: string, api: unknown) => exposed.set(key, api)) };
  const required: string[] = [];
  const fakeRequire = (name: string) => {
    required.push(name);
    if (name === 'electron') return { contextBridge, ipcRenderer };
    throw new Error(`module not found: ${name}`);
  };
  const module = { exports: {} };
  vm.runInNewContext(code, { require: fakeRequire, module, exports: module.exports, Promise, TypeError });
  type Api = { invoke(c: unknown, i?: unknown): Promise<unknown>; on(e: unknown, l: unknown): () => void };
  return { exposed, api: exposed.get('agentDesk') as Api, ipcRenderer, renderer, required };
}

describe('preload', () => {
  it('bundles only channel names and itself: no zod, no packages', () => {
    const rel = inputs.map((f) => f.split(path.sep).join('/'));
    expect(rel.every((f) => f.endsWith('src/shared/api/channels.ts') || f.endsWith('src/preload/index.ts'))).toBe(true);
    expect(code).not.toMatch(/zod|ZodError/);
    expect(code.length).toBeLessThan(4096);
  });

  it('exposes exactly one object, agentDesk, with invoke and on', () => {
    const { exposed, api, required } = load();
    expect([...exposed.keys()]).toEqual(['agentDesk']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(required).toEqual(['electron']);
  });

  it('forwards allowlisted invokes and returns main’s envelope', async () => {
    const { api, ipcRenderer } = load();
    for (const c of INVOKE_CHANNELS) await api.invoke(c, { x: 1 });
    expect(ipcRenderer.invoke).toHaveBeenCalledTimes(INVOKE_CHANNELS.length);
    expect(await api.invoke('session:get')).toEqual({ ok: true, value: { channel: 'session:get', input: null } });
  });

  it('refuses other invoke channels without touching IPC', async () => {
    const { api, ipcRenderer } = load();
    for (const c of ['tickets:delete', 'ELECTRON_BROWSER_REQUIRE', 'tickets:changed', '', null, 42, { toString: () => 'session:get' }]) {
      expect(await api.invoke(c, {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('delivers event payloads without the Electron event, and unsubscribes', () => {
    const { api, renderer, ipcRenderer } = load();
    const listener = vi.fn();
    const off = api.on('tickets:changed', listener);
    renderer.emit('tickets:changed', { sender: 'ipc-event-with-sender' }, { ticketIds: ['t1'] });
    expect(listener).toHaveBeenCalledExactlyOnceWith({ ticketIds: ['t1'] });
    off();
    off();
    renderer.emit('tickets:changed', {}, { ticketIds: ['t2'] });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(ipcRenderer.removeListener).toHaveBeenCalledTimes(1);
  });

  it('subscribes to every event channel and to nothing else', () => {
    const { api } = load();
    for (const e of EVENT_CHANNELS) expect(() => api.on(e, () => {})).not.toThrow();
    for (const e of ['session:login', 'ELECTRON_BROWSER_CONTEXT_BRIDGE', '', 7]) expect(() => api.on(e, () => {})).toThrow(TypeError);
    expect(() => api.on('typing', 'not a function')).toThrow(TypeError);
  });
});
