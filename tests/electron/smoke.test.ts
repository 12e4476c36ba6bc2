/**
 * The Electron smoke test: the real app in real Electron (Playwright's Electron support). The
 * window opens, the login screen renders, the sandboxed preload exposes only the typed API, and
 * one call makes the IPC round trip to main and back, validated on both sides.
 *
 * What it launches:
 *   AGENT_DESK_ELECTRON_APP=/path/to/executable   a packaged app (the release workflow points it
 *                                                  at electron-builder's unpacked output)
 *   otherwise                                      node_modules' Electron on this checkout, after
 *                                                  building out/ (renderer, main + preload, and
 *                                                  better-sqlite3 for Electron's ABI)
 * Without the Electron binary (these build machines cannot download it) the test is skipped and
 * says why; scripts/electron-binary.ts decides, as it does for `npm start`. Where a skip would
 * hide a broken build (the release workflow), AGENT_DESK_REQUIRE_ELECTRON=1 makes it a failure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronBinary } from '../../scripts/electron-binary';
import { startTestServer, type TestServer } from '../helpers/server';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '..', '..');
const packagedApp = process.env.AGENT_DESK_ELECTRON_APP;

function target(): { executablePath: string; args: string[] } | { reason: string } {
  if (packagedApp) return existsSync(packagedApp) ? { executablePath: packagedApp, args: [] } : { reason: `AGENT_DESK_ELECTRON_APP points at ${packagedApp}, which does not exist` };
  const binary = electronBinary();
  return 'path' in binary ? { executablePath: binary.path, args: [root] } : { reason: binary.reason };
}

const launch = target();
const required = process.env.AGENT_DESK_REQUIRE_ELECTRON === '1';
if ('reason' in launch && !required) console.warn(`Electron smoke test skipped. Electron binary not installed: ${launch.reason}.`);

/** Builds what the app loads from out/ (the packaged app carries its own). */
function buildFromSource(): void {
  const steps: [string, string[]][] = [
    ['renderer (Vite)', [require.resolve('vite/bin/vite.js'), 'build', '--logLevel', 'warn']],
    ['main + preload (esbuild)', [path.join(root, 'scripts', 'build-desktop.mjs')]],
    ['better-sqlite3 for Electron', [path.join(root, 'scripts', 'build-electron-native.mjs')]],
  ];
  for (const [what, args] of steps) {
    const run = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`building the ${what} failed:\n${run.stdout}\n${run.stderr}`);
  }
}

describe.skipIf('reason' in launch && !required)('Electron smoke test (skipped when the Electron binary is not installed)', () => {
  let server: TestServer;
  let app: ElectronApplication;
  let win: Page;
  let userData: string;

  beforeAll(async () => {
    if ('reason' in launch) throw new Error(`AGENT_DESK_REQUIRE_ELECTRON=1 but Electron cannot run: ${launch.reason}`);
    if (!packagedApp) buildFromSource();
    server = await startTestServer({ customers: 20, historicTickets: 10 });
    userData = mkdtempSync(path.join(os.tmpdir(), 'agent-desk-electron-'));
    // Not signed in: no demo credentials, whatever the shell has.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k, v]) => v !== undefined && !k.startsWith('AGENT_DESK_DEMO_'))) as Record<string, string>;
    app = await _electron.launch({
      executablePath: launch.executablePath,
      // A user-data folder of its own: no single-instance clash with an Agent Desk already open.
      args: [...launch.args, `--user-data-dir=${userData}`],
      env: { ...env, AGENT_DESK_SERVER_URL: server.url, XDG_CONFIG_HOME: userData, APPDATA: userData },
      // The OS sandbox on CI runners (the workflow allows user namespaces on Linux); a developer's
      // Linux box may lack the setuid helper, where Chromium then runs without the OS layer. The
      // app's own sandboxing (app.enableSandbox, contextIsolation) applies either way.
      chromiumSandbox: process.env.CI === 'true',
      timeout: 60_000,
    });
    win = await app.firstWindow();
  }, 240_000);

  afterAll(async () => {
    await app?.close();
    await server?.close();
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  it('opens a window that renders the login screen', async () => {
    await expect.poll(() => app.windows().length).toBe(1);
    await win.getByRole('heading', { name: 'Sign in to Agent Desk' }).waitFor({ timeout: 30_000 });
    expect(await win.getByLabel('Email').isVisible()).toBe(true);
    expect(await win.getByLabel('Password').isVisible()).toBe(true);
    expect(new URL(win.url()).protocol).toBe('app:');
  });

  it('exposes only the typed API from the preload: no require, no process, no ipcRenderer', async () => {
    const seen = await win.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      const bridge = w.agentDesk as Record<string, unknown> | undefined;
      return {
        bridgeKeys: bridge ? Object.keys(bridge).sort() : null,
        bridgeTypes: bridge ? Object.values(bridge).map((v) => typeof v) : null,
        frozen: bridge ? Object.isFrozen(bridge) : null,
        nodeish: Object.keys(w).filter((k) => /desk|electron|ipc|require|process|module|buffer|global|__dirname/i.test(k)),
        require: typeof w.require,
        process: typeof w.process,
        module: typeof w.module,
        buffer: typeof w.Buffer,
      };
    });
    expect(seen.bridgeKeys).toEqual(['invoke', 'on']);
    expect(seen.bridgeTypes).toEqual(['function', 'function']);
    expect(seen.frozen).toBe(true); // contextBridge hands the page a frozen copy, not the preload's object
    expect(seen.nodeish).toEqual(['agentDesk']);
    expect({ require: seen.require, process: seen.process, module: seen.module, buffer: seen.buffer }).toEqual({
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      buffer: 'undefined',
    });
  });

  it('makes an IPC round trip: session:get answers from main, and main validates inputs', async () => {
    const session = await win.evaluate(() => (window as unknown as { agentDesk: { invoke(c: string, i?: unknown): Promise<unknown> } }).agentDesk.invoke('session:get'));
    expect(session).toEqual({ ok: true, value: { serverUrl: server.url, agent: null, signedIn: false } });
    const refused = await win.evaluate(() =>
      (window as unknown as { agentDesk: { invoke(c: string, i?: unknown): Promise<unknown> } }).agentDesk.invoke('session:login', { email: 42 }),
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
