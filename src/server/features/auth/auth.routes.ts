import { Type } from 'typebox';
import { AcceptInvitationBody } from '../../../shared/contracts/agents.js';
import { RegisterBody, SessionResponse, SignInBody, UpdateMeBody } from '../../../shared/contracts/auth.js';
import { notFound } from '../../errors.js';
import { currentUser } from '../../http/access-guard.js';
import { errorResponses } from '../../http/openapi.js';
import type { App } from '../../http/types.js';
import { toUserView } from '../users/users.view.js';
import type { AgentsService } from '../agents/agents.service.js';
import type { UsersService } from '../users/users.service.js';
import type { AuthService } from './auth.service.js';
import { clearSessionCookie, clientInfo, setSessionCookie } from './session-cookie.js';

export function registerAuthRoutes(
  app: App,
  auth: AuthService,
  users: UsersService,
  agents: AgentsService,
): void {
  app.post(
    '/api/v1/auth/register',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Create a customer account and sign in',
        body: RegisterBody,
        response: { 201: SessionResponse, ...errorResponses(400, 409, 413) },
      },
    },
    async (request, reply) => {
      const signedIn = await auth.register(request.body, clientInfo(request));
      setSessionCookie(request, reply, signedIn);
      return reply.status(201).send({ user: toUserView(signedIn.user) });
    },
  );

  app.post(
    '/api/v1/auth/sign-in',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password',
        body: SignInBody,
        response: { 200: SessionResponse, ...errorResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const signedIn = await auth.signIn(request.body, clientInfo(request), request.sessionToken);
      setSessionCookie(request, reply, signedIn);
      return { user: toUserView(signedIn.user) };
    },
  );

  app.post(
    '/api/v1/auth/sign-out',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'End the current session (a no-op when signed out)',
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      if (request.sessionToken) await auth.signOut(request.sessionToken);
      clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/session',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user',
        response: { 200: SessionResponse, ...errorResponses(401) },
      },
    },
    (request) => ({ user: toUserView(currentUser(request)) }),
  );

  app.post(
    '/api/v1/auth/invitation',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Accept an agent invitation: set the password and sign in',
        body: AcceptInvitationBody,
        response: { 200: SessionResponse, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const agent = await agents.acceptInvitation(request.body);
      const signedIn = await auth.startSession(agent, clientInfo(request));
      setSessionCookie(request, reply, signedIn);
      return { user: toUserView(agent) };
    },
  );

  app.patch(
    '/api/v1/me',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['auth'],
        summary: 'Change your own preferences (preferred language)',
        body: UpdateMeBody,
        response: { 200: SessionResponse, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const user = await users.update(currentUser(request).id, request.body);
      if (!user) throw notFound('Account');
      return { user: toUserView(user) };
    },
  );
}
