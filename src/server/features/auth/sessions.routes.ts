import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { ListSessionsQuery, SessionPage, SessionParams } from '../../../shared/contracts/account.js';
import { AppError } from '../../errors.js';
import { currentUser } from '../../http/access-guard.js';
import { errorResponses } from '../../http/openapi.js';
import type { App } from '../../http/types.js';
import { clearSessionCookie } from './session-cookie.js';
import type { SessionsService } from './sessions.service.js';

/** The signed-in caller and the token of the session they call from. */
function caller(request: FastifyRequest): { userId: string; token: string } {
  const user = currentUser(request);
  if (!request.sessionToken) throw new AppError('UNAUTHENTICATED', 401, 'Sign in to continue');
  return { userId: user.id, token: request.sessionToken };
}

export function registerSessionRoutes(app: App, sessions: SessionsService): void {
  app.get(
    '/api/v1/me/sessions',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['account'],
        summary: 'Where you are signed in, most recently active first',
        querystring: ListSessionsQuery,
        response: { 200: SessionPage, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const { userId, token } = caller(request);
      return sessions.list(userId, token, request.query);
    },
  );

  app.delete(
    '/api/v1/me/sessions/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['account'],
        summary: 'Sign out one of your sessions (the current one signs you out here)',
        params: SessionParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const { userId, token } = caller(request);
      const { wasCurrent } = await sessions.revoke(userId, token, request.params.id);
      if (wasCurrent) clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/me/sessions/sign-out-others',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['account'],
        summary: 'Sign out every other session, keeping this one',
        response: { 204: Type.Null(), ...errorResponses(401) },
      },
    },
    async (request, reply) => {
      const { userId, token } = caller(request);
      await sessions.revokeOthers(userId, token);
      return reply.status(204).send(null);
    },
  );
}
