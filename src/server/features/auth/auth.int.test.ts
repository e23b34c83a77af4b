import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/connection.js';
import {
  call,
  createTestApp,
  createUser,
  knownDeviceSignIn,
  sessionCookie,
  sessionStatus,
  TEST_CONFIG,
  TEST_PASSWORD,
  uniqueEmail,
  type TestContext,
} from '../../../../test/helpers/app.js';

let context: TestContext;
beforeAll(async () => {
  context = await createTestApp();
});
afterAll(() => context.close());

const registration = (overrides: Record<string, unknown> = {}) => ({
  fullName: 'Asha Rao',
  email: uniqueEmail('asha'),
  password: 'a long enough password',
  passwordConfirmation: 'a long enough password',
  ...overrides,
});

const countUsers = async () =>
  (await queryRows<{ n: number }>(context.db.database.db, sql`select count(*)::int as n from users`))[0]?.n;

describe('registration', () => {
  it('creates a signed-in customer with a normalised email and an argon2id hash', async () => {
    const email = uniqueEmail('Mixed.Case');
    const response = await call(context.app, 'POST', '/api/v1/auth/register', {
      ...registration(),
      email: `  ${email.toUpperCase()} `,
    });
    expect(response.statusCode).toBe(201);
    const { user } = response.json<{ user: Record<string, unknown> }>();
    expect(user).toMatchObject({
      fullName: 'Asha Rao',
      email: email.toLowerCase(),
      role: 'customer',
      emailConfirmed: false,
    });
    expect(Object.keys(user).sort()).toEqual([
      'createdAt',
      'email',
      'emailConfirmed',
      'fullName',
      'id',
      'preferredLanguage',
      'role',
      'totpEnabled',
    ]);

    const [row] = await queryRows<{ password_hash: string }>(
      context.db.database.db,
      sql`select password_hash from users where email = ${email.toLowerCase()}`,
    );
    expect(row?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

    const session = await call(context.app, 'GET', '/api/v1/auth/session', undefined, {
      cookie: sessionCookie(response),
    });
    expect(session.statusCode).toBe(200);
    expect(session.json<{ user: { email: string } }>().user.email).toBe(email.toLowerCase());
  });

  it('sets an HttpOnly, SameSite=Lax session cookie that is not Secure over plain http', async () => {
    const response = await call(context.app, 'POST', '/api/v1/auth/register', registration());
    const cookie = response.cookies.find((c) => c.name === 'ccr_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    expect(cookie?.value).toMatch(/^[\w-]{43}$/);
  });

  it('refuses a second account with the same email, whatever its case, with 409', async () => {
    const body = registration();
    expect((await call(context.app, 'POST', '/api/v1/auth/register', body)).statusCode).toBe(201);
    const before = await countUsers();
    const again = await call(context.app, 'POST', '/api/v1/auth/register', {
      ...body,
      email: body.email.toUpperCase(),
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toEqual({
      error: {
        code: 'CONFLICT',
        message: 'An account with this email already exists',
        details: [{ field: 'email', message: 'is already registered' }],
      },
    });
    expect(await countUsers()).toBe(before);
  });

  it.each([
    [
      'a short password',
      { password: 'short', passwordConfirmation: 'short' },
      'password',
      'must be at least 10 characters',
    ],
    [
      'a confirmation that differs',
      { passwordConfirmation: 'another long password' },
      'passwordConfirmation',
      'does not match the password',
    ],
    ['a missing confirmation', { passwordConfirmation: undefined }, 'passwordConfirmation', 'is required'],
    ['an invalid email', { email: 'not-an-email' }, 'email', 'must be a valid email address'],
    ['a blank name', { fullName: '   ' }, 'fullName', 'must not be blank'],
    ['an unknown field', { role: 'admin' }, 'role', 'is not an allowed field'],
    ['a number for a string', { fullName: 42 }, 'fullName', 'must be string'],
  ])(
    'answers 400 with a field message for %s, and writes nothing',
    async (_case, overrides, field, message) => {
      const before = await countUsers();
      const response = await call(context.app, 'POST', '/api/v1/auth/register', registration(overrides));
      expect(response.statusCode).toBe(400);
      const { error } = response.json<{
        error: { code: string; details: { field: string; message: string }[] };
      }>();
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.details).toContainEqual({ field, message });
      expect(await countUsers()).toBe(before);
    },
  );

  it('answers malformed JSON with 400, an oversized body with 413 and another media type with 415', async () => {
    const before = await countUsers();
    const headers = { 'x-ccr-csrf': '1', 'content-type': 'application/json' };
    const malformed = await context.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      headers,
      payload: '{"fullName": "Asha",',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json<{ error: { code: string } }>().error.code).toBe('BAD_REQUEST');

    const oversized = await context.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      headers,
      payload: JSON.stringify(registration({ fullName: 'x'.repeat(100_000) })),
    });
    expect(oversized.statusCode).toBe(413);
    expect(oversized.json<{ error: { code: string } }>().error.code).toBe('PAYLOAD_TOO_LARGE');

    const form = await context.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      headers: { 'x-ccr-csrf': '1', 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'fullName=Asha',
    });
    expect(form.statusCode).toBe(415);
    for (const response of [malformed, oversized, form]) {
      expect(response.body).not.toMatch(/at .*\.(js|ts):\d+/);
    }
    expect(await countUsers()).toBe(before);
  });
});

describe('sign-in', () => {
  it('signs in with the right password and issues a new session id each time', async () => {
    const user = await createUser(context, 'customer');
    const first = await knownDeviceSignIn(context, { email: user.email, password: TEST_PASSWORD });
    expect(first.statusCode).toBe(200);
    const firstCookie = sessionCookie(first);

    const second = await knownDeviceSignIn(
      context,
      { email: ` ${user.email.toUpperCase()}`, password: TEST_PASSWORD },
      { cookie: firstCookie },
    );
    expect(second.statusCode).toBe(200);
    const secondCookie = sessionCookie(second);
    expect(secondCookie).not.toBe(firstCookie);
    // The session the browser had before signing in again is gone.
    expect(
      (await call(context.app, 'GET', '/api/v1/auth/session', undefined, { cookie: firstCookie })).statusCode,
    ).toBe(401);
    expect(
      (await call(context.app, 'GET', '/api/v1/auth/session', undefined, { cookie: secondCookie }))
        .statusCode,
    ).toBe(200);
  });

  it('answers a wrong password and an unknown email identically', async () => {
    const user = await createUser(context, 'customer');
    const wrong = await call(context.app, 'POST', '/api/v1/auth/sign-in', {
      email: user.email,
      password: 'wrong password!',
    });
    const unknown = await call(context.app, 'POST', '/api/v1/auth/sign-in', {
      email: uniqueEmail('nobody'),
      password: 'wrong password!',
    });
    for (const response of [wrong, unknown]) {
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({
        error: { code: 'INVALID_CREDENTIALS', message: 'Email or password is incorrect' },
      });
      expect(response.cookies.find((c) => c.name === 'ccr_session')).toBeUndefined();
    }
  });

  it('spends about as long on an unknown email as on a wrong password', async () => {
    const user = await createUser(context, 'customer');
    const time = async (email: string) => {
      const started = performance.now();
      await call(context.app, 'POST', '/api/v1/auth/sign-in', { email, password: 'wrong password!' });
      return performance.now() - started;
    };
    // The fastest of each: load on the machine only ever adds time, so it can't fake the equality.
    const fastest = (values: number[]) => Math.min(...values);
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      known.push(await time(user.email));
      unknown.push(await time(uniqueEmail('ghost')));
    }
    // Both pay for one argon2 verification; without the dummy check the unknown email is ~10x faster.
    expect(fastest(unknown)).toBeGreaterThan(fastest(known) * 0.5);
  });

  it('limits attempts per account: the 11th within 15 minutes gets 429 with Retry-After', async () => {
    const user = await createUser(context, 'customer');
    for (let i = 0; i < 10; i++) {
      const response = await call(context.app, 'POST', '/api/v1/auth/sign-in', {
        email: user.email,
        password: 'wrong password!',
      });
      expect(response.statusCode).toBe(401);
    }
    const limited = await call(context.app, 'POST', '/api/v1/auth/sign-in', {
      email: user.email,
      password: TEST_PASSWORD,
    });
    expect(limited.statusCode).toBe(429);
    expect(limited.json<{ error: { code: string } }>().error.code).toBe('RATE_LIMITED');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
  });

  it('limits attempts per IP across accounts', async () => {
    const ip = { headers: { 'x-forwarded-for': '203.0.113.9' } };
    const limitedApp = await createTestApp({
      config: { ...TEST_CONFIG, trustProxy: true },
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 51; i++) {
        const response = await call(
          limitedApp.app,
          'POST',
          '/api/v1/auth/sign-in',
          { email: uniqueEmail('spray'), password: 'wrong password!' },
          ip,
        );
        statuses.push(response.statusCode);
      }
      expect(statuses.slice(0, 50).every((status) => status === 401)).toBe(true);
      expect(statuses[50]).toBe(429);
      // Another address is not affected.
      const other = await call(
        limitedApp.app,
        'POST',
        '/api/v1/auth/sign-in',
        { email: uniqueEmail('spray'), password: 'wrong password!' },
        { headers: { 'x-forwarded-for': '198.51.100.4' } },
      );
      expect(other.statusCode).toBe(401);
    } finally {
      await limitedApp.close();
    }
  });
});

describe('sessions', () => {
  it('sign-out revokes the session on the server, not only in the browser', async () => {
    const user = await createUser(context, 'customer');
    const cookie = sessionCookie(
      await knownDeviceSignIn(context, { email: user.email, password: TEST_PASSWORD }),
    );
    const out = await call(context.app, 'POST', '/api/v1/auth/sign-out', undefined, { cookie });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'ccr_session')?.value).toBe('');
    // Replaying the old cookie does not work.
    expect((await call(context.app, 'GET', '/api/v1/auth/session', undefined, { cookie })).statusCode).toBe(
      401,
    );
  });

  it('ends a session after the idle timeout and after the absolute lifetime', async () => {
    let now = new Date('2026-03-01T09:00:00Z');
    const clocked = await createTestApp({
      now: () => now,
      config: { ...TEST_CONFIG, sessionIdleMinutes: 30, sessionMaxHours: 2 },
    });
    try {
      const user = await createUser(clocked, 'customer');
      const signIn = async () =>
        sessionCookie(
          await knownDeviceSignIn(
            clocked,
            { email: user.email, password: TEST_PASSWORD },
            { now: () => now },
          ),
        );
      const status = (cookie: string) => sessionStatus(clocked.app, cookie);

      const idle = await signIn();
      now = new Date(now.getTime() + 29 * 60_000);
      expect(await status(idle)).toBe(200);
      now = new Date(now.getTime() + 31 * 60_000);
      expect(await status(idle)).toBe(401);

      // Active every 20 minutes, the session still ends two hours after sign-in.
      const active = await signIn();
      const started = now.getTime();
      for (let minutes = 20; minutes < 120; minutes += 20) {
        now = new Date(started + minutes * 60_000);
        expect(await status(active)).toBe(200);
      }
      now = new Date(started + 120 * 60_000);
      expect(await status(active)).toBe(401);
    } finally {
      await clocked.close();
    }
  });

  it('marks the cookie Secure when served over https behind a trusted proxy', async () => {
    const proxied = await createTestApp({
      config: { ...TEST_CONFIG, publicUrl: 'https://help.example.com', trustProxy: true },
    });
    try {
      const response = await call(proxied.app, 'POST', '/api/v1/auth/register', registration(), {
        headers: { 'x-forwarded-proto': 'https', origin: 'https://help.example.com' },
      });
      expect(response.statusCode).toBe(201);
      expect(response.cookies.find((c) => c.name === 'ccr_session')?.secure).toBe(true);
    } finally {
      await proxied.close();
    }
  });
});
