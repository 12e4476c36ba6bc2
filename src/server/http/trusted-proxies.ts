/**
 * Behind nginx or a load balancer every connection comes from the proxy, so rate limits and
 * socket caps keyed by address would count every agent and customer together. Proxies named
 * with --trust-proxy are believed: the client is the nearest address in X-Forwarded-For that is
 * not one of them (@fastify/proxy-addr, the rule Fastify itself applies to `req.ip`). Nothing
 * trusted: X-Forwarded-For is ignored, so a client cannot pick its own address.
 */
import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';

export type TrustFn = (address: string, hop: number) => boolean;

/** Why a --trust-proxy value is unusable, or null. */
export function trustedProxyProblem(value: string): string | null {
  try {
    proxyAddr.compile([value]);
    return null;
  } catch {
    return `--trust-proxy takes an address, a CIDR range (10.0.0.0/8) or loopback / linklocal / uniquelocal, not "${value}"`;
  }
}

/** The trust rule for Fastify's `trustProxy` (false when no proxy is trusted). */
export function compileTrust(proxies: readonly string[] | undefined): TrustFn | false {
  return proxies && proxies.length > 0 ? proxyAddr.compile([...proxies]) : false;
}

/** The client's address for a raw request (the WebSocket upgrade), by the same rule as `req.ip`. */
export function clientAddress(req: IncomingMessage, trust: TrustFn | false): string | undefined {
  return trust ? proxyAddr(req, trust) : req.socket.remoteAddress;
}
