import { randomInt, timingSafeEqual } from 'node:crypto';
import { sha256 } from '../../security/tokens.js';

/** Six digits, leading zeros kept, from a cryptographic random source. */
export const newSignInCode = (): string => randomInt(0, 1_000_000).toString().padStart(6, '0');

/**
 * What is stored for an emailed code: bound to its challenge token (held only by the browser), so a
 * copy of the table does not give the code away by trying the million possibilities.
 */
export const signInCodeHash = (challengeToken: string, code: string): string =>
  sha256(`${challengeToken}:${code.replace(/[\s-]/g, '')}`);

export function signInCodeMatches(storedHash: string | null, challengeToken: string, code: string): boolean {
  if (!storedHash) return false;
  const given = Buffer.from(signInCodeHash(challengeToken, code));
  const stored = Buffer.from(storedHash);
  return given.length === stored.length && timingSafeEqual(given, stored);
}
