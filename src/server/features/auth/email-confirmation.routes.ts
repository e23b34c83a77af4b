import {
  ConfirmEmailBody,
  ConfirmEmailResponse,
  ConfirmationEmailResponse,
} from '../../../shared/contracts/account.js';
import { currentUser } from '../../http/access-guard.js';
import { errorResponses } from '../../http/openapi.js';
import type { App } from '../../http/types.js';
import type { EmailConfirmationService } from './email-confirmation.service.js';

export function registerEmailConfirmationRoutes(app: App, confirmation: EmailConfirmationService): void {
  app.post(
    '/api/v1/auth/confirm-email',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Confirm an email address from the emailed single-use link',
        body: ConfirmEmailBody,
        response: { 200: ConfirmEmailResponse, ...errorResponses(400) },
      },
    },
    async (request) => {
      await confirmation.confirm(request.body);
      return { status: 'confirmed' as const };
    },
  );

  app.post(
    '/api/v1/me/confirmation-email',
    {
      config: { access: ['customer'] },
      schema: {
        tags: ['auth'],
        summary: 'Email a new address confirmation link (earlier links stop working)',
        response: { 202: ConfirmationEmailResponse, ...errorResponses(401, 403, 409, 429) },
      },
    },
    async (request, reply) => {
      await confirmation.resend(currentUser(request));
      return reply.status(202).send({ status: 'sent' });
    },
  );
}
