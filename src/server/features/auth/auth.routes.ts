import { Type } from 'typebox';
import { AcceptInvitationBody } from '../../../shared/contracts/agents.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  RegisterBody,
  SessionResponse,
  SignInBody,
  SignInVerification,
  UpdateMeBody,
} from '../../../shared/contracts/auth.js';
import { notFound } from '../../errors.js';
import { currentUser } from '../../http/access-guard.js';
import { errorResponses } from '../../http/openapi.js';
import type { App } from '../../http/types.js';
import type { AgentsService } from '../agents/agents.service.js';
import { deviceCookieOf, setDeviceCookie } from '../devices/device-cookie.js';
import type { DevicesService } from '../devices/devices.service.js';
import type { UsersService } from '../users/users.service.js';
import type { AuthService } from './auth.service.js';
import { setChallengeCookie, verificationBody } from './challenge-cookie.js';
import { clearSessionCookie, clientInfo, setSessionCookie } from './session-cookie.js';
import type { SessionResponder } from './session-response.js';
import type { SignInService } from './sign-in.service.js';

/** What signing in needs beyond the account services: the second step, remembered browsers, the answer body. */
export interface TwoStepRouteDeps {
  signIn: SignInService;
  devices: DevicesService;
  sessionBody: SessionResponder;
}

export function registerAuthRoutes(
  app: App,
  auth: AuthService,
  users: UsersService,
  agents: AgentsService,
  { signIn, devices, sessionBody }: TwoStepRouteDeps,
): void {
  /** An emailed link or a new account's own browser: no code is needed here next time. */
  async function rememberBrowser(request: FastifyRequest, reply: FastifyReply, userId: string) {
    const device = await devices.remember(userId, clientInfo(request), deviceCookieOf(request));
    setDeviceCookie(request, reply, device);
  }

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
      await rememberBrowser(request, reply, signedIn.user.id);
      return reply.status(201).send(await sessionBody(signedIn.user));
    },
  );

  app.post(
    '/api/v1/auth/sign-in',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password. 202: a second step is needed (POST /auth/sign-in/verify)',
        body: SignInBody,
        response: { 200: SessionResponse, 202: SignInVerification, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const outcome = await signIn.signIn(request.body, clientInfo(request), {
        sessionToken: request.sessionToken,
        deviceCookie: deviceCookieOf(request),
      });
      if ('challenge' in outcome) {
        setChallengeCookie(request, reply, outcome.challenge);
        return reply.status(202).send(verificationBody(outcome.challenge));
      }
      setSessionCookie(request, reply, outcome.signedIn);
      return reply.status(200).send(await sessionBody(outcome.signedIn.user));
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
    (request) => sessionBody(currentUser(request)),
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
      const signedIn = await auth.startSession(agent, clientInfo(request), request.sessionToken);
      setSessionCookie(request, reply, signedIn);
      await rememberBrowser(request, reply, agent.id);
      return sessionBody(agent);
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
      return sessionBody(user);
    },
  );
}
