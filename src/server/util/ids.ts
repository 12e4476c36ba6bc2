import { uuidv7 } from 'uuidv7';
import { randomBytes, randomInt, createHash } from 'node:crypto';
import { makeReference } from '../../shared/reference';

/** Time-ordered ids for rows (UUIDv7). */
export const newId = (): string => uuidv7();

/** Opaque bearer tokens: 32 random bytes; only their SHA-256 is stored. */
export const newToken = (): string => randomBytes(32).toString('base64url');
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export const newReference = (): string => makeReference(() => randomInt(32));
