import { Type } from 'typebox';
import {
  CreateHolidayBody,
  HolidayPage,
  HolidayParams,
  HolidayQuery,
  HolidayView,
  ServiceLevels,
} from '../../../shared/contracts/sla.js';
import { currentUser } from '../../http/access-guard.js';
import { errorResponses } from '../../http/openapi.js';
import type { App } from '../../http/types.js';
import type { SlaService } from './sla.service.js';

export function registerSlaRoutes(app: App, sla: SlaService): void {
  app.get(
    '/api/v1/admin/service-levels',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['service levels'],
        summary: 'Targets per priority and the weekly business hours',
        response: { 200: ServiceLevels, ...errorResponses(401, 403) },
      },
    },
    () => sla.get(),
  );

  app.put(
    '/api/v1/admin/service-levels',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['service levels'],
        summary: 'Replace the targets and the business hours (new tickets use them)',
        body: ServiceLevels,
        response: { 200: ServiceLevels, ...errorResponses(400, 401, 403) },
      },
    },
    (request) => sla.put(currentUser(request).id, request.body),
  );

  app.get(
    '/api/v1/admin/service-levels/holidays',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['service levels'],
        summary: 'Days the business is closed, in date order',
        querystring: HolidayQuery,
        response: { 200: HolidayPage, ...errorResponses(400, 401, 403) },
      },
    },
    (request) => sla.holidays(request.query),
  );

  app.post(
    '/api/v1/admin/service-levels/holidays',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['service levels'],
        summary: 'Add a holiday (409 when the day already is one)',
        body: CreateHolidayBody,
        response: { 201: HolidayView, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await sla.addHoliday(currentUser(request).id, request.body)),
  );

  app.delete(
    '/api/v1/admin/service-levels/holidays/:day',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['service levels'],
        summary: 'Remove a holiday',
        params: HolidayParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await sla.removeHoliday(currentUser(request).id, request.params.day);
      return reply.status(204).send(null);
    },
  );
}
