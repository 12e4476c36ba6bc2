/**
 * One `web-contents-created` hook locks down every web contents Agent Desk ever creates:
 * - navigation anywhere but app://agent-desk is cancelled (a trusted link opens in the
 *   browser instead; anything else is only logged), in the main frame, in sub-frames and on
 *   redirects;
 * - `window.open` and `target=_blank` never create a window: trusted URLs go to the browser;
 * - `<webview>` is refused;
 * - web permissions are answered from the table in security/permissions.ts;
 * - downloads: only the page's own blob: images (the image viewer's Download), through the Save
 *   dialog (security/downloads.ts); anything else is cancelled and logged.
 * Electron objects are injected (only types are imported), so this is tested with fakes.
 */
import type { App, Session, WebContents } from 'electron';
import { isAllowedDownload, safeDownloadName } from '../security/downloads';
import { isPermissionGranted } from '../security/permissions';
import { isAppUrl, trustedExternalUrl } from '../security/trusted-url';

export interface HardeningLog {
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface HardeningDeps {
  app: Pick<App, 'on'>;
  /** `shell.openExternal`. */
  openExternal(url: string): Promise<void>;
  log: HardeningLog;
}

/** A URL for a log line: scheme, host and path, without query or fragment. */
function forLog(url: unknown): string {
  if (typeof url !== 'string') return '(none)';
  return url.split(/[?#]/, 1)[0]!.slice(0, 200);
}

/**
 * Opens `url` in the OS default handler only if the trusted-URL check passes, and then opens
 * the normalised URL the check approved (never the raw string). Returns whether it opened.
 */
export function openExternalSafely(url: unknown, openExternal: (url: string) => Promise<void>, log: HardeningLog): boolean {
  const approved = trustedExternalUrl(url);
  if (!approved) {
    log.warn({ url: forLog(url) }, 'hardening: refused to open an untrusted link');
    return false;
  }
  openExternal(approved).catch((err: unknown) => log.error({ err, url: forLog(approved) }, 'hardening: the OS could not open the link'));
  return true;
}

/** Installs the permission handlers on a session once (sessions are shared between contents). */
const hardenedSessions = new WeakSet<object>();
export function hardenSession(ses: Session, log: HardeningLog): void {
  if (hardenedSessions.has(ses)) return;
  hardenedSessions.add(ses);
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(isPermissionGranted({ permission, requestingUrl: details.requestingUrl || contents.getURL(), isMainFrame: details.isMainFrame }));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionGranted({ permission, requestingUrl: details.requestingUrl ?? requestingOrigin, isMainFrame: details.isMainFrame }),
  );
  // HID, serial, USB and Bluetooth devices: never.
  ses.setDevicePermissionHandler(() => false);
  ses.on('will-download', (event, item) => {
    const url = item.getURL();
    if (!isAllowedDownload(url)) {
      event.preventDefault();
      log.warn({ url: forLog(url) }, 'hardening: refused a download');
      return;
    }
    item.setSaveDialogOptions({ title: 'Save image', defaultPath: safeDownloadName(item.getFilename()), filters: [{ name: 'Images', extensions: ['png', 'jpg', 'jpeg', 'webp'] }] });
  });
}

/** Locks down one web contents (exported for tests; `installHardening` calls it for every one). */
export function hardenWebContents(contents: WebContents, deps: Omit<HardeningDeps, 'app'>): void {
  const { log } = deps;

  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return; // in-app: reload, another page of ours
    event.preventDefault();
    // A plain link to the help centre clicked in the page: the browser, not this window.
    if (trustedExternalUrl(url)) openExternalSafely(url, deps.openExternal, log);
    else log.warn({ url: forLog(url) }, 'hardening: blocked navigation');
  });

  // Sub-frames (our CSP allows none) and redirects of an allowed navigation.
  contents.on('will-frame-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    log.warn({ url: forLog(event.url), isMainFrame: event.isMainFrame }, 'hardening: blocked frame navigation');
  });
  contents.on('will-redirect', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    log.warn({ url: forLog(url) }, 'hardening: blocked redirect');
  });

  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url, deps.openExternal, log);
    return { action: 'deny' };
  });

  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn({}, 'hardening: refused a <webview>');
  });

  hardenSession(contents.session, log);
}

/** The one hook. Install before the first window is created (at start, before `ready`). */
export function installHardening(deps: HardeningDeps): void {
  deps.app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, deps));
}
