/**
 * The demo world's stand-in for the company's site: it signs identity tokens for seeded
 * customers so the demo chat page keeps its one-click identity picker. It exists only when the
 * desk runs the demo world, with a key made at start and never stored; the desk logs that it is
 * on. Its tokens carry their own issuer, so they are checked against this key alone.
 */
import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';

export const DEMO_ISSUER = 'agent-desk-demo-signer';
const DEMO_TOKEN_LIFETIME_SEC = 10 * 60;

export interface DemoSigner {
  readonly issuer: string;
  readonly key: Uint8Array;
  sign(customer: { id: string; name: string; email: string; regionId: string }, audience: string, now: Date): Promise<{ identityToken: string; expiresAt: string }>;
}

export function createDemoSigner(): DemoSigner {
  const key = new Uint8Array(randomBytes(32));
  return {
    issuer: DEMO_ISSUER,
    key,
    async sign(customer, audience, now) {
      const iat = Math.floor(now.getTime() / 1000);
      const exp = iat + DEMO_TOKEN_LIFETIME_SEC;
      const identityToken = await new SignJWT({ name: customer.name, email: customer.email, region: customer.regionId })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(customer.id)
        .setIssuer(DEMO_ISSUER)
        .setAudience(audience)
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(key);
      return { identityToken, expiresAt: new Date(exp * 1000).toISOString() };
    },
  };
}
