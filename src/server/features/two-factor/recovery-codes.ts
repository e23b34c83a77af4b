import { randomInt } from 'node:crypto';
import { RECOVERY_CODE_COUNT } from '../../../shared/contracts/two-factor.js';
import { sha256 } from '../../security/tokens.js';

/** Lower-case letters and digits without the look-alikes 0/o, 1/i/l: about 40 bits per code. */
const ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';
const HALF = 4;
const SHAPE = new RegExp(`^[${ALPHABET}]{${HALF * 2}}$`);

const randomPart = (): string =>
  Array.from({ length: HALF }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

/** `xxxx-xxxx`, from a cryptographic random source. */
export const newRecoveryCode = (): string => `${randomPart()}-${randomPart()}`;

export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const codes = new Set<string>();
  while (codes.size < count) codes.add(newRecoveryCode());
  return [...codes];
}

/** The form a typed code is stored in (case, spaces and the dash do not matter); undefined if it cannot be one. */
export function normaliseRecoveryCode(input: string): string | undefined {
  const cleaned = input.toLowerCase().replace(/[\s-]/g, '');
  return SHAPE.test(cleaned) ? cleaned : undefined;
}

/** Only this is stored. */
export const recoveryCodeHash = (normalised: string): string => sha256(`recovery:${normalised}`);
