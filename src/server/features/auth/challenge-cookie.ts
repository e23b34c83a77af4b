import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Challenge } from './sign-in.service.js';

/** Holds the token of a sign-in waiting for its second step; only sent to the auth routes. */
export const SIGN_IN_COOKIE = 'ccr_sign_in';
const PATH = '/api/v1/auth';

export const challengeTokenOf = (request: FastifyRequest): string | undefined =>
  request.cookies[SIGN_IN_COOKIE];

export function setChallengeCookie(request: FastifyRequest, reply: FastifyReply, challenge: Challenge): void {
  void reply.setCookie(SIGN_IN_COOKIE, challenge.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    path: PATH,
    expires: challenge.expiresAt,
  });
}

export function clearChallengeCookie(reply: FastifyReply): void {
  void reply.clearCookie(SIGN_IN_COOKIE, { path: PATH });
}

/** The 202 body of a sign-in that needs its second step. */
export const verificationBody = (challenge: Challenge) => ({
  verification: { method: challenge.method, expiresAt: challenge.expiresAt.toISOString() },
});
