import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The browser's device token, signed: `token.signature`. Only the token's hash is stored. */
export const DEVICE_COOKIE = 'ccr_device';

const TOKEN = /^[\w-]{43}$/;
const SIGNATURE = /^[\w-]{43}$/;

const signatureOf = (key: Buffer, token: string): string =>
  createHmac('sha256', key).update(token).digest('base64url');

/** The cookie value for a device token (a 43-character base64url token from newToken). */
export function signDeviceToken(key: Buffer, token: string): string {
  if (!TOKEN.test(token)) throw new Error('not a device token');
  return `${token}.${signatureOf(key, token)}`;
}

/**
 * The token of a cookie value whose signature is right, else undefined. Checked before any database
 * lookup, so forged cookies cost nothing but an HMAC.
 */
export function readDeviceCookie(key: Buffer, value: string | undefined): string | undefined {
  if (!value) return undefined;
  const [token, signature, ...rest] = value.split('.');
  if (rest.length > 0 || !token || !signature || !TOKEN.test(token) || !SIGNATURE.test(signature)) {
    return undefined;
  }
  const expected = Buffer.from(signatureOf(key, token));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? token : undefined;
}

export const deviceCookieOf = (request: FastifyRequest): string | undefined => request.cookies[DEVICE_COOKIE];

/** HttpOnly, SameSite=Lax, Secure over https, for as long as the device is remembered. */
export function setDeviceCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  device: { cookie: string; expiresAt: Date },
): void {
  void reply.setCookie(DEVICE_COOKIE, device.cookie, {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    path: '/',
    expires: device.expiresAt,
  });
}

export function clearDeviceCookie(reply: FastifyReply): void {
  void reply.clearCookie(DEVICE_COOKIE, { path: '/' });
}
