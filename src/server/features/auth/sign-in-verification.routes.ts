import { SessionResponse, SignInVerification, VerifySignInBody } from '../../../shared/contracts/auth.js';
import { errorResponses } from '../../http/openapi.js';
import type { App } from '../../http/types.js';
import { deviceCookieOf, setDeviceCookie } from '../devices/device-cookie.js';
import {
  challengeTokenOf,
  clearChallengeCookie,
  setChallengeCookie,
  verificationBody,
} from './challenge-cookie.js';
import { clientInfo, setSessionCookie } from './session-cookie.js';
import type { SessionResponder } from './session-response.js';
import type { SignInService } from './sign-in.service.js';

export function registerSignInVerificationRoutes(
  app: App,
  signIn: SignInService,
  sessionBody: SessionResponder,
): void {
  app.post(
    '/api/v1/auth/sign-in/verify',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary:
          'Finish a sign-in that answered 202: the emailed code, or the authenticator or a recovery code',
        body: VerifySignInBody,
        response: { 200: SessionResponse, ...errorResponses(400, 429) },
      },
    },
    async (request, reply) => {
      const { signedIn, device } = await signIn.verify(
        challengeTokenOf(request),
        request.body,
        clientInfo(request),
        { sessionToken: request.sessionToken, deviceCookie: deviceCookieOf(request) },
      );
      clearChallengeCookie(reply);
      setSessionCookie(request, reply, signedIn);
      if (device) setDeviceCookie(request, reply, device);
      return sessionBody(signedIn.user);
    },
  );

  app.post(
    '/api/v1/auth/sign-in/resend',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Email a new sign-in code; the previous one stops working',
        response: { 202: SignInVerification, ...errorResponses(400, 409, 429) },
      },
    },
    async (request, reply) => {
      const challenge = await signIn.resend(challengeTokenOf(request), clientInfo(request));
      setChallengeCookie(request, reply, challenge);
      return reply.status(202).send(verificationBody(challenge));
    },
  );
}
