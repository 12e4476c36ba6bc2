// Runs under Node with fake web contents and sessions; `electron` is imported for types only.
import { EventEmitter } from 'node:events';
import type { App, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { hardenWebContents, installHardening, openExternalSafely } from './hardening';

type Handler = (...args: unknown[]) => unknown;

function fakeSession() {
  const handlers: Record<string, Handler> = {};
  const events = new EventEmitter();
  return {
    handlers,
    on: (name: string, h: Handler) => void events.on(name, h),
    /** Emits will-download; returns whether it was cancelled and the Save dialog options set. */
    download(url: string, filename: string) {
      const e = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
      let options: unknown = null;
      events.emit('will-download', e, { getURL: () => url, getFilename: () => filename, setSaveDialogOptions: (o: unknown) => void (options = o) }, {});
      return { cancelled: e.defaultPrevented, options };
    },
    setPermissionRequestHandler: (h: Handler) => void (handlers.request = h),
    setPermissionCheckHandler: (h: Handler) => void (handlers.check = h),
    setDevicePermissionHandler: (h: Handler) => void (handlers.device = h),
  };
}

function fakeContents(session = fakeSession()) {
  const emitter = new EventEmitter();
  let openHandler: Handler | null = null;
  const contents = Object.assign(emitter, {
    session,
    getURL: () => 'app://agent-desk/index.html',
    setWindowOpenHandler: (h: Handler) => void (openHandler = h),
  });
  const event = (extra: object = {}) => ({ defaultPrevented: false, preventDefault() { this.defaultPrevented = true; }, ...extra });
  return {
    contents: contents as unknown as WebContents,
    session,
    navigate(url: string) {
      const e = event({ url });
      emitter.emit('will-navigate', e, url);
      return e.defaultPrevented;
    },
    frameNavigate(url: string) {
      const e = event({ url, isMainFrame: false });
      emitter.emit('will-frame-navigate', e);
      return e.defaultPrevented;
    },
    redirect(url: string) {
      const e = event({ url });
      emitter.emit('will-redirect', e, url);
      return e.defaultPrevented;
    },
    attachWebview() {
      const e = event();
      emitter.emit('will-attach-webview', e, {}, {});
      return e.defaultPrevented;
    },
    windowOpen: (url: string) => openHandler!({ url, frameName: '', features: '', disposition: 'new-window', referrer: {}, postBody: undefined }),
  };
}

function setup() {
  const openExternal = vi.fn(async (_url: string) => undefined);
  const log = { warn: vi.fn(), error: vi.fn() };
  const fake = fakeContents();
  hardenWebContents(fake.contents, { openExternal, log });
  return { ...fake, openExternal, log };
}

describe('hardening', () => {
  it('allows navigation inside the app', () => {
    const f = setup();
    expect(f.navigate('app://agent-desk/index.html#/queue')).toBe(false);
    expect(f.redirect('app://agent-desk/index.html')).toBe(false);
  });

  it.each(['https://evil.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'http://localhost:5173/', 'app://evil/', 'about:blank', 'data:text/html,hi'])(
    'cancels navigation to %s and opens nothing',
    (url) => {
      const f = setup();
      expect(f.navigate(url)).toBe(true);
      expect(f.frameNavigate(url)).toBe(true);
      expect(f.redirect(url)).toBe(true);
      expect(f.openExternal).not.toHaveBeenCalled();
    },
  );

  it('cancels navigation to the help centre but opens it in the browser', () => {
    const f = setup();
    expect(f.navigate('https://help.agentdesk.test/articles/1')).toBe(true);
    expect(f.openExternal).toHaveBeenCalledWith('https://help.agentdesk.test/articles/1');
  });

  it('never opens a window; trusted links go to the browser, normalised', () => {
    const f = setup();
    expect(f.windowOpen('HTTPS://HELP.AGENTDESK.TEST/a')).toEqual({ action: 'deny' });
    expect(f.openExternal).toHaveBeenCalledWith('https://help.agentdesk.test/a');
    for (const url of ['https://help.agentdesk.test@evil.com/', 'file:///C:/Windows/calc.exe', 'app://agent-desk/index.html', 'about:blank']) {
      expect(f.windowOpen(url)).toEqual({ action: 'deny' });
    }
    expect(f.openExternal).toHaveBeenCalledTimes(1);
  });

  it('refuses <webview>', () => {
    expect(setup().attachWebview()).toBe(true);
  });

  it('answers permission requests and checks from the table', () => {
    const f = setup();
    const request = (permission: string, details: object) =>
      new Promise<boolean>((resolve) => f.session.handlers.request!(f.contents, permission, resolve, details));
    return Promise.all([
      expect(request('notifications', { isMainFrame: true, requestingUrl: 'app://agent-desk/index.html' })).resolves.toBe(true),
      expect(request('media', { isMainFrame: true, requestingUrl: 'app://agent-desk/index.html' })).resolves.toBe(false),
      expect(request('notifications', { isMainFrame: false, requestingUrl: 'app://agent-desk/index.html' })).resolves.toBe(false),
      expect(request('notifications', { isMainFrame: true, requestingUrl: 'https://evil.com/' })).resolves.toBe(false),
    ]).then(() => {
      expect(f.session.handlers.check!(f.contents, 'clipboard-sanitized-write', 'app://agent-desk', { isMainFrame: true })).toBe(true);
      expect(f.session.handlers.check!(f.contents, 'clipboard-read', 'app://agent-desk', { isMainFrame: true })).toBe(false);
      expect(f.session.handlers.device!({})).toBe(false);
    });
  });

  it('lets the page save its own blob: images through the Save dialog, and nothing else', () => {
    const f = setup();
    const own = f.session.download('blob:app://agent-desk/0b6f3c7e-2d7a-4f51-9a0e-7f1c2b3d4e5f', '../IMG_2041.png');
    expect(own.cancelled).toBe(false);
    expect(own.options).toMatchObject({ defaultPath: 'IMG_2041.png' });
    for (const url of ['https://evil.com/payload.exe', 'data:image/png;base64,AAAA', 'blob:https://evil.com/0b6f3c7e-2d7a-4f51-9a0e-7f1c2b3d4e5f']) {
      expect(f.session.download(url, 'x.png')).toEqual({ cancelled: true, options: null });
    }
    expect(f.log.warn).toHaveBeenCalledTimes(3);
  });

  it('a failing OS open is logged, not thrown', async () => {
    const log = { warn: vi.fn(), error: vi.fn() };
    expect(openExternalSafely('mailto:a@agentdesk.test', () => Promise.reject(new Error('no mail client')), log)).toBe(true);
    await new Promise((r) => setTimeout(r, 0));
    expect(log.error).toHaveBeenCalled();
  });

  it('installs through one web-contents-created hook', () => {
    const app = new EventEmitter();
    installHardening({ app: app as unknown as Pick<App, 'on'>, openExternal: vi.fn(), log: { warn: vi.fn(), error: vi.fn() } });
    const f = fakeContents();
    app.emit('web-contents-created', {}, f.contents);
    expect(f.navigate('https://evil.com/')).toBe(true);
    expect(f.session.handlers.request).toBeTypeOf('function');
  });
});
