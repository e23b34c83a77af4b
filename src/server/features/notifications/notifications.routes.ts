import {
  NotificationPreferences,
  UnsubscribeBody,
  UnsubscribeResponse,
} from '../../../shared/contracts/account.js';
import { currentUser } from '../../http/access-guard.js';
import { errorResponses } from '../../http/openapi.js';
import type { App } from '../../http/types.js';
import type { NotificationsService } from './notifications.service.js';

export function registerNotificationRoutes(app: App, notifications: NotificationsService): void {
  app.get(
    '/api/v1/me/notifications',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['account'],
        summary: 'Which emails you receive',
        response: { 200: NotificationPreferences, ...errorResponses(401) },
      },
    },
    (request) => notifications.get(currentUser(request).id),
  );

  app.patch(
    '/api/v1/me/notifications',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['account'],
        summary: 'Choose which emails you receive',
        body: NotificationPreferences,
        response: { 200: NotificationPreferences, ...errorResponses(400, 401) },
      },
    },
    (request) => notifications.update(currentUser(request).id, request.body),
  );

  app.post(
    '/api/v1/unsubscribe',
    {
      config: { access: 'public' },
      schema: {
        tags: ['account'],
        summary: 'Stop ticket-update emails with the token of an email’s unsubscribe link',
        body: UnsubscribeBody,
        response: { 200: UnsubscribeResponse, ...errorResponses(400) },
      },
    },
    async (request) => {
      await notifications.unsubscribe(request.body.token);
      return { status: 'unsubscribed' as const };
    },
  );

  // RFC 8058 one-click: mail providers POST `List-Unsubscribe=One-Click` (form-encoded or multipart)
  // from their servers, without our CSRF header; the token in the URL is the only credential.
  void app.register((scope: App, _options, done) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, _body, next) => next(null));
    scope.post(
      '/api/v1/unsubscribe/one-click',
      {
        config: { access: 'public', csrf: false },
        schema: {
          tags: ['account'],
          summary: 'One-click unsubscribe (RFC 8058) from an email’s List-Unsubscribe header',
          querystring: UnsubscribeBody,
          response: { 200: UnsubscribeResponse, ...errorResponses(400) },
        },
      },
      async (request) => {
        await notifications.unsubscribe(request.query.token);
        return { status: 'unsubscribed' as const };
      },
    );
    done();
  });
}
