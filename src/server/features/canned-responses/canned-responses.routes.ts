import { Type } from 'typebox';
import {
  CannedResponsePage,
  CannedResponseView,
  CreateCannedResponseBody,
  ListCannedResponsesQuery,
  UpdateCannedResponseBody,
} from '../../../shared/contracts/canned-responses.js';
import { IdParams } from '../../../shared/contracts/categories.js';
import { currentUser } from '../../http/access-guard.js';
import { errorResponses } from '../../http/openapi.js';
import type { App } from '../../http/types.js';
import type { CannedResponsesService } from './canned-responses.service.js';

const STAFF = ['agent', 'admin'] as const;

export function registerCannedResponseRoutes(app: App, canned: CannedResponsesService): void {
  app.get(
    '/api/v1/canned-responses',
    {
      config: { access: STAFF },
      schema: {
        tags: ['canned responses'],
        summary: 'Shared canned responses and the caller’s own, by title',
        querystring: ListCannedResponsesQuery,
        response: { 200: CannedResponsePage, ...errorResponses(400, 401, 403) },
      },
    },
    (request) => canned.list(currentUser(request), request.query),
  );

  app.post(
    '/api/v1/canned-responses',
    {
      config: { access: STAFF },
      schema: {
        tags: ['canned responses'],
        summary: 'Keep a reusable reply (admins may share it with the team)',
        body: CreateCannedResponseBody,
        response: { 201: CannedResponseView, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => reply.status(201).send(await canned.create(currentUser(request), request.body)),
  );

  app.patch(
    '/api/v1/canned-responses/:id',
    {
      config: { access: STAFF },
      schema: {
        tags: ['canned responses'],
        summary: 'Change the title or text of one’s own response (admins: shared ones)',
        params: IdParams,
        body: UpdateCannedResponseBody,
        response: { 200: CannedResponseView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    (request) => canned.update(currentUser(request), request.params.id, request.body),
  );

  app.delete(
    '/api/v1/canned-responses/:id',
    {
      config: { access: STAFF },
      schema: {
        tags: ['canned responses'],
        summary: 'Delete one’s own response (admins: shared ones)',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await canned.remove(currentUser(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
