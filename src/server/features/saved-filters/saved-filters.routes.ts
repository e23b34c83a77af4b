import { Type } from 'typebox';
import { IdParams } from '../../../shared/contracts/categories.js';
import {
  CreateSavedFilterBody,
  SavedFilterList,
  SavedFilterView,
  UpdateSavedFilterBody,
} from '../../../shared/contracts/saved-filters.js';
import { currentUser } from '../../http/access-guard.js';
import { errorResponses } from '../../http/openapi.js';
import type { App } from '../../http/types.js';
import type { SavedFiltersService } from './saved-filters.service.js';

const STAFF = ['agent', 'admin'] as const;

/** Each person's own: another person's saved filter answers 404. */
export function registerSavedFilterRoutes(app: App, filters: SavedFiltersService): void {
  app.get(
    '/api/v1/saved-filters',
    {
      config: { access: STAFF },
      schema: {
        tags: ['saved filters'],
        summary: 'The caller’s saved ticket-list filters, oldest first',
        response: { 200: SavedFilterList, ...errorResponses(401, 403) },
      },
    },
    (request) => filters.list(currentUser(request).id),
  );

  app.post(
    '/api/v1/saved-filters',
    {
      config: { access: STAFF },
      schema: {
        tags: ['saved filters'],
        summary: 'Save a ticket-list filter (its query parameters) under a name',
        body: CreateSavedFilterBody,
        response: { 201: SavedFilterView, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await filters.create(currentUser(request).id, request.body)),
  );

  app.patch(
    '/api/v1/saved-filters/:id',
    {
      config: { access: STAFF },
      schema: {
        tags: ['saved filters'],
        summary: 'Rename, pin or unpin a saved filter',
        params: IdParams,
        body: UpdateSavedFilterBody,
        response: { 200: SavedFilterView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    (request) => filters.update(currentUser(request).id, request.params.id, request.body),
  );

  app.delete(
    '/api/v1/saved-filters/:id',
    {
      config: { access: STAFF },
      schema: {
        tags: ['saved filters'],
        summary: 'Delete a saved filter',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await filters.remove(currentUser(request).id, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
