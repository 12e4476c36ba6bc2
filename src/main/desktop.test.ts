import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from './cache/test-support';
import { createDesktop, type Desktop } from './desktop';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };
let dir: ReturnType<typeof tempDir>;
let desktop: Desktop | null = null;
afterEach(async () => {
  await desktop?.close();
  desktop = null;
  dir?.cleanup();
});

async function start(serverUrl?: string) {
  dir = tempDir('agent-desk-desktop-unit-');
  let token: string | null = null;
  desktop = await createDesktop({ userDataDir: dir.dir, secrets: { get: () => token, set: (v) => void (token = v) }, log: quiet, serverUrl });
  return desktop;
}

describe('desktop services', () => {
  it('offers the server it was started with (--server-url) to the login form', async () => {
    const d = await start('http://desk.example:9000');
    expect(await d.dispatch('session:get', null)).toEqual({ ok: true, value: { serverUrl: 'http://desk.example:9000', agent: null, signedIn: false } });
  });

  it('without a start URL the login form gets the last session\'s server, or nothing', async () => {
    const d = await start();
    expect(await d.dispatch('session:get', null)).toMatchObject({ ok: true, value: { serverUrl: null } });
  });

  it('refuses a shortcut that takes an AltGr character, with invalid_input', async () => {
    const d = await start();
    const r = await d.dispatch('settings:set', { shortcuts: { resolve: ['Mod+Alt+e'] } });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await d.dispatch('settings:set', { theme: 'dark', shortcuts: { resolve: ['Mod+Shift+d'] } })).toMatchObject({ ok: true, value: { theme: 'dark', shortcuts: { resolve: ['Mod+Shift+d'] } } });
  });

  it('says what is wrong with a mistyped reference before it needs a session', async () => {
    const d = await start();
    expect(await d.dispatch('tickets:byReference', { reference: 'ABC' })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('8 characters') } });
    expect(await d.dispatch('tickets:byReference', { reference: 'KPQR-7M2X' })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('mistyped') } });
    expect(await d.dispatch('tickets:byReference', { reference: 'kpqr 7m29' })).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
  });
});
