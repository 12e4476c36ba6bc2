/**
 * Customer identity: the company's site signs a short-lived JWT for its signed-in customer and
 * hands it to the chat page; the desk verifies it here (jose) against the configured HS256
 * secret, public key or JWKS, and in demo mode also against the demo signer's key. Without a
 * valid token the customer is an unverified visitor. Tokens are never logged.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { DeskError } from '../errors';
import type { DemoSigner } from './demo-signer';

export const DEFAULT_IDENTITY_AUDIENCE = 'agent-desk';
/** An identity token may live at most this long (exp − iat): it is handed over once, at the start. */
export const MAX_IDENTITY_TOKEN_LIFETIME_SEC = 60 * 60;
const CLOCK_TOLERANCE_SEC = 30;
const MIN_SECRET_BYTES = 32;

export interface IdentityOptions {
  /** HS256 shared secret (at least 32 bytes). */
  secret?: string;
  /** A PEM public key (RSA, EC P-256/384/521 or Ed25519) the company's site signs with. */
  publicKeyPem?: string;
  /** The company's JWKS endpoint. */
  jwksUrl?: string;
  /** `aud` the tokens must carry (default `agent-desk`). */
  audience?: string;
  /** `iss` the tokens must carry, when set. */
  issuer?: string;
}

/** What a valid identity token says about the customer. */
export interface VerifiedIdentity {
  customerId: string;
  name: string;
  email: string;
  /** Optional region id for a customer the desk has not seen before. */
  regionId: string | null;
  /** `company` for the configured key, `demo` for the demo signer. */
  signer: 'company' | 'demo';
}

export interface IdentityVerifier {
  /** True when a company key is configured (the demo signer alone does not count). */
  readonly verification: boolean;
  readonly demoSigner: DemoSigner | null;
  /** The `aud` every identity token must carry. */
  readonly audience: string;
  verify(token: string): Promise<VerifiedIdentity>;
}

type Key = { key: Uint8Array | KeyObject | JWTVerifyGetKey; algorithms: string[] };

function algorithmsFor(key: KeyObject): string[] {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
    case 'rsa-pss':
      return ['PS256', 'PS384', 'PS512'];
    case 'ec':
      return ['ES256', 'ES384', 'ES512'];
    case 'ed25519':
      return ['EdDSA', 'Ed25519'];
    default:
      throw new Error(`identity public key: unsupported key type ${key.asymmetricKeyType ?? 'unknown'} (use RSA, EC or Ed25519)`);
  }
}

/** Builds the company key from the options; throws a clear error for a bad configuration. */
function companyKey(opts: IdentityOptions): Key | null {
  const given = [opts.secret, opts.publicKeyPem, opts.jwksUrl].filter((v) => v !== undefined && v !== '');
  if (given.length > 1) throw new Error('identity: configure one of --identity-secret, --identity-public-key or --identity-jwks-url, not several');
  if (opts.secret) {
    const bytes = new TextEncoder().encode(opts.secret);
    if (bytes.length < MIN_SECRET_BYTES) throw new Error(`identity: the HS256 secret must be at least ${MIN_SECRET_BYTES} bytes`);
    return { key: bytes, algorithms: ['HS256'] };
  }
  if (opts.publicKeyPem) {
    let key: KeyObject;
    try {
      key = createPublicKey(opts.publicKeyPem);
    } catch (err) {
      throw new Error(`identity: the public key is not a PEM public key (${(err as Error).message})`);
    }
    return { key, algorithms: algorithmsFor(key) };
  }
  if (opts.jwksUrl) {
    const url = new URL(opts.jwksUrl);
    if (url.protocol !== 'https:' && !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))
      throw new Error('identity: the JWKS URL must be https (or on this machine)');
    return { key: createRemoteJWKSet(url, { timeoutDuration: 5000, cooldownDuration: 30_000 }), algorithms: ['RS256', 'PS256', 'ES256', 'ES384', 'EdDSA', 'Ed25519'] };
  }
  return null;
}

const CUSTOMER_ID = /^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,63}$/;
const EMAIL = /^[^\s@]{1,100}@[^\s@]{1,100}$/;

/** Claims beyond the signature: who, how long, and that it is short-lived. */
function identityOf(payload: JWTPayload, signer: VerifiedIdentity['signer']): VerifiedIdentity {
  const { sub, name, email, exp, iat } = payload as JWTPayload & { name?: unknown; email?: unknown; region?: unknown };
  if (typeof sub !== 'string' || !CUSTOMER_ID.test(sub)) throw refused('invalid', 'sub is not a customer id');
  if (typeof name !== 'string' || name.trim() === '' || name.length > 120) throw refused('invalid', 'name missing or too long');
  if (typeof email !== 'string' || !EMAIL.test(email)) throw refused('invalid', 'email missing or malformed');
  if (typeof exp !== 'number' || typeof iat !== 'number') throw refused('invalid', 'exp and iat are required');
  if (exp - iat > MAX_IDENTITY_TOKEN_LIFETIME_SEC) throw refused('invalid', 'lifetime longer than an hour');
  const region = (payload as { region?: unknown }).region;
  return { customerId: sub, name: name.trim(), email: email.trim(), regionId: typeof region === 'string' && region.length <= 40 ? region : null, signer };
}

class IdentityRefused extends DeskError {
  constructor(
    readonly reason: 'expired' | 'invalid' | 'not_configured',
    readonly detail: string,
  ) {
    super(
      'unauthorized',
      reason === 'expired'
        ? 'Your sign-in has expired. Open the chat again from the help page, or continue as a visitor.'
        : reason === 'not_configured'
          ? 'This desk does not accept sign-ins; continue as a visitor.'
          : 'Your sign-in could not be verified. Open the chat again from the help page, or continue as a visitor.',
    );
  }
}
const refused = (reason: IdentityRefused['reason'], detail: string) => new IdentityRefused(reason, detail);
export const isIdentityRefused = (err: unknown): err is IdentityRefused => err instanceof IdentityRefused;

export function createIdentityVerifier(
  opts: IdentityOptions,
  demoSigner: DemoSigner | null,
  log: { info(obj: object, msg: string): void },
  /** The desk's clock: expiry is judged by it, as everything else is. */
  now: () => Date = () => new Date(),
): IdentityVerifier {
  const company = companyKey(opts);
  const audience = opts.audience || DEFAULT_IDENTITY_AUDIENCE;

  async function check(token: string, key: Key, issuer: string | undefined, signer: VerifiedIdentity['signer']): Promise<VerifiedIdentity> {
    try {
      const { payload } = await jwtVerify(token, key.key as Uint8Array, {
        audience,
        ...(issuer ? { issuer } : {}),
        algorithms: key.algorithms,
        clockTolerance: CLOCK_TOLERANCE_SEC,
        currentDate: now(),
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      return identityOf(payload, signer);
    } catch (err) {
      if (err instanceof IdentityRefused) throw err;
      if (err instanceof errors.JWTExpired) throw refused('expired', 'exp passed');
      if (err instanceof errors.JOSEError) throw refused('invalid', err.code);
      throw refused('invalid', (err as Error).message);
    }
  }

  return {
    verification: company !== null,
    demoSigner,
    audience,
    async verify(token) {
      try {
        // The unverified `iss` only picks which key to check against; the check is what counts.
        let iss: string | undefined;
        try {
          iss = decodeJwt(token).iss;
        } catch {
          throw refused('invalid', 'not a JWT');
        }
        if (demoSigner && iss === demoSigner.issuer) return await check(token, { key: demoSigner.key, algorithms: ['HS256'] }, demoSigner.issuer, 'demo');
        if (!company) throw refused('not_configured', 'no identity key configured');
        return await check(token, company, opts.issuer, 'company');
      } catch (err) {
        if (err instanceof IdentityRefused) log.info({ reason: err.reason, detail: err.detail }, 'identity token refused');
        throw err;
      }
    },
  };
}
