/**
 * The Electron entry (bundled to out/main/index.js, ESM: package.json has "type": "module").
 * Thin on purpose: the desktop's services come from ../desktop (the same code the browser
 * host runs and the tests drive); this file wires them to a locked-down window, IPC and the OS.
 *
 * Order matters. Before `ready` (synchronously, no top-level await before it: the ESM entry
 * must not let `ready` fire first): the app:// scheme is registered as privileged, sandboxing
 * is forced for every renderer, the hardening hook is installed and the single-instance lock is
 * taken. After `ready`: the protocol handler, the secrets, the desktop, IPC, then the window.
 */
import { app, dialog, ipcMain, protocol, safeStorage, shell, type BrowserWindow } from 'electron';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDesktop, type Desktop } from '../desktop';
import { handleAppRequest } from '../security/app-protocol';
import { APP_SCHEME } from '../security/trusted-url';
import { installHardening } from './hardening';
import { createOwnFrameCheck, registerIpc, sendEvent } from './ipc';
import { createLogger } from './log';
import { missingBindingHint, sqliteNativeBinding } from './native';
import { installOsIntegration, type OsIntegration } from './os-integration';
import { createSafeStorageSecretStore } from './safe-storage-secret-store';
import { createMainWindow, focusWindow } from './window';

const log = createLogger('main/electron');
const isDev = !app.isPackaged;
/** Built by Vite (out/renderer) beside this bundle (out/main/index.js). */
const RENDERER_DIR = fileURLToPath(new URL('../renderer/', import.meta.url));
/** Copied by scripts/build-desktop.mjs from assets/icon.png. */
const ICON_PATH = fileURLToPath(new URL('../assets/icon.png', import.meta.url));
const CLOSE_TIMEOUT_MS = 5_000;

// ---- before ready ---------------------------------------------------------------------------
protocol.registerSchemesAsPrivileged([
  // standard: real origin and relative URLs; secure: a secure context (like https);
  // supportFetchAPI: fetch() of our own assets; codeCache: V8 caches our scripts (start-up time).
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);
app.enableSandbox(); // every renderer, even one a future window forgets to sandbox
installHardening({ app, openExternal: (url) => shell.openExternal(url), log });
if (process.platform === 'win32') app.setAppUserModelId('com.agentdesk.console'); // notifications need it

process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled rejection'));

let mainWindow: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  // Another Agent Desk is running: it gets 'second-instance' and comes to the front.
  app.quit();
} else {
  app.on('second-instance', () => focusWindow(mainWindow));
  start().catch((err: unknown) => {
    log.error({ err }, 'Agent Desk could not start');
    const message = err instanceof Error ? err.message : String(err);
    dialog.showErrorBox('Agent Desk could not start', `${message}\n\nIf this keeps happening, restart your computer or contact IT.`);
    app.exit(1);
  });
}

async function start(): Promise<void> {
  await app.whenReady();

  protocol.handle(APP_SCHEME, (request) => handleAppRequest(RENDERER_DIR, request));

  // Our files in their own folder: userData also holds Chromium's own folders (its `Cache`
  // would be our `cache` on case-insensitive macOS and Windows file systems).
  const deskDir = path.join(app.getPath('userData'), 'desk');

  const binding = sqliteNativeBinding({
    electronVersion: process.versions.electron,
    abi: process.versions.modules,
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appPath: app.getAppPath(),
    override: process.env.AGENT_DESK_SQLITE_BINDING,
    exists: existsSync,
  });
  // Passed down to `new Database(file, { nativeBinding })` in src/main/cache/db.ts. Without a
  // binding Electron loads the module's own build, which works in packaged apps (electron-builder
  // rebuilds it) but not in development next to the Node build the tests use.
  if (!binding && isDev && process.versions.electron) log.warn({}, missingBindingHint({ abi: process.versions.modules, appPath: app.getAppPath() }));

  const secrets = createSafeStorageSecretStore({ file: path.join(deskDir, 'session-token.bin'), safeStorage, log });
  // `npm start` hands over the desk server it started or was given (--server-url): the login form offers it.
  const serverUrl = process.env.AGENT_DESK_SERVER_URL || undefined;
  const desktop = await createDesktop({ userDataDir: deskDir, secrets, log, sqliteNativeBinding: binding, serverUrl });
  // With the demo agent as well: sign in when no session is stored.
  const demo = { serverUrl, email: process.env.AGENT_DESK_DEMO_EMAIL, password: process.env.AGENT_DESK_DEMO_PASSWORD };
  if (demo.serverUrl && demo.email && demo.password) {
    const session = await desktop.dispatch('session:get', null);
    if (session.ok && !(session.value as { signedIn: boolean }).signedIn) {
      const r = await desktop.dispatch('session:login', demo);
      if (!r.ok) log.warn({ code: r.error.code }, 'demo sign-in failed; sign in in the window');
    }
  }

  registerIpc(
    ipcMain,
    desktop.dispatch,
    createOwnFrameCheck(() => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents.mainFrame : null)),
    log,
  );

  const openWindow = (): BrowserWindow => {
    const win = createMainWindow({ userDataDir: deskDir, isDev, log });
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null;
    });
    mainWindow = win;
    return win;
  };
  openWindow();

  const os = installOsIntegration({
    getWindow: () => mainWindow,
    focusWindow: () => (mainWindow ? focusWindow(mainWindow) : void openWindow()),
    dispatch: desktop.dispatch,
    isDev,
    iconPath: ICON_PATH,
    openExternal: (url) => shell.openExternal(url),
    log,
  });

  desktop.onEvent((channel, payload) => {
    sendEvent(mainWindow?.webContents, channel, payload, log);
    os.onEvent(channel, payload);
  });

  app.on('activate', () => {
    // macOS: clicking the dock icon with no window open brings one back.
    if (mainWindow) focusWindow(mainWindow);
    else openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  installOrderlyQuit(desktop, os);
}

/** Closes the desktop (cache, sync engine) before the process exits, with a time limit. */
function installOrderlyQuit(desktop: Desktop, os: OsIntegration): void {
  let state: 'running' | 'closing' | 'closed' = 'running';
  app.on('before-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    os.dispose();
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS).unref());
    Promise.race([desktop.close(), timeout])
      .catch((err: unknown) => log.error({ err }, 'closing the desktop failed'))
      .finally(() => {
        state = 'closed';
        app.quit();
      });
  });
}
