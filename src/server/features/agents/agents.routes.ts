import { Type } from 'typebox';
import {
  AgentPage,
  AgentRequestBody,
  AgentView,
  CreateAgentBody,
  CreatedAgent,
  ListAgentsQuery,
  UpdateAgentBody,
} from '../../../shared/contracts/agents.js';
import { IdParams } from '../../../shared/contracts/categories.js';
import { currentUser } from '../../http/access-guard.js';
import { errorResponses } from '../../http/openapi.js';
import type { App } from '../../http/types.js';
import type { AgentsService } from './agents.service.js';

const Pending = Type.Object({ status: Type.Literal('pending') });

export function registerAgentRoutes(app: App, agents: AgentsService): void {
  app.post(
    '/api/v1/agent-requests',
    {
      config: { access: 'public' },
      schema: {
        tags: ['agents'],
        summary: 'Ask to join as an agent; an admin accepts or rejects the request',
        body: AgentRequestBody,
        response: { 201: Pending, ...errorResponses(400, 409) },
      },
    },
    async (request, reply) => {
      await agents.requestToJoin(request.body);
      return reply.status(201).send({ status: 'pending' as const });
    },
  );

  app.get(
    '/api/v1/admin/agents',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['agents'],
        summary: 'Agents, newest first; status=pending lists the requests to join',
        querystring: ListAgentsQuery,
        response: { 200: AgentPage, ...errorResponses(400, 401, 403) },
      },
    },
    (request) => agents.list(request.query),
  );

  app.post(
    '/api/v1/admin/agents',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['agents'],
        summary: 'Create an agent; answers the single-use link where they choose a password',
        body: CreateAgentBody,
        response: { 201: CreatedAgent, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await agents.create(request.body, currentUser(request).id)),
  );

  app.patch(
    '/api/v1/admin/agents/:id',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['agents'],
        summary: "Change an agent's categories or languages",
        params: IdParams,
        body: UpdateAgentBody,
        response: { 200: AgentView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    (request) => agents.update(request.params.id, request.body, currentUser(request).id),
  );

  const action = (name: 'accept' | 'reject' | 'deactivate', summary: string) =>
    app.post(
      `/api/v1/admin/agents/:id/${name}`,
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['agents'],
          summary,
          params: IdParams,
          response: { 200: AgentView, ...errorResponses(401, 403, 404, 409) },
        },
      },
      (request) => agents[name](request.params.id, currentUser(request).id),
    );
  action('accept', 'Accept a pending request to join');
  action('reject', 'Reject a pending request to join');
  action('deactivate', 'Deactivate an agent: signed out, their open tickets back to the unassigned queue');
}
