import { sql } from 'drizzle-orm';
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
import { apiBrowser, signInCodeFor, type ApiBrowser } from '../../../../test/helpers/two-step.js';
import type { SignInVerification } from '../../../shared/contracts/auth.js';
import type { MailPage } from '../../../shared/contracts/mail.js';
import { queryRows } from '../../db/connection.js';
import type { UserRow } from '../../db/schema.js';
import { HIDDEN_BODY } from '../mail-log/mail-log.view.js';

/** New-device codes through real SMTP: sign in, read the emailed code, verify; the clock moves for expiry. */
let receiver: SmtpReceiver;
let context: TestContext;
let clockOffsetMs = 0;

beforeAll(async () => {
  receiver = await createSmtpReceiver();
  await receiver.start();
  context = await createTestApp({
    config: { ...TEST_CONFIG, trustProxy: true },
    now: () => new Date(Date.now() + clockOffsetMs),
    mail: deliverTo(receiver),
  });
});
afterAll(async () => {
  await context.close();
  await receiver.stop();
});

const signIn = (browser: ApiBrowser, user: UserRow, password = TEST_PASSWORD) =>
  browser.send('POST', '/api/v1/auth/sign-in', { email: user.email, password });
const verify = (browser: ApiBrowser, code: string, rememberDevice?: boolean) =>
  browser.send('POST', '/api/v1/auth/sign-in/verify', {
    code,
    ...(rememberDevice === undefined ? {} : { rememberDevice }),
  });
const resend = (browser: ApiBrowser) => browser.send('POST', '/api/v1/auth/sign-in/resend');
const sessionStatus = async (browser: ApiBrowser) =>
  (await browser.send('GET', '/api/v1/auth/session')).statusCode;
const errorOf = (response: { json: <T>() => T }) =>
  response.json<{ error: { code: string; details?: { field: string; message: string }[] } }>().error;

/** Signs in on a new browser and answers the emailed code. */
async function challenged(browser: ApiBrowser, user: UserRow): Promise<string> {
  const seen = receiver.received.length;
  const response = await signIn(browser, user);
  expect(response.statusCode).toBe(202);
  return signInCodeFor(receiver, user.email, seen);
}

const wrongCodeFor = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('signing in from a new browser', () => {
  it('answers 202, sets only the challenge cookie and emails a 6-digit code with the browser and IP', async () => {
    const user = await createUser(context, 'customer', { fullName: 'Kavya Rao' });
    const browser = apiBrowser(context, { userAgent: 'Mozilla/5.0 Firefox/140.0 (new laptop)' });
    const seen = receiver.received.length;
    const started = Date.now();
    const response = await signIn(browser, user);

    expect(response.statusCode).toBe(202);
    const body = response.json<SignInVerification>();
    expect(body).toEqual({ verification: { method: 'email', expiresAt: expect.any(String) as string } });
    const expiresIn = new Date(body.verification.expiresAt).getTime() - started;
    expect(expiresIn).toBeGreaterThan(9.9 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(10 * 60_000 + 5_000);
    expect(response.cookies.map((c) => c.name)).toEqual(['ccr_sign_in']);
    expect(response.cookies[0]).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/v1/auth' });
    expect(response.cookies[0]?.value).toMatch(/^[\w-]{43}$/);
    expect(await sessionStatus(browser)).toBe(401);

    const code = await signInCodeFor(receiver, user.email, seen);
    expect(code).toMatch(/^\d{6}$/);
    const mail = receiver.received.slice(seen).find((r) => r.rcptTo.includes(user.email))?.mail;
    expect(mail?.subject).toBe('Your Customer Care Registry sign-in code');
    expect(mail?.text).toContain('Hello Kavya Rao,');
    expect(mail?.text).toContain('10 minutes');
    expect(mail?.text).toContain(`Mozilla/5.0 Firefox/140.0 (new laptop) (${browser.ip})`);
    expect(mail?.text).toContain('change your password');
    expect(mail?.html).toContain(code);

    // The code never appears in the database, only a hash bound to the challenge token.
    const rows = await queryRows<{ code_hash: string; method: string }>(
      context.db.database.db,
      sql`select code_hash, method from sign_in_challenges where user_id = ${user.id}`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.method).toBe('email');
    expect(rows[0]?.code_hash).not.toContain(code);
  });

  it('signs in with the right code, remembers the browser for 30 days and asks nothing next time', async () => {
    const user = await createUser(context, 'customer');
    const browser = apiBrowser(context);
    const code = await challenged(browser, user);

    const verified = await verify(browser, code);
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ user: { id: user.id }, totpSetupRequired: false });
    const device = verified.cookies.find((c) => c.name === 'ccr_device');
    expect(device).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(device?.secure).toBeFalsy();
    expect(device?.value).toMatch(/^[\w-]{43}\.[\w-]{43}$/);
    const days = ((device?.expires?.getTime() ?? 0) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    expect(verified.cookies.find((c) => c.name === 'ccr_sign_in')?.value).toBe('');
    expect(await sessionStatus(browser)).toBe(200);

    // The code works once.
    expect(errorOf(await verify(browser, code)).code).toBe('CODE_EXPIRED');

    await browser.send('POST', '/api/v1/auth/sign-out');
    const seen = receiver.received.length;
    const again = await signIn(browser, user);
    expect(again.statusCode).toBe(200);
    expect(await sessionStatus(browser)).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receiver.received.slice(seen).filter((r) => r.rcptTo.includes(user.email))).toEqual([]);
  });

  it('does not remember the browser when asked not to', async () => {
    const user = await createUser(context, 'customer');
    const browser = apiBrowser(context);
    const verified = await verify(browser, await challenged(browser, user), false);
    expect(verified.statusCode).toBe(200);
    expect(verified.cookies.find((c) => c.name === 'ccr_device')).toBeUndefined();
    await browser.send('POST', '/api/v1/auth/sign-out');
    expect((await signIn(browser, user)).statusCode).toBe(202);
  });

  it('starts a fresh session: the one the browser had before verifying ends', async () => {
    const before = await signedIn(context, 'customer');
    const user = await createUser(context, 'customer');
    const browser = apiBrowser(context);
    browser.cookies.set('ccr_session', before.cookie.slice('ccr_session='.length));
    const code = await challenged(browser, user);
    expect((await verify(browser, code)).statusCode).toBe(200);
    const old = await call(context.app, 'GET', '/api/v1/auth/session', undefined, { cookie: before.cookie });
    expect(old.statusCode).toBe(401);
    expect((await browser.send('GET', '/api/v1/auth/session')).json()).toMatchObject({
      user: { id: user.id },
    });
  });

  it('counts wrong codes down and locks the challenge at the 5th, even for the right code', async () => {
    const user = await createUser(context, 'customer');
    const browser = apiBrowser(context);
    const code = await challenged(browser, user);
    const wrong = wrongCodeFor(code);

    for (const left of [4, 3, 2, 1]) {
      const response = await verify(browser, wrong);
      expect(response.statusCode).toBe(400);
      expect(errorOf(response)).toEqual({
        code: 'VALIDATION_FAILED',
        message: 'Some fields are not valid',
        details: [
          { field: 'code', message: `The code is incorrect (${left} attempt${left === 1 ? '' : 's'} left)` },
        ],
      });
    }
    const fifth = await verify(browser, wrong);
    expect(fifth.statusCode).toBe(400);
    expect(errorOf(fifth)).toEqual({
      code: 'CODE_EXPIRED',
      message: 'This code has expired or was tried too often. Sign in again.',
    });
    const right = await verify(browser, code);
    expect(right.statusCode).toBe(400);
    expect(errorOf(right).code).toBe('CODE_EXPIRED');
    expect(await sessionStatus(browser)).toBe(401);
  });

  it('lets parallel guesses use no more than 5 attempts', async () => {
    const user = await createUser(context, 'customer');
    const browser = apiBrowser(context);
    const wrong = wrongCodeFor(await challenged(browser, user));
    const responses = await Promise.all(Array.from({ length: 8 }, () => verify(browser, wrong)));
    const codes = responses.map((r) => errorOf(r).code).sort();
    expect(codes.filter((c) => c === 'VALIDATION_FAILED')).toHaveLength(4);
    expect(codes.filter((c) => c === 'CODE_EXPIRED')).toHaveLength(4);
    const [row] = await queryRows<{ attempts: number }>(
      context.db.database.db,
      sql`select attempts from sign_in_challenges where user_id = ${user.id}`,
    );
    expect(row?.attempts).toBe(5);
  });

  it('expires the code after 10 minutes', async () => {
    const user = await createUser(context, 'customer');
    const browser = apiBrowser(context);
    const code = await challenged(browser, user);
    clockOffsetMs = 10 * 60_000 + 1_000;
    try {
      const response = await verify(browser, code);
      expect(response.statusCode).toBe(400);
      expect(errorOf(response).code).toBe('CODE_EXPIRED');
    } finally {
      clockOffsetMs = 0;
    }
  });

  it('works for 9 minutes', async () => {
    const user = await createUser(context, 'customer');
    const browser = apiBrowser(context);
    const code = await challenged(browser, user);
    clockOffsetMs = 9 * 60_000;
    try {
      expect((await verify(browser, code)).statusCode).toBe(200);
    } finally {
      clockOffsetMs = 0;
    }
  });

  it('resends a new code that replaces the old one, with a new expiry and fresh attempts', async () => {
    const user = await createUser(context, 'customer');
    const browser = apiBrowser(context);
    const first = await challenged(browser, user);
    for (let i = 0; i < 4; i++) expect((await verify(browser, wrongCodeFor(first))).statusCode).toBe(400);

    clockOffsetMs = 5 * 60_000;
    try {
      const seen = receiver.received.length;
      const resent = await resend(browser);
      expect(resent.statusCode).toBe(202);
      const expiresAt = new Date(resent.json<SignInVerification>().verification.expiresAt).getTime();
      expect(expiresAt - (Date.now() + clockOffsetMs)).toBeGreaterThan(9.9 * 60_000);
      const second = await signInCodeFor(receiver, user.email, seen);
      if (second !== first) {
        const old = await verify(browser, first);
        expect(errorOf(old).details?.[0]?.message).toBe('The code is incorrect (4 attempts left)');
      }
      expect((await verify(browser, second)).statusCode).toBe(200);
    } finally {
      clockOffsetMs = 0;
    }
  });

  it('limits resends per account: the 4th within 15 minutes gets 429', async () => {
    const user = await createUser(context, 'customer');
    const browser = apiBrowser(context);
    await challenged(browser, user);
    for (let i = 0; i < 3; i++) expect((await resend(browser)).statusCode).toBe(202);
    const limited = await resend(browser);
    expect(limited.statusCode).toBe(429);
    expect(errorOf(limited).code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('answers CODE_EXPIRED to verify and resend without a challenge, and 400 to a bad body', async () => {
    const browser = apiBrowser(context);
    for (const response of [await verify(browser, '123456'), await resend(browser)]) {
      expect(response.statusCode).toBe(400);
      expect(errorOf(response).code).toBe('CODE_EXPIRED');
    }
    browser.cookies.set('ccr_sign_in', 'made-up-token');
    expect(errorOf(await verify(browser, '123456')).code).toBe('CODE_EXPIRED');

    for (const body of [
      {},
      { code: '' },
      { code: 123456 },
      { code: '123456', extra: 1 },
      { code: '1', rememberDevice: 'yes' },
    ]) {
      const response = await browser.send('POST', '/api/v1/auth/sign-in/verify', body);
      expect(response.statusCode).toBe(400);
      expect(errorOf(response).code).toBe('VALIDATION_FAILED');
      expect(errorOf(response).details?.[0]?.field).toMatch(/^(code|extra|rememberDevice)$/);
    }
  });

  it('says nothing about the account before the password is right', async () => {
    const user = await createUser(context, 'customer');
    const browser = apiBrowser(context);
    const seen = receiver.received.length;
    const wrong = await signIn(browser, user, 'wrong password!');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.cookies).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receiver.received.slice(seen).filter((r) => r.rcptTo.includes(user.email))).toEqual([]);
  });

  it('limits verification attempts per IP: the 51st within 15 minutes gets 429', async () => {
    const browser = apiBrowser(context);
    for (let i = 0; i < 50; i++) expect((await verify(browser, '000000')).statusCode).toBe(400);
    expect((await verify(browser, '000000')).statusCode).toBe(429);
  });

  it('limits new challenges per account: the 11th within 15 minutes gets 429', async () => {
    const user = await createUser(context, 'customer');
    for (let i = 0; i < 10; i++) expect((await signIn(apiBrowser(context), user)).statusCode).toBe(202);
    const limited = await signIn(apiBrowser(context), user);
    expect(limited.statusCode).toBe(429);
    expect(errorOf(limited).code).toBe('RATE_LIMITED');
  });

  it('hides the code from the admin Mail log', async () => {
    const user = await createUser(context, 'customer');
    await challenged(apiBrowser(context), user);
    const admin = await signedIn(context, 'admin');
    const page = (
      await call(context.app, 'GET', '/api/v1/admin/mail?limit=100', undefined, { cookie: admin.cookie })
    ).json<MailPage>();
    const item = page.items.find((mail) => mail.to === user.email && mail.kind === 'sign_in_code');
    expect(item).toBeDefined();
    const detail = await call(context.app, 'GET', `/api/v1/admin/mail/${item?.id ?? ''}`, undefined, {
      cookie: admin.cookie,
    });
    expect(detail.json()).toMatchObject({ text: HIDDEN_BODY, html: HIDDEN_BODY });
  });
});

describe('with NEW_DEVICE_CODES off', () => {
  it('signs in with the password alone and sends nothing', async () => {
    const off = await createTestApp({ config: { ...TEST_CONFIG, newDeviceCodes: false } });
    try {
      const user = await createUser(off, 'agent');
      const response = await call(off.app, 'POST', '/api/v1/auth/sign-in', {
        email: user.email,
        password: TEST_PASSWORD,
      });
      expect(response.statusCode).toBe(200);
      expect(response.cookies.map((c) => c.name)).toEqual(['ccr_session']);
      const [row] = await queryRows<{ n: number }>(
        off.db.database.db,
        sql`select count(*)::int as n from outbox_emails where kind = 'sign_in_code'`,
      );
      expect(row?.n).toBe(0);
    } finally {
      await off.close();
    }
  });
});
