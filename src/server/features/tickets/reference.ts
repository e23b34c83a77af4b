import { randomInt } from 'node:crypto';

/** No 0/O, 1/I/L or U: a reference read over the phone is not misheard. */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const REFERENCE_PREFIX = 'CCR-';
const REFERENCE_LENGTH = 6;

export const REFERENCE_PATTERN = new RegExp(
  `^${REFERENCE_PREFIX}[${REFERENCE_ALPHABET}]{${REFERENCE_LENGTH}}$`,
);

/** A fresh human-friendly reference such as CCR-4K7Q2M (30^6 ≈ 729 million of them). */
export function newReference(): string {
  let code = '';
  for (let i = 0; i < REFERENCE_LENGTH; i++) code += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return REFERENCE_PREFIX + code;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How a path names a ticket: its id, or its reference in any letter case. */
export type TicketKey = { id: string } | { reference: string };

export function parseTicketKey(raw: string): TicketKey | undefined {
  if (UUID.test(raw)) return { id: raw.toLowerCase() };
  const reference = raw.toUpperCase();
  return REFERENCE_PATTERN.test(reference) ? { reference } : undefined;
}
