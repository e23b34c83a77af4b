import { generate, generateSecret } from 'otplib';
import { describe, expect, it } from 'vitest';
import {
  newRecoveryCode,
  newRecoveryCodes,
  normaliseRecoveryCode,
  recoveryCodeHash,
} from './recovery-codes.js';
import { totpStep } from './totp.js';

describe('recovery codes', () => {
  it('look like xxxx-xxxx without look-alike characters, and ten are all different', () => {
    for (let i = 0; i < 200; i++)
      expect(newRecoveryCode()).toMatch(/^[2-9a-hjkmnp-z]{4}-[2-9a-hjkmnp-z]{4}$/);
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
  });

  it.each([
    ['abcd-efgh', 'abcdefgh'],
    [' ABCD EFGH ', 'abcdefgh'],
    ['abcdefgh', 'abcdefgh'],
    ['ab-cd-ef-gh', 'abcdefgh'],
  ])('reads %j as %j', (typed, stored) => {
    expect(normaliseRecoveryCode(typed)).toBe(stored);
  });

  it.each(['', 'abcd-efg', 'abcd-efghj', 'abcd-efg1', 'abcd-efgo', '123456'])('refuses %j', (typed) => {
    expect(normaliseRecoveryCode(typed)).toBeUndefined();
  });

  it('are stored as a hash that does not contain them', () => {
    expect(recoveryCodeHash('abcdefgh')).toMatch(/^[0-9a-f]{64}$/);
    expect(recoveryCodeHash('abcdefgh')).not.toContain('abcdefgh');
  });
});

describe('totpStep', () => {
  const secret = generateSecret();
  const at = new Date('2030-05-01T10:00:10Z');
  const epoch = Math.floor(at.getTime() / 1000);
  const step = Math.floor(epoch / 30);

  it('answers the step of a right code, one step either way', async () => {
    expect(await totpStep(secret, await generate({ secret, epoch }), at, null)).toBe(step);
    expect(await totpStep(secret, await generate({ secret, epoch: epoch - 30 }), at, null)).toBe(step - 1);
    expect(await totpStep(secret, await generate({ secret, epoch: epoch + 30 }), at, null)).toBe(step + 1);
    expect(await totpStep(secret, await generate({ secret, epoch: epoch - 60 }), at, null)).toBeUndefined();
  });

  it('ignores spaces and refuses steps already used', async () => {
    const code = await generate({ secret, epoch });
    expect(await totpStep(secret, `${code.slice(0, 3)} ${code.slice(3)}`, at, null)).toBe(step);
    expect(await totpStep(secret, code, at, step - 1)).toBe(step);
    expect(await totpStep(secret, code, at, step)).toBeUndefined();
  });

  it.each(['', '12345', '1234567', 'abcdef', 'abcd-efgh'])('refuses %j without throwing', async (code) => {
    expect(await totpStep(secret, code, at, null)).toBeUndefined();
  });
});
