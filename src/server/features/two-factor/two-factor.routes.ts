import { Type } from 'typebox';
import {
  EnableTotpBody,
  PasswordBody,
  RecoveryCodesResponse,
  SecuritySettings,
  TotpSetupResponse,
} from '../../../shared/contracts/two-factor.js';
import { currentUser } from '../../http/access-guard.js';
import { errorResponses } from '../../http/openapi.js';
import type { App } from '../../http/types.js';
import type { SecuritySettingsService } from './security-settings.service.js';
import type { TwoFactorService } from './two-factor.service.js';

const STAFF = ['agent', 'admin'] as const;

export function registerTwoFactorRoutes(
  app: App,
  twoFactor: TwoFactorService,
  security: SecuritySettingsService,
): void {
  app.post(
    '/api/v1/me/totp/setup',
    {
      config: { access: STAFF },
      schema: {
        tags: ['account'],
        summary: 'Start setting up an authenticator app: a new secret and its QR code',
        response: { 200: TotpSetupResponse, ...errorResponses(401, 403, 409) },
      },
    },
    (request) => twoFactor.setup(currentUser(request)),
  );

  app.post(
    '/api/v1/me/totp/enable',
    {
      config: { access: STAFF },
      schema: {
        tags: ['account'],
        summary: 'Turn the authenticator app on with a code from it; answers the recovery codes, once',
        body: EnableTotpBody,
        response: { 200: RecoveryCodesResponse, ...errorResponses(400, 401, 403, 409) },
      },
    },
    (request) => twoFactor.enable(currentUser(request), request.body.code),
  );

  app.post(
    '/api/v1/me/totp/disable',
    {
      config: { access: STAFF },
      schema: {
        tags: ['account'],
        summary: 'Turn the authenticator app off (asks for the password; refused when an admin requires it)',
        body: PasswordBody,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 409, 429) },
      },
    },
    async (request, reply) => {
      await twoFactor.disable(currentUser(request), request.body.password);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/me/recovery-codes',
    {
      config: { access: STAFF },
      schema: {
        tags: ['account'],
        summary: 'Replace the recovery codes (asks for the password); the old ones stop working',
        body: PasswordBody,
        response: { 200: RecoveryCodesResponse, ...errorResponses(400, 401, 403, 409, 429) },
      },
    },
    (request) => twoFactor.regenerateRecoveryCodes(currentUser(request), request.body.password),
  );

  app.get(
    '/api/v1/admin/security',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['admin'],
        summary: 'Security settings for every account',
        response: { 200: SecuritySettings, ...errorResponses(401, 403) },
      },
    },
    () => security.get(),
  );

  app.put(
    '/api/v1/admin/security',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['admin'],
        summary: 'Change the security settings (require an authenticator app for agents and admins)',
        body: SecuritySettings,
        response: { 200: SecuritySettings, ...errorResponses(400, 401, 403) },
      },
    },
    (request) => security.update(request.body, currentUser(request).id),
  );
}
