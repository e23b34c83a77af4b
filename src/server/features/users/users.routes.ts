import { AdminOverview, ListUsersQuery, UserPage } from '../../../shared/contracts/admin.js';
import { errorResponses } from '../../http/openapi.js';
import type { App } from '../../http/types.js';
import type { UsersService } from './users.service.js';

export function registerUsersRoutes(app: App, users: UsersService): void {
  app.get(
    '/api/v1/admin/overview',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['admin'],
        summary: 'Counts for the admin dashboard',
        response: { 200: AdminOverview, ...errorResponses(401, 403) },
      },
    },
    () => users.overview(),
  );

  app.get(
    '/api/v1/admin/users',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['admin'],
        summary: 'Accounts, newest first, optionally of one role',
        querystring: ListUsersQuery,
        response: { 200: UserPage, ...errorResponses(400, 401, 403) },
      },
    },
    (request) => users.list(request.query),
  );
}
