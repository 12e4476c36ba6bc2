import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP, contentTypeFor, handleAppRequest, resolveAppPath } from './app-protocol';

const ROOT = path.resolve('/srv/agent-desk/out/renderer');

describe('resolveAppPath', () => {
  const allowed: [string, string][] = [
    ['app://agent-desk/', 'index.html'],
    ['app://agent-desk', 'index.html'],
    ['app://agent-desk/?x=1', 'index.html'],
    ['app://agent-desk/#/queue', 'index.html'],
    ['app://agent-desk/index.html', 'index.html'],
    ['app://agent-desk/assets/app-3f2a.js', 'assets/app-3f2a.js'],
    ['app://agent-desk/assets/app.js?v=2#frag', 'assets/app.js'],
    ['app://agent-desk/assets/Inter%20Var.woff2', 'assets/Inter Var.woff2'],
    ['app://agent-desk/assets/%C3%A9t%C3%A9.png', 'assets/été.png'],
    ['APP://AGENT-DESK/index.html', 'index.html'],
  ];
  it.each(allowed)('maps %s into the root', (url, rel) => {
    expect(resolveAppPath(ROOT, url)).toBe(path.join(ROOT, rel));
  });

  const refused: [string, string][] = [
    ['dot-dot', 'app://agent-desk/../secret'],
    ['dot-dot deeper', 'app://agent-desk/assets/../../../etc/passwd'],
    ['dot-dot that stays inside (still refused)', 'app://agent-desk/assets/../index.html'],
    ['single dot', 'app://agent-desk/./index.html'],
    ['encoded dot-dot', 'app://agent-desk/%2e%2e/%2e%2e/etc/passwd'],
    ['upper-case encoded dot-dot', 'app://agent-desk/%2E%2E/etc/passwd'],
    ['half-encoded dot-dot', 'app://agent-desk/.%2e/etc/passwd'],
    ['double-encoded dot-dot', 'app://agent-desk/%252e%252e/etc/passwd'],
    ['overlong UTF-8 dot', 'app://agent-desk/%c0%ae%c0%ae/etc/passwd'],
    ['encoded slash', 'app://agent-desk/..%2f..%2fetc%2fpasswd'],
    ['encoded slash inside a name', 'app://agent-desk/assets%2fapp.js'],
    ['encoded backslash', 'app://agent-desk/..%5c..%5cwindows%5cwin.ini'],
    ['raw backslash', 'app://agent-desk/..\\..\\windows\\win.ini'],
    ['absolute path via empty segment', 'app://agent-desk//etc/passwd'],
    ['encoded absolute path', 'app://agent-desk/%2fetc%2fpasswd'],
    ['drive letter', 'app://agent-desk/C:/Windows/win.ini'],
    ['encoded drive letter', 'app://agent-desk/C%3a%5cWindows%5cwin.ini'],
    ['NTFS alternate stream', 'app://agent-desk/index.html::$DATA'],
    ['UNC path', 'app://agent-desk/%5c%5cevil.com%5cshare'],
    ['NUL byte encoded', 'app://agent-desk/index.html%00.png'],
    ['NUL byte raw', 'app://agent-desk/index.html\0.png'],
    ['control character', 'app://agent-desk/a%0ab'],
    ['hidden file', 'app://agent-desk/.env'],
    ['hidden folder', 'app://agent-desk/.git/config'],
    ['trailing dot (Windows strips it)', 'app://agent-desk/index.html.'],
    ['trailing space (encoded)', 'app://agent-desk/index.html%20'],
    ['Windows device name', 'app://agent-desk/con'],
    ['Windows device name with extension', 'app://agent-desk/assets/nul.js'],
    ['empty interior segment', 'app://agent-desk/assets//app.js'],
    ['trailing slash (directory)', 'app://agent-desk/assets/'],
    ['malformed percent-encoding', 'app://agent-desk/%zz'],
    ['lone surrogate', 'app://agent-desk/%ed%a0%80'],
    ['other host', 'app://evil/index.html'],
    ['host that starts with ours', 'app://agent-desk.evil/index.html'],
    ['credentials', 'app://u:p@agent-desk/index.html'],
    ['port', 'app://agent-desk:1234/index.html'],
    ['traversal in the host', 'app://../etc/passwd'],
    ['no host', 'app:///etc/passwd'],
    ['opaque form', 'app:index.html'],
    ['file scheme', 'file:///etc/passwd'],
    ['https scheme', 'https://agent-desk/index.html'],
    ['leading whitespace', ' app://agent-desk/index.html'],
    ['very long URL', `app://agent-desk/${'a/'.repeat(3000)}x.js`],
    ['garbage', 'not a url'],
    ['empty', ''],
  ];
  it.each(refused)('refuses %s', (_name, url) => {
    expect(resolveAppPath(ROOT, url)).toBeNull();
  });

  it('applies the same guard with Windows paths', () => {
    const winRoot = 'C:\\Program Files\\Agent Desk\\resources\\app.asar\\out\\renderer';
    expect(resolveAppPath(winRoot, 'app://agent-desk/assets/app.js', path.win32)).toBe(`${winRoot}\\assets\\app.js`);
    for (const url of [
      'app://agent-desk/..%5c..%5cwin.ini',
      'app://agent-desk/C%3a%5cWindows%5cwin.ini',
      'app://agent-desk/C:/Windows/win.ini',
      'app://agent-desk/%5c%5c?%5cC:%5cwin.ini',
      'app://agent-desk/aux.txt',
    ]) {
      expect(resolveAppPath(winRoot, url, path.win32), url).toBeNull();
    }
  });
});

describe('contentTypeFor and CSP', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/app.JS', 'text/javascript; charset=utf-8'],
    ['assets/app.css', 'text/css; charset=utf-8'],
    ['assets/logo.svg', 'image/svg+xml'],
    ['assets/font.woff2', 'font/woff2'],
    ['assets/unknown.bin', 'application/octet-stream'],
    ['Makefile', 'application/octet-stream'],
  ])('%s is %s', (file, type) => {
    expect(contentTypeFor(file)).toBe(type);
  });

  it('is strict: nothing inline, nothing remote, no eval', () => {
    expect(CSP).toContain("default-src 'none'");
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).toContain("frame-ancestors 'none'");
    expect(CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });
});

describe('handleAppRequest', () => {
  let root: string;
  let outside: string;
  beforeAll(() => {
    const base = mkdtempSync(path.join(os.tmpdir(), 'agent-desk-app-'));
    root = path.join(base, 'renderer');
    outside = path.join(base, 'secret.txt');
    mkdirSync(path.join(root, 'assets'), { recursive: true });
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Agent Desk</title>');
    writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(outside, 'token');
  });
  afterAll(() => rmSync(path.dirname(root), { recursive: true, force: true }));

  it('serves index.html with the CSP and nosniff', async () => {
    const res = await handleAppRequest(root, { url: 'app://agent-desk/', method: 'GET' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('Agent Desk');
  });

  it('serves assets and answers HEAD without a body', async () => {
    const res = await handleAppRequest(root, { url: 'app://agent-desk/assets/app.js', method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await res.text()).toBe('');
  });

  it('404s missing files, directories and traversal, 405s other methods', async () => {
    for (const url of ['app://agent-desk/missing.js', 'app://agent-desk/assets', 'app://agent-desk/..%2fsecret.txt', 'app://agent-desk/%2e%2e/secret.txt']) {
      const res = await handleAppRequest(root, { url, method: 'GET' });
      expect(res.status, url).toBe(404);
      expect(await res.text()).not.toContain('token');
    }
    expect((await handleAppRequest(root, { url: 'app://agent-desk/', method: 'POST' })).status).toBe(405);
  });
});

describe('the renderer page', () => {
  it('carries the same CSP in a meta tag as the header (minus frame-ancestors, header-only)', async () => {
    const { readFileSync } = await import('node:fs');
    const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(CSP.split('; ').filter((d) => !d.startsWith('frame-ancestors')).join('; '));
  });
});
