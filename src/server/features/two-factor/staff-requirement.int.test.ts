import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createTestApp,
  createUser,
  signedIn,
  TEST_CONFIG,
  TEST_PASSWORD,
  type TestContext,
} from '../../../../test/helpers/app.js';
import { createSmtpReceiver, deliverTo, type SmtpReceiver } from '../../../../test/helpers/smtp-receiver.js';
import { apiBrowser, signInCodeFor } from '../../../../test/helpers/two-step.js';
import type { SessionResponse } from '../../../shared/contracts/auth.js';
import type { SecuritySettings, TotpSetupResponse } from '../../../shared/contracts/two-factor.js';

let receiver: SmtpReceiver;
let context: TestContext;
let admin: { cookie: string };

beforeAll(async () => {
  receiver = await createSmtpReceiver();
  await receiver.start();
  context = await createTestApp({ config: { ...TEST_CONFIG, trustProxy: true }, mail: deliverTo(receiver) });
  admin = await signedIn(context, 'admin');
  // The admin complies, so that they may keep changing the setting while it is on.
  await enrol(admin.cookie);
});
afterAll(async () => {
  await context.close();
  await receiver.stop();
});

const as = (cookie: string) => ({
  get: (url: string) => call(context.app, 'GET', url, undefined, { cookie }),
  send: (method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown) =>
    call(context.app, method, url, body, { cookie }),
});
const requireStaffTotp = async (on: boolean) => {
  const response = await as(admin.cookie).send('PUT', '/api/v1/admin/security', { requireStaffTotp: on });
  expect(response.statusCode).toBe(200);
};
const errorCode = (response: { json: <T>() => T }) => response.json<{ error: { code: string } }>().error.code;

/** Turns an authenticator on through the API for the holder of `cookie`. */
async function enrol(cookie: string): Promise<void> {
  const { secret } = (await as(cookie).send('POST', '/api/v1/me/totp/setup')).json<TotpSetupResponse>();
  const code = await generate({ secret });
  expect((await as(cookie).send('POST', '/api/v1/me/totp/enable', { code })).statusCode).toBe(200);
}

describe('the admin security settings', () => {
  it('start with the requirement off and change through PUT', async () => {
    const settings = await as(admin.cookie).get('/api/v1/admin/security');
    expect(settings.statusCode).toBe(200);
    expect(settings.json()).toEqual({ requireStaffTotp: false });

    const on = await as(admin.cookie).send('PUT', '/api/v1/admin/security', { requireStaffTotp: true });
    expect(on.json<SecuritySettings>()).toEqual({ requireStaffTotp: true });
    expect((await as(admin.cookie).get('/api/v1/admin/security')).json()).toEqual({ requireStaffTotp: true });
    await requireStaffTotp(false);
  });

  it('are for admins only and refuse a bad body with field messages', async () => {
    const agent = await signedIn(context, 'agent');
    expect((await as(agent.cookie).get('/api/v1/admin/security')).statusCode).toBe(403);
    expect(
      (await as(agent.cookie).send('PUT', '/api/v1/admin/security', { requireStaffTotp: true })).statusCode,
    ).toBe(403);
    expect((await call(context.app, 'GET', '/api/v1/admin/security')).statusCode).toBe(401);
    for (const [body, field] of [
      [{}, 'requireStaffTotp'],
      [{ requireStaffTotp: 'yes' }, 'requireStaffTotp'],
      [{ requireStaffTotp: true, other: 1 }, 'other'],
    ] as const) {
      const response = await as(admin.cookie).send('PUT', '/api/v1/admin/security', body);
      expect(response.statusCode).toBe(400);
      expect(response.json<{ error: { details: { field: string }[] } }>().error.details[0]?.field).toBe(
        field,
      );
    }
  });
});

describe('when an admin requires an authenticator app for staff', () => {
  it('limits staff without one to setting it up, until they do', async () => {
    const agent = await signedIn(context, 'agent');
    await requireStaffTotp(true);
    try {
      const me = as(agent.cookie);
      const session = await me.get('/api/v1/auth/session');
      expect(session.statusCode).toBe(200);
      expect(session.json<SessionResponse>().totpSetupRequired).toBe(true);

      for (const response of [
        await me.get('/api/v1/tickets'),
        await me.get('/api/v1/me/sessions'),
        await me.get('/api/v1/me/devices'),
        await me.get('/api/v1/tickets/queue'),
        await me.send('POST', '/api/v1/me/recovery-codes', { password: TEST_PASSWORD }),
      ]) {
        expect(response.statusCode).toBe(403);
        expect(response.json()).toEqual({
          error: { code: 'TOTP_SETUP_REQUIRED', message: 'Set up an authenticator app to continue' },
        });
      }
      const language = await me.send('PATCH', '/api/v1/me', { preferredLanguage: 'hi' });
      expect(language.statusCode).toBe(200);
      expect(language.json<SessionResponse>().totpSetupRequired).toBe(true);

      await enrol(agent.cookie);
      expect((await me.get('/api/v1/auth/session')).json<SessionResponse>().totpSetupRequired).toBe(false);
      expect((await me.get('/api/v1/tickets')).statusCode).toBe(200);

      const refused = await me.send('POST', '/api/v1/me/totp/disable', { password: TEST_PASSWORD });
      expect(refused.statusCode).toBe(409);
      expect(errorCode(refused)).toBe('TOTP_REQUIRED');
      expect((await me.get('/api/v1/auth/session')).json<SessionResponse>().user.totpEnabled).toBe(true);

      expect((await me.send('POST', '/api/v1/auth/sign-out')).statusCode).toBe(204);
    } finally {
      await requireStaffTotp(false);
    }
  });

  it('tells staff signing in on a new browser, after the emailed code, to set one up', async () => {
    const user = await createUser(context, 'admin');
    await requireStaffTotp(true);
    try {
      const browser = apiBrowser(context);
      const seen = receiver.received.length;
      const challenge = await browser.send('POST', '/api/v1/auth/sign-in', {
        email: user.email,
        password: TEST_PASSWORD,
      });
      expect(challenge.statusCode).toBe(202);
      const code = await signInCodeFor(receiver, user.email, seen);
      const verified = await browser.send('POST', '/api/v1/auth/sign-in/verify', { code });
      expect(verified.statusCode).toBe(200);
      expect(verified.json<SessionResponse>().totpSetupRequired).toBe(true);
      const blocked = await browser.send('GET', '/api/v1/admin/overview');
      expect(errorCode(blocked)).toBe('TOTP_SETUP_REQUIRED');
      // Not even the setting itself until they comply.
      expect(
        errorCode(await browser.send('PUT', '/api/v1/admin/security', { requireStaffTotp: false })),
      ).toBe('TOTP_SETUP_REQUIRED');
      expect((await browser.send('POST', '/api/v1/me/totp/setup')).statusCode).toBe(200);
    } finally {
      await requireStaffTotp(false);
    }
  });

  it('leaves customers alone', async () => {
    const customer = await signedIn(context, 'customer');
    await requireStaffTotp(true);
    try {
      const me = as(customer.cookie);
      expect((await me.get('/api/v1/auth/session')).json<SessionResponse>().totpSetupRequired).toBe(false);
      expect((await me.get('/api/v1/tickets')).statusCode).toBe(200);
    } finally {
      await requireStaffTotp(false);
    }
  });

  it('lifts the limits as soon as it is turned off', async () => {
    const agent = await signedIn(context, 'agent');
    await requireStaffTotp(true);
    expect((await as(agent.cookie).get('/api/v1/tickets')).statusCode).toBe(403);
    await requireStaffTotp(false);
    expect((await as(agent.cookie).get('/api/v1/tickets')).statusCode).toBe(200);
    expect(
      (await as(agent.cookie).get('/api/v1/auth/session')).json<SessionResponse>().totpSetupRequired,
    ).toBe(false);
  });
});
