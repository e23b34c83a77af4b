import { describe, expect, it } from 'vitest';
import { newToken } from '../../security/tokens.js';
import { newSignInCode, signInCodeHash, signInCodeMatches } from './sign-in-code.js';

describe('sign-in codes', () => {
  it('are six digits, leading zeros kept, and vary', () => {
    const codes = Array.from({ length: 200 }, newSignInCode);
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
    expect(new Set(codes).size).toBeGreaterThan(190);
  });

  it('match only with their own challenge token', () => {
    const token = newToken();
    const stored = signInCodeHash(token, '012345');
    expect(stored).not.toContain('012345');
    expect(signInCodeMatches(stored, token, '012345')).toBe(true);
    expect(signInCodeMatches(stored, token, ' 012 345 ')).toBe(true);
    expect(signInCodeMatches(stored, token, '012346')).toBe(false);
    expect(signInCodeMatches(stored, newToken(), '012345')).toBe(false);
    expect(signInCodeMatches(null, token, '012345')).toBe(false);
  });
});
