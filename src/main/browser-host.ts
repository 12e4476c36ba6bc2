/**
 * The desktop without Electron: the same main-process services in a Node process, the renderer
 * served to a browser over loopback, the typed API bridged over the host's WebSocket.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createDesktop, type Desktop, type DesktopLog } from './desktop';
import { createHostServer } from './host/server';
import { acquireInstanceLock } from './instance-lock';
import { createFileSecretStore } from './services/file-secret-store';

export { AlreadyRunningError } from './instance-lock';

export interface BrowserHostOptions {
  userDataDir: string;
  rendererDir: string;
  log: DesktopLog;
  port?: number;
  /** The desk server the desktop was started with: the login form offers it. */
  serverUrl?: string;
  /** Signs in on start when no session is stored (the demo agent on `npm start`). */
  autoLogin?: { serverUrl: string; email: string; password: string };
  /** After the automatic sign-in, also go Available so demo chats arrive at once. */
  availableAfterLogin?: boolean;
}

export interface BrowserHost {
  url: string;
  desktop: Desktop;
  close(): Promise<void>;
}

export async function startBrowserHost(opts: BrowserHostOptions): Promise<BrowserHost> {
  mkdirSync(opts.userDataDir, { recursive: true });
  const lock = acquireInstanceLock(opts.userDataDir); // a second instance learns the first one's URL
  const desktop = await createDesktop({
    userDataDir: opts.userDataDir,
    secrets: createFileSecretStore(path.join(opts.userDataDir, 'session-token')),
    log: opts.log,
    serverUrl: opts.serverUrl ?? opts.autoLogin?.serverUrl,
  });
  if (opts.autoLogin) {
    const session = await desktop.dispatch('session:get', null);
    if (session.ok && !(session.value as { signedIn: boolean }).signedIn) {
      const r = await desktop.dispatch('session:login', opts.autoLogin);
      if (!r.ok) opts.log.warn({ error: r.error }, 'browser host: demo sign-in failed; sign in on the page');
      else if (opts.availableAfterLogin) await desktop.dispatch('presence:set', { presence: 'available' });
    }
  }
  const host = await createHostServer({ dispatch: desktop.dispatch, onEvent: desktop.onEvent, rendererDir: opts.rendererDir, port: opts.port, log: opts.log });
  lock.setUrl(host.url);
  return {
    url: host.url,
    desktop,
    async close() {
      await host.close();
      await desktop.close();
      lock.release();
    },
  };
}
