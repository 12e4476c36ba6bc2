/**
 * The `app://agent-desk/...` scheme the renderer is served from (never `file://`, which would
 * give the page the whole disk as its origin). A request URL maps to one file inside the
 * renderer build folder or to nothing: every path segment must be a plain name, so `..`, `.`,
 * their percent-encodings, encoded slashes and backslashes, NUL and other control characters,
 * drive letters and hidden files are all refused before the file system is asked.
 *
 * Pure apart from `handleAppRequest`, which reads the file (node:fs only, no Electron), so the
 * whole scheme is tested under Node.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { APP_ORIGIN, isAppUrl } from './trusted-url';

/**
 * The renderer's Content-Security-Policy, sent as a header on every response (the renderer's
 * index.html repeats it in a meta tag). No inline script or style, no eval, no remote anything:
 * the renderer talks to main only through the preload bridge, so it needs no network.
 */
export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** File types of the renderer build (shared with the browser host's static server). */
export const CONTENT_TYPES: Readonly<Record<string, string | undefined>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
};

/** The Content-Type for a file name; unknown extensions are served as opaque bytes. */
export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers on every app:// response. */
export function appResponseHeaders(file: string): Record<string, string> {
  return {
    'Content-Type': contentTypeFor(file),
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
}

export const MAX_APP_URL_LENGTH = 4096;
const APP_PREFIX = /^app:\/\/agent-desk(?=[/?#]|$)/i;
/**
 * A decoded segment may not hold separators, NUL/control characters, `:` (drive letters, NTFS
 * streams) or a `%` that survived decoding (double encoding, aimed at a second decoder).
 */
const BAD_SEGMENT_CHAR = /[/\\:%\p{Cc}]/u;
/** Windows device names are special in every folder (`con.js` opens the console). */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/**
 * The absolute file under `rootDir` that `requestUrl` names, or null when the URL is not ours or
 * tries to leave the folder. `/` (and no path) is `index.html`. The path is read from the raw
 * URL, segment by segment, not from the parser's normalised pathname: a parser that resolves
 * `%2e%2e` for us would hide the attempt instead of refusing it.
 */
export function resolveAppPath(rootDir: string, requestUrl: string, pathImpl: path.PlatformPath = path): string | null {
  if (typeof requestUrl !== 'string' || requestUrl.length > MAX_APP_URL_LENGTH) return null;
  if (!isAppUrl(requestUrl)) return null;
  const prefix = APP_PREFIX.exec(requestUrl);
  if (!prefix) return null;
  const rest = requestUrl.slice(prefix[0].length);
  const rawPath = rest.split(/[?#]/, 1)[0] ?? '';
  if (rawPath === '' || rawPath === '/') return pathImpl.join(rootDir, 'index.html');

  const rawSegments = rawPath.slice(1).split('/');
  const segments: string[] = [];
  for (const raw of rawSegments) {
    let seg: string;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      return null; // malformed percent-encoding (`%zz`, overlong UTF-8 like `%c0%ae`)
    }
    if (seg === '' || seg.startsWith('.') || seg.endsWith('.') || seg.endsWith(' ')) return null;
    if (BAD_SEGMENT_CHAR.test(seg) || WINDOWS_DEVICE.test(seg)) return null;
    segments.push(seg);
  }

  const root = pathImpl.resolve(rootDir);
  const file = pathImpl.resolve(root, ...segments);
  const rel = pathImpl.relative(root, file);
  if (rel === '' || rel.startsWith('..') || pathImpl.isAbsolute(rel)) return null;
  return file;
}

/**
 * Serves one app:// request from `rootDir` (GET and HEAD only). Unknown files are 404 with no
 * detail; nothing about the disk reaches the page.
 */
export async function handleAppRequest(rootDir: string, request: { url: string; method: string }): Promise<Response> {
  const plain = (status: number, text: string) =>
    new Response(text, { status, headers: { ...appResponseHeaders('x.txt'), 'Content-Type': 'text/plain; charset=utf-8' } });
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
  const file = resolveAppPath(rootDir, request.url);
  if (!file) return plain(404, 'Not found');
  try {
    const body = await readFile(file);
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: appResponseHeaders(file) });
  } catch {
    return plain(404, 'Not found');
  }
}

/** The URL the main window loads. */
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;
