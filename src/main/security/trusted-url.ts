/**
 * Which URLs the desktop may hand to the operating system (`shell.openExternal`), and which URLs
 * are the app itself. Both decide on the parsed URL, never on string prefixes, and refuse any
 * input that different URL parsers could read differently (backslashes, whitespace, control
 * characters, raw non-ASCII): what we check must be exactly what the OS opens, so callers open
 * the normalised `href` that `trustedExternalUrl` returns.
 */

/** The custom scheme the renderer is served from (see app-protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'agent-desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The help centre the Help menu opens. */
export const HELP_CENTRE_URL = 'https://help.agentdesk.test/';

/**
 * Hosts an https link may point to. Exact names only: no wildcards, so a look-alike subdomain
 * (`help.agentdesk.test.evil.com`) or a sibling we do not control never matches.
 */
export const TRUSTED_EXTERNAL_HOSTS: ReadonlySet<string> = new Set(['help.agentdesk.test', 'status.agentdesk.test']);

/** Longer than any legitimate help link; long enough URLs make OS handlers misbehave. */
export const MAX_EXTERNAL_URL_LENGTH = 2048;

/** mailto parameters a mail client may receive; `attach`/`attachment` (local files) never. */
const MAILTO_PARAMS: ReadonlySet<string> = new Set(['subject', 'body', 'cc', 'bcc']);
const EMAIL = /^[A-Za-z0-9.!#$%&'*+=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/**
 * Printable ASCII without space or backslash. The WHATWG parser silently strips tabs, newlines
 * and leading/trailing controls (`java\tscript:` parses as `javascript:`) and turns `\` into `/`
 * for http(s); OS URL handlers may not. Non-ASCII is refused too: a real link arrives
 * percent-encoded, and a raw homograph (`hеlp` with a Cyrillic е) has no business here.
 */
const SAFE_RAW_URL = /^[\x21-\x5b\x5d-\x7e]+$/;

function parseStrict(raw: unknown, maxLength: number): URL | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > maxLength) return null;
  if (!SAFE_RAW_URL.test(raw)) return null;
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

function mailtoIsSafe(url: URL): boolean {
  if (url.username || url.password || url.host) return false;
  const addresses = url.pathname.split(',');
  if (addresses.length > 10) return false;
  for (const a of addresses) {
    let address: string;
    try {
      address = decodeURIComponent(a);
    } catch {
      return false;
    }
    if (!EMAIL.test(address)) return false;
  }
  for (const key of url.searchParams.keys()) {
    if (!MAILTO_PARAMS.has(key.toLowerCase())) return false;
  }
  return true;
}

/**
 * The normalised URL to give `shell.openExternal`, or null when it must not be opened. Allowed:
 * `https:` to an allowlisted host on the default port with no credentials, and `mailto:` to
 * plain addresses with subject/body/cc/bcc only.
 */
export function trustedExternalUrl(raw: unknown): string | null {
  const url = parseStrict(raw, MAX_EXTERNAL_URL_LENGTH);
  if (!url) return null;
  switch (url.protocol) {
    case 'https:':
      if (url.username || url.password || url.port) return null;
      if (!TRUSTED_EXTERNAL_HOSTS.has(url.hostname)) return null;
      return url.href;
    case 'mailto:':
      return mailtoIsSafe(url) ? url.href : null;
    default:
      return null;
  }
}

export function isTrustedExternalUrl(url: string): boolean {
  return trustedExternalUrl(url) !== null;
}

/**
 * True for `app://agent-desk/...` and nothing else: no credentials, no port, no other host.
 * Chromium canonicalises a registered standard scheme (lower-case host); Node's parser keeps the
 * host as written, so the host compares case-insensitively to read both alike.
 */
export function isAppUrl(raw: unknown): boolean {
  const url = parseStrict(raw, 8192);
  if (!url) return false;
  return url.protocol === `${APP_SCHEME}:` && url.hostname.toLowerCase() === APP_HOST && !url.port && !url.username && !url.password;
}
