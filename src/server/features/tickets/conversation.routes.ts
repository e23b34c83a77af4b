import { Type } from 'typebox';
import {
  MarkReadBody,
  RateBody,
  RatingView,
  TicketParams,
  UnreadSummary,
} from '../../../shared/contracts/tickets.js';
import { currentUser } from '../../http/access-guard.js';
import { errorResponses } from '../../http/openapi.js';
import type { App } from '../../http/types.js';
import type { TicketsService } from './tickets.service.js';

/** Read marks, unread badges and ratings. */
export function registerConversationRoutes(app: App, tickets: TicketsService): void {
  app.get(
    '/api/v1/tickets/unread',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['tickets'],
        summary: 'How many of your tickets (as customer or assigned agent) have unread messages',
        response: { 200: UnreadSummary, ...errorResponses(401) },
      },
    },
    (request) => tickets.unreadSummary(currentUser(request)),
  );

  app.post(
    '/api/v1/tickets/:ticket/read',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['tickets'],
        summary: 'Mark the conversation read up to a message (the other side sees it as "seen")',
        params: TicketParams,
        body: MarkReadBody,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      await tickets.markRead(currentUser(request), request.params.ticket, request.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/tickets/:ticket/rating',
    {
      config: { access: ['customer'] },
      schema: {
        tags: ['tickets'],
        summary: 'Rate the help on a resolved ticket: 1 to 5 stars, once per resolution',
        params: TicketParams,
        body: RateBody,
        response: { 201: RatingView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const rating = await tickets.rate(currentUser(request), request.params.ticket, request.body);
      return reply.status(201).send(rating);
    },
  );
}
