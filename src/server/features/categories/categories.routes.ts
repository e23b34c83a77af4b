import {
  CategoryList,
  CategoryView,
  CreateCategoryBody,
  IdParams,
  ListCategoriesQuery,
  UpdateCategoryBody,
} from '../../../shared/contracts/categories.js';
import { AppError } from '../../errors.js';
import { currentUser } from '../../http/access-guard.js';
import { errorResponses } from '../../http/openapi.js';
import type { App } from '../../http/types.js';
import type { CategoriesService } from './categories.service.js';

export function registerCategoryRoutes(app: App, categories: CategoriesService): void {
  app.get(
    '/api/v1/categories',
    {
      // Public: the agent sign-up form lists them before anyone has an account.
      config: { access: 'public' },
      schema: {
        tags: ['categories'],
        summary: 'Categories, by name; archived ones only for admins who ask',
        querystring: ListCategoriesQuery,
        response: { 200: CategoryList, ...errorResponses(400, 403) },
      },
    },
    (request) => {
      const includeArchived = request.query.includeArchived ?? false;
      if (includeArchived && request.user?.role !== 'admin') {
        throw new AppError('FORBIDDEN', 403, 'Only admins see archived categories');
      }
      return categories.list(includeArchived);
    },
  );

  app.post(
    '/api/v1/admin/categories',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['categories'],
        summary: 'Create a category',
        body: CreateCategoryBody,
        response: { 201: CategoryView, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await categories.create(request.body, currentUser(request).id)),
  );

  app.patch(
    '/api/v1/admin/categories/:id',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['categories'],
        summary: 'Rename, archive or restore a category, or switch automatic assignment',
        params: IdParams,
        body: UpdateCategoryBody,
        response: { 200: CategoryView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    (request) => categories.update(request.params.id, request.body, currentUser(request).id),
  );
}
