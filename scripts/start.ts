/**
 * `npm start`: the desk server on the embedded default (SQLite in the data directory, a demo
 * world created on first run, the customer simulator on), then the desktop: Electron when its
 * binary is installed, else the browser host, whose URL is always printed.
 *
 *   --browser             use the browser host even when Electron is installed (npm run start:browser)
 *   --server-url URL      use that desk server instead of starting one
 *   --desktop-data-dir D  where the desktop keeps its cache (default: the OS app-data folder)
 *   --desktop-port N      the browser host's port (default: any free port)
 *   plus every desk server option (npm run server -- --help)
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { AlreadyRunningError, startBrowserHost } from '../src/main/browser-host';
import { printBanner } from '../src/server/banner';
import { parseConfig } from '../src/server/config';
import { DEMO_PASSWORD } from '../src/server/demo/seed';
import { AGENTS } from '../src/server/demo/world-catalog';
import { createLogger } from '../src/server/logger';
import { startDesk, stopOnSignals } from '../src/server/main';
import { electronBinary } from './electron-binary';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DESKTOP_FLAGS = ['browser', 'server-url', 'desktop-data-dir', 'desktop-port'] as const;

function splitArgs(argv: string[]) {
  const desktopArgs: string[] = [];
  const serverArgs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const name = a.replace(/^--/, '').split('=')[0]!;
    if ((DESKTOP_FLAGS as readonly string[]).includes(name)) {
      desktopArgs.push(a);
      if (name !== 'browser' && !a.includes('=') && argv[i + 1] !== undefined) desktopArgs.push(argv[++i]!);
    } else serverArgs.push(a);
  }
  return { desktopArgs, serverArgs };
}

function defaultDesktopDir(): string {
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Agent Desk', 'desktop');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Agent Desk', 'desktop');
  return path.join(process.env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'agent-desk', 'desktop');
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the renderer with Vite when the build is missing or older than its sources. */
async function ensureRendererBuilt(): Promise<string> {
  const out = path.join(root, 'out', 'renderer');
  const index = path.join(out, 'index.html');
  const stale = !existsSync(index) || statSync(index).mtimeMs < Math.max(newestMtime(path.join(root, 'src', 'renderer')), newestMtime(path.join(root, 'src', 'shared')));
  if (stale) {
    console.log('Building the console (Vite)…');
    const { build } = await import('vite');
    await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
  }
  return out;
}

/** The URL of an Agent Desk server answering on `url`, or null. */
async function deskServerAt(url: string): Promise<string | null> {
  try {
    const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(700) });
    const body = (await res.json()) as { status?: string; epoch?: string };
    return res.ok && body.status === 'ok' && typeof body.epoch === 'string' ? url : null;
  } catch {
    return null;
  }
}

/** Whether the desk server at url runs the demo world (its chat config says so). */
async function isDemoDesk(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/api/chat/config`, { signal: AbortSignal.timeout(2000) });
    return res.ok && ((await res.json()) as { demo?: unknown }).demo === true;
  } catch {
    return false;
  }
}

function openInSystemBrowser(url: string): boolean {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return false;
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}

try {
  const { desktopArgs, serverArgs } = splitArgs(process.argv.slice(2));
  const { values: desk } = parseArgs({
    args: desktopArgs,
    options: { browser: { type: 'boolean' }, 'server-url': { type: 'string' }, 'desktop-data-dir': { type: 'string' }, 'desktop-port': { type: 'string' } },
  });
  const config = parseConfig(serverArgs);
  if (!serverArgs.includes('--log-level') && !process.env.AGENT_DESK_LOG_LEVEL) config.logLevel = 'warn';

  // A desk server of ours already on that port (a second `npm start`): use it, don't fail on the port.
  const existing = desk['server-url'] ? null : await deskServerAt(`http://${config.host}:${config.port}`);
  const running = desk['server-url'] || existing ? null : await startDesk(config);
  const serverUrl = desk['server-url'] ?? existing ?? running!.server.url;
  // Against a demo desk started elsewhere (`npm run server`), sign in as its demo agent too.
  const demoEmail = running
    ? (running.demoAgents.find((a) => a.email.startsWith('agent@'))?.email ?? running.demoAgents[0]?.email)
    : (await isDemoDesk(serverUrl))
      ? AGENTS[0]!.email
      : undefined;
  const log = createLogger(config.logLevel);
  const stops: (() => Promise<void>)[] = [];
  if (running) stops.push(running.stop);

  const electron = desk.browser ? { reason: 'you asked for the browser host (--browser)' } : electronBinary();
  const extra: string[] = [];
  if ('path' in electron) {
    await ensureRendererBuilt();
    await import(pathToFileURL(path.join(root, 'scripts', 'build-desktop.mjs')).href);
    await import(pathToFileURL(path.join(root, 'scripts', 'build-electron-native.mjs')).href); // better-sqlite3 for Electron's ABI
    const child = spawn(electron.path, [root], {
      stdio: 'inherit',
      env: { ...process.env, AGENT_DESK_SERVER_URL: serverUrl, ...(demoEmail ? { AGENT_DESK_DEMO_EMAIL: demoEmail, AGENT_DESK_DEMO_PASSWORD: DEMO_PASSWORD } : {}) },
    });
    stops.unshift(async () => void child.kill());
    extra.push('  Desktop          Electron window');
  } else {
    const rendererDir = await ensureRendererBuilt();
    const host = await startBrowserHost({
      userDataDir: path.resolve(desk['desktop-data-dir'] ?? defaultDesktopDir()),
      rendererDir,
      log,
      port: desk['desktop-port'] ? Number(desk['desktop-port']) : 0,
      serverUrl,
      autoLogin: demoEmail ? { serverUrl, email: demoEmail, password: DEMO_PASSWORD } : undefined,
      availableAfterLogin: Boolean(demoEmail),
    });
    stops.unshift(host.close);
    const opened = openInSystemBrowser(host.url);
    extra.push(`  Desktop          ${host.url}   (browser host${opened ? ', opened in your browser' : ''}; signed in as ${demoEmail ?? 'nobody'})`);
    extra.push(`                   Not Electron because ${electron.reason}.`);
  }
  stopOnSignals(async () => {
    for (const s of stops) await s();
  });
  if (running) printBanner(running, config, extra);
  else console.log(['', 'Agent Desk desktop', `  Desk server      ${serverUrl}`, ...extra, '', 'Press Ctrl+C to stop.', ''].join('\n'));
} catch (err) {
  if (err instanceof AlreadyRunningError) {
    // A second launch points at the first instance instead of starting another.
    console.log(`${err.message}${err.url && openInSystemBrowser(err.url) ? ' Opened it in your browser.' : ''}`);
    process.exit(0);
  }
  console.error(`Agent Desk could not start: ${err instanceof Error ? err.message : String(err)}`);
  if (err instanceof Error && /EADDRINUSE/.test(err.message)) console.error('Another program uses that port; pass --port N or set AGENT_DESK_PORT.');
  process.exit(1);
}
