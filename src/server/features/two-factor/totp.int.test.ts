import { sql } from 'drizzle-orm';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createTestApp,
  createUser,
  knownDeviceSignIn,
  sessionCookie,
  signedIn,
  TEST_CONFIG,
  TEST_PASSWORD,
  type TestContext,
} from '../../../../test/helpers/app.js';
import { apiBrowser, type ApiBrowser } from '../../../../test/helpers/two-step.js';
import type { SessionResponse, SignInVerification } from '../../../shared/contracts/auth.js';
import type { RecoveryCodesResponse, TotpSetupResponse } from '../../../shared/contracts/two-factor.js';
import { queryRows } from '../../db/connection.js';
import type { UserRow } from '../../db/schema.js';

let context: TestContext;
let clockOffsetMs = 0;
let frozen: Date | undefined;
const now = () => frozen ?? new Date(Date.now() + clockOffsetMs);

beforeAll(async () => {
  context = await createTestApp({ config: { ...TEST_CONFIG, trustProxy: true }, now });
});
afterAll(() => context.close());

/** The code the user's authenticator shows at the app's current time. */
const codeNow = (secret: string) => generate({ secret, epoch: Math.floor(now().getTime() / 1000) });
/** The next 30-second step: a code that was not used yet. */
const nextStep = () => {
  clockOffsetMs += 30_000;
};

const post = (cookie: string, url: string, body?: unknown) =>
  call(context.app, 'POST', url, body, { cookie });
const errorOf = (response: { json: <T>() => T }) =>
  response.json<{ error: { code: string; details?: { field: string; message: string }[] } }>().error;

/** A signed-in staff member with an authenticator turned on. */
async function enrolled(role: 'agent' | 'admin' = 'agent') {
  const { user, cookie } = await signedIn(context, role);
  const setup = (await post(cookie, '/api/v1/me/totp/setup')).json<TotpSetupResponse>();
  const enabled = await post(cookie, '/api/v1/me/totp/enable', { code: await codeNow(setup.secret) });
  expect(enabled.statusCode).toBe(200);
  return { user, cookie, secret: setup.secret, ...enabled.json<RecoveryCodesResponse>() };
}

const signIn = (browser: ApiBrowser, user: UserRow) =>
  browser.send('POST', '/api/v1/auth/sign-in', { email: user.email, password: TEST_PASSWORD });
const verify = (browser: ApiBrowser, code: string) =>
  browser.send('POST', '/api/v1/auth/sign-in/verify', { code });

describe('setting up an authenticator app', () => {
  it('gives a secret, its otpauth URL and a QR code, and turns on with a code from the app', async () => {
    const { user, cookie } = await signedIn(context, 'agent');
    const setup = await post(cookie, '/api/v1/me/totp/setup');
    expect(setup.statusCode).toBe(200);
    const body = setup.json<TotpSetupResponse>();
    expect(body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(body.otpauthUrl).toBe(
      `otpauth://totp/Customer%20Care%20Registry:${encodeURIComponent(user.email)}?secret=${body.secret}&issuer=Customer%20Care%20Registry`,
    );
    expect(body.qrCodeSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    const pending = await call(context.app, 'GET', '/api/v1/auth/session', undefined, { cookie });
    expect(pending.json<SessionResponse>().user.totpEnabled).toBe(false);

    const wrong = await post(cookie, '/api/v1/me/totp/enable', {
      code: '000000' === (await codeNow(body.secret)) ? '111111' : '000000',
    });
    expect(wrong.statusCode).toBe(400);
    expect(errorOf(wrong).details).toEqual([{ field: 'code', message: 'The code is incorrect' }]);

    const enabled = await post(cookie, '/api/v1/me/totp/enable', { code: await codeNow(body.secret) });
    expect(enabled.statusCode).toBe(200);
    const { recoveryCodes } = enabled.json<RecoveryCodesResponse>();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[2-9a-hjkmnp-z]{4}-[2-9a-hjkmnp-z]{4}$/);

    const session = await call(context.app, 'GET', '/api/v1/auth/session', undefined, { cookie });
    expect(session.json<SessionResponse>().user.totpEnabled).toBe(true);
    // Only hashes of the recovery codes are stored.
    const stored = await queryRows<{ code_hash: string }>(
      context.db.database.db,
      sql`select code_hash from recovery_codes where user_id = ${user.id}`,
    );
    expect(stored).toHaveLength(10);
    for (const row of stored)
      for (const code of recoveryCodes) expect(row.code_hash).not.toContain(code.replace('-', ''));
  });

  it('refuses to set up again while on, and to enable without a setup or twice', async () => {
    const { cookie } = await enrolled();
    expect((await post(cookie, '/api/v1/me/totp/setup')).statusCode).toBe(409);
    expect((await post(cookie, '/api/v1/me/totp/enable', { code: '123456' })).statusCode).toBe(409);

    const fresh = await signedIn(context, 'admin');
    const notStarted = await post(fresh.cookie, '/api/v1/me/totp/enable', { code: '123456' });
    expect(notStarted.statusCode).toBe(409);
    expect(errorOf(notStarted).code).toBe('CONFLICT');
  });

  it('is only for agents and admins', async () => {
    const { cookie } = await signedIn(context, 'customer');
    for (const url of [
      '/api/v1/me/totp/setup',
      '/api/v1/me/totp/enable',
      '/api/v1/me/totp/disable',
      '/api/v1/me/recovery-codes',
    ]) {
      const response = await post(
        cookie,
        url,
        url.endsWith('setup')
          ? undefined
          : url.endsWith('enable')
            ? { code: '123456' }
            : { password: TEST_PASSWORD },
      );
      expect(response.statusCode).toBe(403);
      expect(errorOf(response).code).toBe('FORBIDDEN');
    }
    expect((await call(context.app, 'POST', '/api/v1/me/totp/setup')).statusCode).toBe(401);
  });

  it('answers 400 with a field message for a bad body', async () => {
    const { cookie } = await signedIn(context, 'agent');
    for (const [url, body, field] of [
      ['/api/v1/me/totp/enable', {}, 'code'],
      ['/api/v1/me/totp/enable', { code: 123456 }, 'code'],
      ['/api/v1/me/totp/disable', { password: '' }, 'password'],
      ['/api/v1/me/recovery-codes', { password: TEST_PASSWORD, extra: true }, 'extra'],
    ] as const) {
      const response = await post(cookie, url, body);
      expect(response.statusCode).toBe(400);
      expect(errorOf(response).details?.[0]?.field).toBe(field);
    }
  });
});

describe('signing in with an authenticator app', () => {
  it('asks a new browser for the authenticator code instead of emailing one, then remembers it', async () => {
    const { user, secret } = await enrolled();
    nextStep();
    const browser = apiBrowser(context);
    const challenge = await signIn(browser, user);
    expect(challenge.statusCode).toBe(202);
    expect(challenge.json<SignInVerification>().verification.method).toBe('totp');
    const [emails] = await queryRows<{ n: number }>(
      context.db.database.db,
      sql`select count(*)::int as n from outbox_emails where to_address = ${user.email} and kind = 'sign_in_code'`,
    );
    expect(emails?.n).toBe(0);

    const verified = await verify(browser, await codeNow(secret));
    expect(verified.statusCode).toBe(200);
    expect(verified.json<SessionResponse>().user.totpEnabled).toBe(true);
    expect(browser.cookies.has('ccr_device')).toBe(true);
    await browser.send('POST', '/api/v1/auth/sign-out');
    expect((await signIn(browser, user)).statusCode).toBe(200);
  });

  it('allows one step of clock drift either way, not two', async () => {
    const { user, secret } = await enrolled();
    clockOffsetMs += 120_000;
    // Frozen, so that no step boundary passes between making a code and checking it.
    const fixed = now();
    frozen = fixed;
    try {
      const at = (seconds: number) =>
        generate({ secret, epoch: Math.floor(fixed.getTime() / 1000) + seconds });
      for (const seconds of [-60, 60]) {
        const browser = apiBrowser(context);
        await signIn(browser, user);
        expect((await verify(browser, await at(seconds))).statusCode).toBe(400);
      }
      for (const seconds of [-30, 30]) {
        const browser = apiBrowser(context);
        await signIn(browser, user);
        expect((await verify(browser, await at(seconds))).statusCode).toBe(200);
      }
    } finally {
      frozen = undefined;
      clockOffsetMs += 60_000;
    }
  });

  it('never accepts the same code twice, even on another browser', async () => {
    const { user, secret } = await enrolled();
    nextStep();
    const code = await codeNow(secret);
    const first = apiBrowser(context);
    const second = apiBrowser(context);
    await signIn(first, user);
    await signIn(second, user);
    expect((await verify(first, code)).statusCode).toBe(200);
    const replayed = await verify(second, code);
    expect(replayed.statusCode).toBe(400);
    expect(errorOf(replayed).details?.[0]?.message).toBe('The code is incorrect (4 attempts left)');
    // Nor the code that turned the app on.
    nextStep();
    expect((await verify(second, await codeNow(secret))).statusCode).toBe(200);
  });

  it('accepts each recovery code once, however it is typed', async () => {
    const { user, recoveryCodes } = await enrolled();
    const [code] = recoveryCodes;
    const first = apiBrowser(context);
    await signIn(first, user);
    expect((await verify(first, ` ${(code ?? '').toUpperCase().replace('-', ' - ')} `)).statusCode).toBe(200);

    const second = apiBrowser(context);
    await signIn(second, user);
    expect((await verify(second, code ?? '')).statusCode).toBe(400);
    expect((await verify(second, recoveryCodes[1] ?? '')).statusCode).toBe(200);
  });

  it('locks the challenge after 5 wrong codes', async () => {
    const { user, secret } = await enrolled();
    nextStep();
    const browser = apiBrowser(context);
    await signIn(browser, user);
    for (let i = 0; i < 4; i++)
      expect(errorOf(await verify(browser, 'zzzz-zzzz')).code).toBe('VALIDATION_FAILED');
    expect(errorOf(await verify(browser, '12345')).code).toBe('CODE_EXPIRED');
    expect(errorOf(await verify(browser, await codeNow(secret))).code).toBe('CODE_EXPIRED');
  });

  it('does not resend anything for an authenticator challenge', async () => {
    const { user } = await enrolled();
    const browser = apiBrowser(context);
    await signIn(browser, user);
    const response = await browser.send('POST', '/api/v1/auth/sign-in/resend');
    expect(response.statusCode).toBe(409);
  });

  it('applies even with NEW_DEVICE_CODES off', async () => {
    const off = await createTestApp({ config: { ...TEST_CONFIG, newDeviceCodes: false }, now });
    try {
      const user = await createUser(off, 'admin');
      const cookie = sessionCookie(
        await knownDeviceSignIn(off, { email: user.email, password: TEST_PASSWORD }),
      );
      const { secret } = (
        await call(off.app, 'POST', '/api/v1/me/totp/setup', undefined, { cookie })
      ).json<TotpSetupResponse>();
      const code = await codeNow(secret);
      expect((await call(off.app, 'POST', '/api/v1/me/totp/enable', { code }, { cookie })).statusCode).toBe(
        200,
      );

      const challenge = await call(off.app, 'POST', '/api/v1/auth/sign-in', {
        email: user.email,
        password: TEST_PASSWORD,
      });
      expect(challenge.statusCode).toBe(202);
      expect(challenge.json<SignInVerification>().verification.method).toBe('totp');
    } finally {
      await off.close();
    }
  });
});

describe('turning the authenticator off and replacing recovery codes', () => {
  it('asks for the password to turn it off, then new browsers get an emailed code again', async () => {
    const { user, cookie } = await enrolled();
    const wrong = await post(cookie, '/api/v1/me/totp/disable', { password: 'not my password' });
    expect(wrong.statusCode).toBe(400);
    expect(errorOf(wrong).details).toEqual([{ field: 'password', message: 'is incorrect' }]);

    expect((await post(cookie, '/api/v1/me/totp/disable', { password: TEST_PASSWORD })).statusCode).toBe(204);
    const session = await call(context.app, 'GET', '/api/v1/auth/session', undefined, { cookie });
    expect(session.json<SessionResponse>().user.totpEnabled).toBe(false);
    const [row] = await queryRows<{ secret: string | null; codes: number }>(
      context.db.database.db,
      sql`select totp_secret as secret, (select count(*)::int from recovery_codes where user_id = ${user.id}) as codes
          from users where id = ${user.id}`,
    );
    expect(row).toEqual({ secret: null, codes: 0 });

    const browser = apiBrowser(context);
    const challenge = await signIn(browser, user);
    expect(challenge.json<SignInVerification>().verification.method).toBe('email');
  });

  it('replaces the recovery codes with the password: the old ones stop working', async () => {
    const { user, cookie, recoveryCodes: old } = await enrolled();
    expect(
      (await post(cookie, '/api/v1/me/recovery-codes', { password: 'not my password' })).statusCode,
    ).toBe(400);
    const replaced = await post(cookie, '/api/v1/me/recovery-codes', { password: TEST_PASSWORD });
    expect(replaced.statusCode).toBe(200);
    const { recoveryCodes } = replaced.json<RecoveryCodesResponse>();
    expect(recoveryCodes).toHaveLength(10);
    expect(recoveryCodes.filter((code) => old.includes(code))).toEqual([]);

    const browser = apiBrowser(context);
    await signIn(browser, user);
    expect((await verify(browser, old[0] ?? '')).statusCode).toBe(400);
    expect((await verify(browser, recoveryCodes[0] ?? '')).statusCode).toBe(200);
  });

  it('refuses new recovery codes without an authenticator', async () => {
    const { cookie } = await signedIn(context, 'agent');
    expect((await post(cookie, '/api/v1/me/recovery-codes', { password: TEST_PASSWORD })).statusCode).toBe(
      409,
    );
  });

  it('limits password confirmations per account', async () => {
    const { cookie } = await enrolled();
    for (let i = 0; i < 10; i++) {
      expect(
        (await post(cookie, '/api/v1/me/totp/disable', { password: 'guess number ' + i })).statusCode,
      ).toBe(400);
    }
    expect((await post(cookie, '/api/v1/me/totp/disable', { password: TEST_PASSWORD })).statusCode).toBe(429);
  });
});
