import { IdParams } from '../../../shared/contracts/categories.js';
import { ListMailQuery, MailDetail, MailPage } from '../../../shared/contracts/mail.js';
import { errorResponses } from '../../http/openapi.js';
import type { App } from '../../http/types.js';
import type { MailLogService } from './mail-log.service.js';

export function registerMailLogRoutes(app: App, mailLog: MailLogService): void {
  app.get(
    '/api/v1/admin/mail',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['mail'],
        summary: 'The Mail log: every email, newest first; filter by status or kind',
        querystring: ListMailQuery,
        response: { 200: MailPage, ...errorResponses(400, 401, 403) },
      },
    },
    (request) => mailLog.list(request.query),
  );

  app.get(
    '/api/v1/admin/mail/:id',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['mail'],
        summary: 'One email with its text and HTML bodies and headers',
        params: IdParams,
        response: { 200: MailDetail, ...errorResponses(400, 401, 403, 404) },
      },
    },
    (request) => mailLog.get(request.params.id),
  );

  app.post(
    '/api/v1/admin/mail/:id/retry',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['mail'],
        summary: 'Send a failed email again (409 unless it failed)',
        params: IdParams,
        response: { 200: MailDetail, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    (request) => mailLog.retry(request.params.id),
  );
}
