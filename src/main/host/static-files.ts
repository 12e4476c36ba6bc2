/**
 * Serving the built renderer from one folder: a request path maps to a file inside that folder
 * or to nothing. Encoded dots and slashes, backslashes, NUL bytes and symlinks that point out of
 * the folder are all refused.
 */
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { CONTENT_TYPES } from '../security/app-protocol';

/** The same file types the app:// scheme serves; anything else is not served here. */
export { CONTENT_TYPES };

export type Resolved = { kind: 'file'; file: string; contentType: string } | { kind: 'bad_request' } | { kind: 'not_found' };

/**
 * Maps the raw request target (`/assets/app.js?v=1`) to a file under `root` (an absolute, real
 * path). Only paths made of plain segments are served; anything that needs `..` is refused
 * before the file system is asked.
 */
export async function resolveStatic(root: string, rawTarget: string): Promise<Resolved> {
  const rawPath = rawTarget.split(/[?#]/, 1)[0] ?? '';
  if (!rawPath.startsWith('/')) return { kind: 'bad_request' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { kind: 'bad_request' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { kind: 'bad_request' };
  const segments = decoded.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '.' || s === '..' || s.startsWith('.'))) return { kind: 'bad_request' };
  const relative = segments.length === 0 ? 'index.html' : segments.join('/');
  const candidate = path.resolve(root, relative);
  if (!isInside(root, candidate)) return { kind: 'bad_request' };
  const contentType = CONTENT_TYPES[path.extname(candidate).toLowerCase()];
  if (!contentType) return { kind: 'not_found' };
  try {
    const real = await realpath(candidate);
    if (!isInside(root, real)) return { kind: 'not_found' };
    const st = await stat(real);
    if (!st.isFile()) return { kind: 'not_found' };
    return { kind: 'file', file: real, contentType };
  } catch {
    return { kind: 'not_found' };
  }
}

function isInside(root: string, candidate: string): boolean {
  return candidate.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}
