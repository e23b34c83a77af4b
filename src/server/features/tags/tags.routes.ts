import { ListTagsQuery, SetTicketTagsBody, TagPage, TicketTagsView } from '../../../shared/contracts/tags.js';
import { TicketParams } from '../../../shared/contracts/tickets.js';
import { currentUser } from '../../http/access-guard.js';
import { errorResponses } from '../../http/openapi.js';
import type { App } from '../../http/types.js';
import type { TagsService } from './tags.service.js';

/** Tags are for staff only: customers never see them. */
export function registerTagRoutes(app: App, tags: TagsService): void {
  app.get(
    '/api/v1/tags',
    {
      config: { access: ['agent', 'admin'] },
      schema: {
        tags: ['tags'],
        summary: 'Tags by name, for autocomplete (q: the start of the name)',
        querystring: ListTagsQuery,
        response: { 200: TagPage, ...errorResponses(400, 401, 403) },
      },
    },
    (request) => tags.list(request.query),
  );

  app.put(
    '/api/v1/tickets/:ticket/tags',
    {
      config: { access: ['agent', 'admin'] },
      schema: {
        tags: ['tags'],
        summary: 'Set the ticket’s tags (new names become tags)',
        params: TicketParams,
        body: SetTicketTagsBody,
        response: { 200: TicketTagsView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    (request) => tags.setForTicket(currentUser(request), request.params.ticket, request.body),
  );
}
