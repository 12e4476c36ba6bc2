/**
 * The Host header check against DNS rebinding: a page on evil.example whose name is re-pointed
 * at this server's address is same-origin with it as far as the browser knows, but its requests
 * still say `Host: evil.example`. So only names this server answers to are served: IP literals
 * (a rebinding page cannot have one as its origin), `localhost`, the name it listens on and the
 * configured public host names. The browser host (src/main/host/server.ts) does the same for its
 * single loopback origin.
 *
 * A request without a Host header is let through: HTTP/1.1 requires one (Node answers 400
 * without it), browsers always send one, so its absence cannot come from a rebound page; some
 * HTTP/1.0 health checkers send none.
 */
import { isIPv4, isIPv6 } from 'node:net';

/** A host name as DNS compares it: lower case, one trailing dot dropped. */
const normalise = (name: string) => name.toLowerCase().replace(/\.$/, '');

/**
 * The name part of a Host header (`name`, `name:port`, `[v6]`, `[v6]:port`), lower case, or null
 * when the header is malformed (empty, userinfo, path, spaces, a port that is not a port).
 */
export function hostName(header: string): string | null {
  const m = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(header);
  if (!m) return null;
  if (m[2] !== undefined && Number(m[2]) > 65535) return null;
  const name = m[1]!;
  if (name.startsWith('[')) return isIPv6(name.slice(1, -1)) ? name.toLowerCase() : null;
  return normalise(name);
}

const isIpLiteral = (name: string) => isIPv4(name) || (name.startsWith('[') && isIPv6(name.slice(1, -1)));

/**
 * Builds the check from the names this server answers to: the listen host when it is a name,
 * and the public host names (e.g. `desk.example.com`, as clients type it in the server URL).
 */
export function createHostCheck(names: { listenHost?: string; publicHosts?: readonly string[] }): (header: string | undefined) => boolean {
  const allowed = new Set<string>(['localhost']);
  for (const n of [names.listenHost ?? '', ...(names.publicHosts ?? [])]) {
    const name = hostName(n.trim());
    if (name && !isIpLiteral(name)) allowed.add(name);
  }
  return (header) => {
    if (header === undefined) return true;
    const name = hostName(header);
    return name !== null && (isIpLiteral(name) || allowed.has(name));
  };
}
