import type { FastifyRequest } from 'fastify';
import {
  ForgotPasswordBody,
  ForgotPasswordResponse,
  ResetPasswordBody,
} from '../../../shared/contracts/account.js';
import { SessionResponse } from '../../../shared/contracts/auth.js';
import { errorResponses } from '../../http/openapi.js';
import type { App } from '../../http/types.js';
import { deviceCookieOf, setDeviceCookie } from '../devices/device-cookie.js';
import type { PasswordResetService } from './password-reset.service.js';
import { clientInfo, setSessionCookie } from './session-cookie.js';
import type { SessionResponder } from './session-response.js';

/** Reset links to write once the answer to their request has been sent. */
const afterResponse = new WeakMap<FastifyRequest, () => void>();

export function registerPasswordResetRoutes(
  app: App,
  passwordReset: PasswordResetService,
  sessionBody: SessionResponder,
): void {
  app.addHook('onClose', () => passwordReset.settled());

  app.post(
    '/api/v1/auth/forgot-password',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Email a password reset link (answered the same whether or not the account exists)',
        body: ForgotPasswordBody,
        response: { 202: ForgotPasswordResponse, ...errorResponses(400, 429) },
      },
      onResponse: (request, _reply, done) => {
        afterResponse.get(request)?.();
        done();
      },
    },
    async (request, reply) => {
      const { sendLink } = await passwordReset.requestReset(request.body, clientInfo(request));
      afterResponse.set(request, sendLink);
      return reply.status(202).send({ status: 'sent' });
    },
  );

  app.post(
    '/api/v1/auth/reset-password',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Set a new password from an emailed link; signs out every session and signs in here',
        body: ResetPasswordBody,
        response: { 200: SessionResponse, ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      const signedIn = await passwordReset.resetPassword(request.body, clientInfo(request), {
        sessionToken: request.sessionToken,
        deviceCookie: deviceCookieOf(request),
      });
      setSessionCookie(request, reply, signedIn);
      setDeviceCookie(request, reply, signedIn.device);
      return sessionBody(signedIn.user);
    },
  );
}
