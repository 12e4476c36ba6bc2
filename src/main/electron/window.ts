/**
 * The one set of web preferences every Agent Desk window uses, and the main window. Any window
 * that needs something different spreads SECURE_WEB_PREFERENCES and states the difference
 * beside it with a comment (the electronegativity check reads these).
 */
import { BrowserWindow, screen, type WebPreferences } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_INDEX_URL } from '../security/app-protocol';
import { createWindowStateSaver, initialPlacement, MIN_HEIGHT, MIN_WIDTH, readWindowState } from './window-state';

/**
 * The bundled preload, beside the bundled main: out/main/index.js → out/preload/index.cjs
 * (scripts/build-desktop.mjs). Sandboxed preloads must be one CommonJS file.
 */
export const PRELOAD_PATH = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));

export const SECURE_WEB_PREFERENCES: Readonly<WebPreferences> = Object.freeze({
  preload: PRELOAD_PATH,
  contextIsolation: true, // the page and the preload live in different JS worlds
  sandbox: true, // the renderer process is an OS sandbox; the preload gets a tiny require
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true, // same-origin policy on
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false, // a file dropped on the window must not replace the app
  safeDialogs: true, // a page cannot spam alert() loops
  disableBlinkFeatures: 'Auxclick', // middle-click cannot open links in new windows
  spellcheck: true, // agents type replies to customers all day
} satisfies WebPreferences);

export interface MainWindowOptions {
  userDataDir: string;
  /** Developer tools only in development builds. */
  isDev: boolean;
  log: { warn(obj: object, msg?: string): void; error(obj: object, msg?: string): void };
  url?: string;
}

/** The main window: restores its last place if still visible, remembers moves, loads the app. */
export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const stateFile = path.join(opts.userDataDir, 'window-state.json');
  // Primary first: the default size is fitted to it.
  const primary = screen.getPrimaryDisplay();
  const workAreas = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
  const placement = initialPlacement(readWindowState(stateFile), workAreas);

  const win = new BrowserWindow({
    ...placement.bounds,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    show: false, // shown on ready-to-show: no white flash
    title: 'Agent Desk',
    backgroundColor: '#f6f7f9',
    autoHideMenuBar: false,
    // A copy: Electron may write to the object it gets, and ours is frozen. The one difference
    // from SECURE_WEB_PREFERENCES is a tightening: no developer tools in packaged builds.
    // The three critical switches are repeated as literals so static scanners
    // (electronegativity) can see them; they must equal SECURE_WEB_PREFERENCES.
    webPreferences: { ...SECURE_WEB_PREFERENCES, contextIsolation: true, sandbox: true, nodeIntegration: false, devTools: opts.isDev },
  });

  const saver = createWindowStateSaver(stateFile, {
    delayMs: 500,
    onError: (err) => opts.log.warn({ err }, 'window: could not save its position'),
  });
  const remember = () => {
    if (win.isDestroyed() || win.isMinimized() || win.isFullScreen()) return;
    saver.schedule({ bounds: win.getNormalBounds(), maximized: win.isMaximized() });
  };
  win.on('resize', remember);
  win.on('move', remember);
  win.on('maximize', remember);
  win.on('unmaximize', remember);
  win.on('close', () => {
    remember();
    saver.flush();
  });

  // Main owns the title (os-integration puts the unread count in it on Windows).
  win.on('page-title-updated', (event) => event.preventDefault());

  win.once('ready-to-show', () => {
    if (placement.maximized) win.maximize();
    win.show();
  });

  // A crashed renderer is reloaded (the state lives in main), but not in a loop.
  let reloads = 0;
  win.webContents.on('render-process-gone', (_event, details) => {
    opts.log.error({ reason: details.reason, exitCode: details.exitCode }, 'window: renderer process gone');
    if (details.reason === 'clean-exit' || details.reason === 'killed' || win.isDestroyed() || reloads >= 3) return;
    reloads += 1;
    win.webContents.reload();
  });
  win.on('unresponsive', () => opts.log.warn({}, 'window: renderer unresponsive'));

  void win.loadURL(opts.url ?? APP_INDEX_URL).catch((err: unknown) => opts.log.error({ err }, 'window: could not load the app'));
  return win;
}

/** Brings the window to the front (second launch, notification click, tray). */
export function focusWindow(win: BrowserWindow | null): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
}
