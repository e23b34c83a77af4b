import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newToken } from '../../security/tokens.js';
import { readDeviceCookie, signDeviceToken } from './device-cookie.js';

const key = randomBytes(32);

describe('device cookie signing', () => {
  it('reads back the token it signed', () => {
    const token = newToken();
    const cookie = signDeviceToken(key, token);
    expect(cookie).toMatch(/^[\w-]{43}\.[\w-]{43}$/);
    expect(cookie.startsWith(`${token}.`)).toBe(true);
    expect(readDeviceCookie(key, cookie)).toBe(token);
  });

  it('refuses a cookie signed with another key', () => {
    const cookie = signDeviceToken(randomBytes(32), newToken());
    expect(readDeviceCookie(key, cookie)).toBeUndefined();
  });

  it('refuses a token swapped under a valid signature', () => {
    const signature = signDeviceToken(key, newToken()).split('.')[1] ?? '';
    expect(readDeviceCookie(key, `${newToken()}.${signature}`)).toBeUndefined();
  });

  it('refuses a tampered signature', () => {
    const cookie = signDeviceToken(key, newToken());
    const last = cookie.at(-1) === 'A' ? 'B' : 'A';
    expect(readDeviceCookie(key, `${cookie.slice(0, -1)}${last}`)).toBeUndefined();
  });

  it.each([undefined, '', 'no-dot', '.', 'a.b', `${newToken()}.`, `${newToken()}.short`])(
    'refuses the malformed value %j',
    (value) => {
      expect(readDeviceCookie(key, value)).toBeUndefined();
    },
  );

  it('refuses extra parts', () => {
    const cookie = signDeviceToken(key, newToken());
    expect(readDeviceCookie(key, `${cookie}.extra`)).toBeUndefined();
  });

  it('only signs tokens of the expected shape', () => {
    expect(() => signDeviceToken(key, 'short')).toThrow('not a device token');
  });
});
