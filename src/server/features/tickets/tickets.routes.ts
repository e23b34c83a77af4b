import type { FastifySchemaValidationError } from 'fastify';
import {
  AssignBody,
  ChangePriorityBody,
  ChangeStatusBody,
  CreateTicketBody,
  EMPTY_QUERY_MESSAGE,
  ListMessagesQuery,
  ListTicketsQuery,
  MessagePage,
  MessageView,
  PickUpBody,
  PostMessageBody,
  QueueQuery,
  TicketDetail,
  TicketPage,
  TicketParams,
  WorkloadPage,
} from '../../../shared/contracts/tickets.js';
import { fieldErrorsFromValidation, validationFailed } from '../../errors.js';
import { currentUser } from '../../http/access-guard.js';
import { errorResponses } from '../../http/openapi.js';
import type { App } from '../../http/types.js';
import type { TicketsService } from './tickets.service.js';

/**
 * The contract's description schema refuses an empty or blank text with the generic message; a
 * customer is told "Query cannot be empty!" instead. Every other field keeps its usual message.
 */
export function createTicketValidationError(error: { validation: FastifySchemaValidationError[] }) {
  const blankDescription = error.validation.some(
    (issue) =>
      issue.instancePath === '/description' && (issue.keyword === 'pattern' || issue.keyword === 'minLength'),
  );
  const details = fieldErrorsFromValidation(error.validation, 'body').map((detail) =>
    detail.field === 'description' && blankDescription ? { ...detail, message: EMPTY_QUERY_MESSAGE } : detail,
  );
  return validationFailed(details);
}

export function registerTicketRoutes(app: App, tickets: TicketsService): void {
  app.post(
    '/api/v1/tickets',
    {
      config: { access: ['customer'] },
      // The handler turns the validation error into the response, to word the blank description.
      attachValidation: true,
      schema: {
        tags: ['tickets'],
        summary: 'Raise a ticket (customers); routed to an agent when the category auto-assigns',
        body: CreateTicketBody,
        response: { 201: TicketDetail, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      if (request.validationError) throw createTicketValidationError(request.validationError);
      const ticket = await tickets.create(currentUser(request), request.body);
      return reply.status(201).send(ticket);
    },
  );

  app.get(
    '/api/v1/tickets',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['tickets'],
        summary: 'Tickets the caller may see, most recent activity first',
        querystring: ListTicketsQuery,
        response: { 200: TicketPage, ...errorResponses(400, 401) },
      },
    },
    (request) => tickets.list(currentUser(request), request.query),
  );

  // A static path: find-my-way matches it before /tickets/:ticket.
  app.get(
    '/api/v1/tickets/queue',
    {
      config: { access: ['agent'] },
      schema: {
        tags: ['tickets'],
        summary: 'Unassigned tickets in the agent’s categories, oldest first',
        querystring: QueueQuery,
        response: { 200: TicketPage, ...errorResponses(400, 401, 403) },
      },
    },
    (request) => tickets.queue(currentUser(request), request.query),
  );

  app.get(
    '/api/v1/tickets/:ticket',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['tickets'],
        summary: 'One ticket by id or reference, with its history',
        params: TicketParams,
        response: { 200: TicketDetail, ...errorResponses(401, 404) },
      },
    },
    (request) => tickets.get(currentUser(request), request.params.ticket),
  );

  app.get(
    '/api/v1/tickets/:ticket/messages',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['tickets'],
        summary: 'The conversation, oldest first (customers never see internal notes)',
        params: TicketParams,
        querystring: ListMessagesQuery,
        response: { 200: MessagePage, ...errorResponses(400, 401, 404) },
      },
    },
    (request) => tickets.messages(currentUser(request), request.params.ticket, request.query),
  );

  app.post(
    '/api/v1/tickets/:ticket/messages',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['tickets'],
        summary: 'Reply, or (staff) write an internal note',
        params: TicketParams,
        body: PostMessageBody,
        response: { 201: MessageView, ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      const message = await tickets.postMessage(currentUser(request), request.params.ticket, request.body);
      return reply.status(201).send(message);
    },
  );

  app.post(
    '/api/v1/tickets/:ticket/status',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['tickets'],
        summary: 'Move the ticket to another status (send the version you loaded)',
        params: TicketParams,
        body: ChangeStatusBody,
        response: { 200: TicketDetail, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    (request) => tickets.changeStatus(currentUser(request), request.params.ticket, request.body),
  );

  app.post(
    '/api/v1/tickets/:ticket/priority',
    {
      config: { access: ['agent', 'admin'] },
      schema: {
        tags: ['tickets'],
        summary: 'Set the priority (staff); the due times follow its service-level targets',
        params: TicketParams,
        body: ChangePriorityBody,
        response: { 200: TicketDetail, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    (request) => tickets.changePriority(currentUser(request), request.params.ticket, request.body),
  );

  app.post(
    '/api/v1/tickets/:ticket/assign',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['tickets'],
        summary: 'Assign or reassign the ticket to an active agent',
        params: TicketParams,
        body: AssignBody,
        response: { 200: TicketDetail, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    (request) => tickets.assign(currentUser(request), request.params.ticket, request.body),
  );

  app.post(
    '/api/v1/tickets/:ticket/pick-up',
    {
      config: { access: ['agent'] },
      schema: {
        tags: ['tickets'],
        summary: 'Take an unassigned ticket from the queue',
        params: TicketParams,
        body: PickUpBody,
        response: { 200: TicketDetail, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    (request) => tickets.pickUp(currentUser(request), request.params.ticket, request.body),
  );

  app.get(
    '/api/v1/admin/workload',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['admin'],
        summary: 'Active tickets per active agent, by status',
        querystring: QueueQuery,
        response: { 200: WorkloadPage, ...errorResponses(400, 401, 403) },
      },
    },
    (request) => tickets.workload(request.query),
  );
}
