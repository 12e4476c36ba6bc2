import { V7Generator } from 'uuidv7';
import { getRandomValues, randomBytes, randomInt, createHash } from 'node:crypto';
import { makeReference } from '../../shared/reference';

/**
 * The generator's random words, drawn from the CSPRNG 4 KiB at a time: the library's default
 * buffer holds 8 words, so it called into the CSPRNG for every id or two (about 3 µs of each
 * customer message at saturation). Ids are not secrets (tokens are, and use `randomBytes`).
 */
class PooledRandom {
  private readonly words = new Uint32Array(1024);
  private next = this.words.length;
  nextUint32(): number {
    if (this.next === this.words.length) {
      getRandomValues(this.words);
      this.next = 0;
    }
    return this.words[this.next++]!;
  }
}
const v7 = new V7Generator(new PooledRandom());

/** Time-ordered ids for rows (UUIDv7). */
export const newId = (): string => v7.generate().toString();

/** Opaque bearer tokens: 32 random bytes; only their SHA-256 is stored. */
export const newToken = (): string => randomBytes(32).toString('base64url');
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export const newReference = (): string => makeReference(() => randomInt(32));
