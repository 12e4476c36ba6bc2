/**
 * What the renderer may save to disk: only images it holds itself, as `blob:` URLs of our own
 * page (the image viewer's Download). Anything else (a remote URL, a data: URL, a blob: of
 * another origin) is cancelled before a file is written. Electron then shows its Save dialog
 * with the name the page gave (already cleaned by the renderer; cleaned again here).
 */
import { APP_ORIGIN } from './trusted-url';

const OWN_BLOB = new RegExp(`^blob:${APP_ORIGIN.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`);

export function isAllowedDownload(url: unknown): boolean {
  return typeof url === 'string' && url.length < 200 && OWN_BLOB.test(url);
}

/** A file name for the Save dialog: no path, no control or reserved characters, an image extension. */
export function safeDownloadName(name: unknown): string {
  const base =
    String(typeof name === 'string' ? name : '')
      .split(/[/\\]/)
      .pop()!
      .replace(/[\p{Cc}\p{Cf}<>:"|?*]/gu, '')
      .replace(/^[\s.]+|[\s.]+$/g, '')
      .slice(0, 100) || 'image';
  return /\.(png|jpe?g|webp)$/i.test(base) ? base : `${base}.png`;
}
