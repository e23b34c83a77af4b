import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import type { AuthService } from '../features/auth/auth.service.js';
import type { App } from './types.js';

export const SESSION_COOKIE = 'ccr_session';

/** Routes under this prefix must declare `config.access`; the app refuses to start otherwise. */
const GUARDED_PREFIX = '/api/v1/';

export function registerAccessGuard(app: App, auth: AuthService): void {
  app.decorateRequest('user', null);
  app.decorateRequest('sessionToken', undefined);
  app.decorateRequest('staffTotpRequired', undefined);

  app.addHook('onRoute', (route) => {
    if (route.url.startsWith(GUARDED_PREFIX) && route.config?.access === undefined) {
      throw new Error(`Route ${String(route.method)} ${route.url} does not declare config.access`);
    }
  });

  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const access = request.routeOptions.config.access;
    if (access === undefined) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      request.sessionToken = token;
      const signedIn = await auth.authenticate(token);
      request.user = signedIn?.user ?? null;
      request.staffTotpRequired = signedIn?.staffTotpRequired;
      // A cookie for a session that ended is removed so the browser stops sending it.
      if (!request.user) void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    }
    if (access === 'public') return;
    if (!request.user) throw new AppError('UNAUTHENTICATED', 401, 'Sign in to continue');
    if (access !== 'signed-in' && !access.includes(request.user.role)) {
      throw new AppError('FORBIDDEN', 403, 'You do not have access to this');
    }
  });
}

/** For handlers of routes that are not public: the guard has already ensured a user. */
export function currentUser(request: FastifyRequest) {
  if (!request.user) throw new AppError('UNAUTHENTICATED', 401, 'Sign in to continue');
  return request.user;
}
