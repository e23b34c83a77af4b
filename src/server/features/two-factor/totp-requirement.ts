import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import type { App } from '../../http/types.js';
import type { SecuritySettingsService } from './security-settings.service.js';

/** What staff who must set up an authenticator may still call: enrolment, their session, sign-out. */
const ENROLMENT_PREFIX = '/api/v1/me/totp/';
const ALLOWED = new Set(['GET /api/v1/auth/session', 'POST /api/v1/auth/sign-out', 'PATCH /api/v1/me']);

const allowed = (request: FastifyRequest): boolean => {
  const route = request.routeOptions.url ?? '';
  return route.startsWith(ENROLMENT_PREFIX) || ALLOWED.has(`${request.method} ${route}`);
};

/**
 * The one place that enforces "an admin requires an authenticator app for staff": register it right
 * after the access guard, which has set `request.user`.
 */
export function registerTotpRequirement(app: App, security: SecuritySettingsService): void {
  app.addHook('preHandler', async (request: FastifyRequest) => {
    const access = request.routeOptions.config.access;
    if (access === undefined || access === 'public' || !request.user || allowed(request)) return;
    if (await security.totpSetupRequired(request.user, request.staffTotpRequired)) {
      throw new AppError('TOTP_SETUP_REQUIRED', 403, 'Set up an authenticator app to continue');
    }
  });
}
