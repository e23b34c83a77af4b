import { sql } from 'drizzle-orm';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createTestApp,
  knownDeviceSignIn,
  sessionCookie,
  TEST_CONFIG,
  TEST_PASSWORD,
  uniqueEmail,
  type TestContext,
} from '../../../../test/helpers/app.js';
import {
  createSmtpReceiver,
  waitFor,
  type SmtpReceiver,
  deliverTo,
} from '../../../../test/helpers/smtp-receiver.js';
import { RESET_LINK_MINUTES } from '../../../shared/contracts/account.js';
import type { Language } from '../../../shared/languages.js';
import { queryRows } from '../../db/connection.js';
import type { UserRow } from '../../db/schema.js';
import { createUsersService } from '../users/users.service.js';

/**
 * The whole journey through real SMTP: ask for a link, read the email that arrives, follow its link.
 * The proxy is trusted so that each test can call from its own address (the per-IP limit is shared).
 */
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

let ipSequence = 0;
const newIp = () => `203.0.113.${++ipSequence}`;

const forgot = (email: string, ip = newIp()) =>
  call(
    context.app,
    'POST',
    '/api/v1/auth/forgot-password',
    { email },
    { headers: { 'x-forwarded-for': ip } },
  );

const reset = (token: string, password: string, options: { cookie?: string; confirmation?: string } = {}) =>
  call(
    context.app,
    'POST',
    '/api/v1/auth/reset-password',
    { token, password, passwordConfirmation: options.confirmation ?? password },
    options.cookie ? { cookie: options.cookie } : {},
  );

const signIn = (email: string, password: string) => knownDeviceSignIn(context, { email, password });

const sessionStatus = async (cookie: string) =>
  (await call(context.app, 'GET', '/api/v1/auth/session', undefined, { cookie })).statusCode;

async function createAccount(fields: { fullName?: string; preferredLanguage?: Language } = {}) {
  return createUsersService(context.db.database.db).createUser({
    role: 'customer',
    email: uniqueEmail('reset'),
    fullName: fields.fullName ?? 'Meera Iyer',
    password: TEST_PASSWORD,
    ...(fields.preferredLanguage ? { preferredLanguage: fields.preferredLanguage } : {}),
  });
}

const mailsTo = (address: string): ParsedMail[] =>
  receiver.received.filter((r) => r.rcptTo.includes(address)).map((r) => r.mail);

/** Waits for the `count`-th reset email to an address and answers it. */
async function resetEmail(address: string, count = 1): Promise<ParsedMail> {
  await waitFor(() => mailsTo(address).length >= count);
  const mail = mailsTo(address)[count - 1];
  if (!mail) throw new Error(`no email to ${address}`);
  return mail;
}

/** The link a reader would click: the href of the HTML email. */
function linkIn(mail: ParsedMail): URL {
  const href = /href="([^"]+)"/.exec(typeof mail.html === 'string' ? mail.html : '')?.[1];
  if (!href) throw new Error('no link in the email');
  return new URL(href.replaceAll('&amp;', '&'));
}

/** Follows the link as the web app's reset page does: the token is in the fragment. */
const tokenOf = (mail: ParsedMail): string =>
  new URLSearchParams(linkIn(mail).hash.slice(1)).get('token') ?? '';

/** Asks for a link for an account and answers the token from the email that arrives. */
async function requestToken(user: UserRow, count = 1): Promise<string> {
  expect((await forgot(user.email)).statusCode).toBe(202);
  return tokenOf(await resetEmail(user.email, count));
}

const INVALID_LINK = {
  error: {
    code: 'VALIDATION_FAILED',
    message: 'Some fields are not valid',
    details: [{ field: 'token', message: 'This link is invalid, used or expired' }],
  },
};

describe('forgot password', () => {
  it.each([
    ['en', /^Reset your Customer Care Registry password$/, /password/],
    ['hi', /Customer Care Registry/, /[\u0900-\u097F]/],
    ['ta', /Customer Care Registry/, /[\u0B80-\u0BFF]/],
  ] as const)(
    'emails a %s reset link with the product name and the escaped name',
    async (lang, subject, script) => {
      const user = await createAccount({ fullName: `<b>Ravi</b> & "Sons"`, preferredLanguage: lang });
      const response = await forgot(`  ${user.email.toUpperCase()} `);
      expect(response.statusCode).toBe(202);
      expect(response.json()).toEqual({ status: 'sent' });

      const mail = await resetEmail(user.email);
      expect(mail.subject).toMatch(subject);
      expect(mail.subject).toMatch(script);
      const html = typeof mail.html === 'string' ? mail.html : '';
      expect(html).toMatch(script);
      expect(html).toContain('&lt;b&gt;Ravi&lt;/b&gt; &amp; &quot;Sons&quot;');
      expect(html).not.toContain('<b>Ravi');
      expect(mail.text).toContain(`<b>Ravi</b> & "Sons"`);
      expect(mail.text).toMatch(script);
      expect(mail.text).toContain(String(RESET_LINK_MINUTES));

      const link = linkIn(mail);
      expect(`${link.origin}${link.pathname}`).toBe(`${TEST_CONFIG.publicUrl}/reset-password`);
      const token = tokenOf(mail);
      expect(token).toMatch(/^[\w-]{43}$/);
      expect(mail.text).toContain(`${TEST_CONFIG.publicUrl}/reset-password#token=${token}`);
      // Only the hash is stored.
      const stored = await queryRows<{ token_hash: string }>(
        context.db.database.db,
        sql`select token_hash from account_tokens where user_id = ${user.id} and purpose = 'reset_password'`,
      );
      expect(stored).toHaveLength(1);
      expect(stored[0]?.token_hash).not.toContain(token);
    },
  );

  it('answers an unknown email identically and sends nothing', async () => {
    const user = await createAccount();
    const nobody = uniqueEmail('nobody');
    const known = await forgot(user.email);
    const unknown = await forgot(nobody);
    for (const response of [known, unknown]) {
      expect(response.statusCode).toBe(202);
      expect(response.body).toBe('{"status":"sent"}');
      expect(response.cookies).toEqual([]);
    }
    expect(unknown.headers['content-type']).toBe(known.headers['content-type']);
    expect(unknown.headers['content-length']).toBe(known.headers['content-length']);

    await resetEmail(user.email);
    // Anything written for the unknown address would have been written before the known one's email left.
    const rows = await queryRows<{ n: number }>(
      context.db.database.db,
      sql`select count(*)::int as n from outbox_emails where to_address = ${nobody}`,
    );
    expect(rows[0]?.n).toBe(0);
    expect(mailsTo(nobody)).toEqual([]);
  });

  it('spends about as long on an unknown email as on a known one', async () => {
    const time = async (email: string) => {
      const started = performance.now();
      const response = await forgot(email);
      expect(response.statusCode).toBe(202);
      return performance.now() - started;
    };
    const sent = (email: string) =>
      waitFor(async () => {
        const rows = await queryRows<{ status: string }>(
          context.db.database.db,
          sql`select status from outbox_emails where to_address = ${email}`,
        );
        return rows[0]?.status === 'sent';
      });
    // The fastest of each: load on the machine only ever adds time, so it can't fake the equality.
    const fastest = (values: number[]) => Math.min(...values);
    const known: number[] = [];
    const unknown: number[] = [];
    const users = await Promise.all(Array.from({ length: 10 }, () => createAccount()));
    for (const [i, user] of users.entries()) {
      const knownTime = await time(user.email);
      // The link is written after the answer; let it be written and delivered before the next
      // measurement (the embedded database shares this thread), so each one sees only its request.
      await sent(user.email);
      const unknownTime = await time(uniqueEmail('ghost'));
      if (i === 0) continue; // warming up
      known.push(knownTime);
      unknown.push(unknownTime);
    }
    expect(fastest(unknown)).toBeGreaterThan(fastest(known) * 0.5);
    expect(fastest(known)).toBeGreaterThan(fastest(unknown) * 0.5);
  });

  it('limits requests per address, for known and unknown emails alike: the 6th in an hour gets 429', async () => {
    const user = await createAccount();
    const statuses = async (email: string) => {
      const seen: number[] = [];
      for (let i = 0; i < 6; i++) seen.push((await forgot(email)).statusCode);
      return seen;
    };
    const known = await statuses(user.email);
    const unknown = await statuses(uniqueEmail('ghost'));
    expect(known).toEqual([202, 202, 202, 202, 202, 429]);
    expect(unknown).toEqual(known);

    const limited = await forgot(user.email);
    expect(limited.statusCode).toBe(429);
    expect(limited.json<{ error: { code: string } }>().error.code).toBe('RATE_LIMITED');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    await resetEmail(user.email, 5);
    expect(mailsTo(user.email)).toHaveLength(5);
  });

  it('limits requests per IP across addresses: the 21st in an hour gets 429', async () => {
    const ip = newIp();
    const user = await createAccount();
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await forgot(uniqueEmail('spray'), ip)).statusCode);
    expect(statuses.every((status) => status === 202)).toBe(true);
    const limitedKnown = await forgot(user.email, ip);
    const limitedUnknown = await forgot(uniqueEmail('spray'), ip);
    for (const limited of [limitedKnown, limitedUnknown]) {
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect((await forgot(uniqueEmail('spray'))).statusCode).toBe(202);
  });

  it('answers 400 for a malformed email', async () => {
    const response = await forgot('not-an-email');
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: { details: unknown[] } }>().error.details).toContainEqual({
      field: 'email',
      message: 'must be a valid email address',
    });
  });
});

describe('reset password', () => {
  it('sets the password from the emailed link once, signs out every session and signs this browser in', async () => {
    const user = await createAccount();
    const laptop = sessionCookie(await signIn(user.email, TEST_PASSWORD));
    const phone = sessionCookie(await signIn(user.email, TEST_PASSWORD));
    const token = await requestToken(user);

    const done = await reset(token, 'a brand new password');
    expect(done.statusCode).toBe(200);
    expect(done.json<{ user: { id: string; email: string } }>().user).toMatchObject({
      id: user.id,
      email: user.email,
    });
    const fresh = sessionCookie(done);
    expect(await sessionStatus(fresh)).toBe(200);
    expect(await sessionStatus(laptop)).toBe(401);
    expect(await sessionStatus(phone)).toBe(401);

    expect((await signIn(user.email, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await signIn(user.email, 'a brand new password')).statusCode).toBe(200);

    const again = await reset(token, 'yet another password');
    expect(again.statusCode).toBe(400);
    expect(again.json()).toEqual(INVALID_LINK);
    expect((await signIn(user.email, 'a brand new password')).statusCode).toBe(200);
  });

  it('ends the session the browser had before, even of another account', async () => {
    const user = await createAccount();
    const other = await createAccount();
    const otherCookie = sessionCookie(await signIn(other.email, TEST_PASSWORD));
    const token = await requestToken(user);
    const done = await reset(token, 'a brand new password', { cookie: otherCookie });
    expect(done.statusCode).toBe(200);
    expect(await sessionStatus(otherCookie)).toBe(401);
    expect(await sessionStatus(sessionCookie(done))).toBe(200);
  });

  it('lets only one of two simultaneous requests with the same link succeed', async () => {
    const user = await createAccount();
    const token = await requestToken(user);
    const results = await Promise.all([
      reset(token, 'first new password'),
      reset(token, 'second new password'),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 400]);
    const winner = results[0]?.statusCode === 200 ? 'first new password' : 'second new password';
    expect((await signIn(user.email, winner)).statusCode).toBe(200);
  });

  it('refuses an expired link', async () => {
    const user = await createAccount();
    const token = await requestToken(user);
    clockOffsetMs += (RESET_LINK_MINUTES + 1) * 60_000;
    const expired = await reset(token, 'a brand new password');
    expect(expired.statusCode).toBe(400);
    expect(expired.json()).toEqual(INVALID_LINK);
    expect((await signIn(user.email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('replaces an older link with a newer one', async () => {
    const user = await createAccount();
    const older = await requestToken(user, 1);
    const newer = await requestToken(user, 2);
    expect(newer).not.toBe(older);
    expect((await reset(older, 'a brand new password')).json()).toEqual(INVALID_LINK);
    expect((await reset(newer, 'a brand new password')).statusCode).toBe(200);
  });

  it('refuses an unknown token and a confirmation that differs, without using the link up', async () => {
    expect((await reset('no-such-token', 'a brand new password')).json()).toEqual(INVALID_LINK);

    const user = await createAccount();
    const token = await requestToken(user);
    const mismatch = await reset(token, 'a brand new password', { confirmation: 'something else!' });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json<{ error: { code: string; details: unknown[] } }>().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'passwordConfirmation', message: 'does not match the password' }],
    });
    const short = await reset(token, 'short');
    expect(short.statusCode).toBe(400);
    expect((await reset(token, 'a brand new password')).statusCode).toBe(200);
  });
});
