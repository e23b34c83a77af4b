import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../../http/access-guard.js';
import type { ClientInfo, SignedIn } from './auth.service.js';

/** Who is signing in, as stored with the session (shown in the sessions list). */
export const clientInfo = (request: FastifyRequest): ClientInfo => ({
  ip: request.ip,
  userAgent: request.headers['user-agent'],
});

/** The session cookie: HttpOnly, SameSite=Lax, Secure over https, ending with the session. */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, signedIn: SignedIn): void {
  void reply.setCookie(SESSION_COOKIE, signedIn.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    path: '/',
    expires: signedIn.expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
