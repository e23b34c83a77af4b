import { eq, sql } from 'drizzle-orm';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createTestApp,
  sessionCookie,
  signedIn,
  TEST_CONFIG,
  uniqueEmail,
  type TestContext,
} from '../../../../test/helpers/app.js';
import { createCategory, createCustomer, signIn } from '../../../../test/helpers/factories.js';
import {
  createSmtpReceiver,
  deliverTo,
  waitFor,
  type SmtpReceiver,
} from '../../../../test/helpers/smtp-receiver.js';
import { CONFIRM_LINK_HOURS } from '../../../shared/contracts/account.js';
import type { CreatedAgent } from '../../../shared/contracts/agents.js';
import type { UserView } from '../../../shared/contracts/auth.js';
import { queryRows } from '../../db/connection.js';
import { tickets, users, type CategoryRow } from '../../db/schema.js';
import { createOutbox, type Outbox } from '../../mail/outbox.js';
import { createUsersService } from '../users/users.service.js';
import { createAuthService } from './auth.service.js';
import { createEmailConfirmationService } from './email-confirmation.service.js';

/** Registration to a confirmed address through real SMTP: the email arrives, its link is followed. */
let receiver: SmtpReceiver;
let context: TestContext;
let category: CategoryRow;
let clockOffsetMs = 0;

beforeAll(async () => {
  receiver = await createSmtpReceiver();
  await receiver.start();
  context = await createTestApp({
    now: () => new Date(Date.now() + clockOffsetMs),
    mail: deliverTo(receiver),
  });
  category = await createCategory(context, { name: 'Delivery' });
});
afterAll(async () => {
  await context.close();
  await receiver.stop();
});

const db = () => context.db.database.db;

async function register(fields: { fullName?: string; preferredLanguage?: 'en' | 'hi' | 'ta' } = {}) {
  const email = uniqueEmail('new');
  const response = await call(context.app, 'POST', '/api/v1/auth/register', {
    fullName: fields.fullName ?? 'Kavya Menon',
    email,
    password: 'kavya password 1',
    passwordConfirmation: 'kavya password 1',
    ...(fields.preferredLanguage ? { preferredLanguage: fields.preferredLanguage } : {}),
  });
  expect(response.statusCode).toBe(201);
  return { email, user: response.json<{ user: UserView }>().user, cookie: sessionCookie(response) };
}

const mailsTo = (address: string): ParsedMail[] =>
  receiver.received.filter((r) => r.rcptTo.includes(address)).map((r) => r.mail);

/** Waits for the `count`-th email to an address and answers it. */
async function emailTo(address: string, count = 1): Promise<ParsedMail> {
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

/** As the web app's confirmation page reads it: the token is in the fragment. */
const tokenOf = (mail: ParsedMail): string =>
  new URLSearchParams(linkIn(mail).hash.slice(1)).get('token') ?? '';

const confirm = (token: string) => call(context.app, 'POST', '/api/v1/auth/confirm-email', { token });
const resend = (cookie: string) =>
  call(context.app, 'POST', '/api/v1/me/confirmation-email', undefined, { cookie });
const session = async (cookie: string) =>
  (await call(context.app, 'GET', '/api/v1/auth/session', undefined, { cookie })).json<{ user: UserView }>()
    .user;
const raise = (cookie: string) =>
  call(
    context.app,
    'POST',
    '/api/v1/tickets',
    { subject: 'Parcel missing', description: 'It never arrived.', categoryId: category.id },
    { cookie },
  );

const count = async (query: ReturnType<typeof sql>) =>
  (await queryRows<{ n: number }>(db(), query))[0]?.n ?? -1;

const INVALID_LINK = {
  error: {
    code: 'VALIDATION_FAILED',
    message: 'Some fields are not valid',
    details: [{ field: 'token', message: 'This link is invalid, used or expired' }],
  },
};

describe('registration', () => {
  it.each([
    ['en', /^Confirm your email address for Customer Care Registry$/, /confirm/i],
    ['hi', /Customer Care Registry/, /[\u0900-\u097F]/],
    ['ta', /Customer Care Registry/, /[\u0B80-\u0BFF]/],
  ] as const)(
    'emails a %s confirmation link with the product name and the escaped name',
    async (language, subject, script) => {
      const { email, user } = await register({
        fullName: `<b>Ravi</b> & "Sons"`,
        preferredLanguage: language,
      });
      expect(user).toMatchObject({ email, role: 'customer', emailConfirmed: false });

      const mail = await emailTo(email);
      expect(mail.subject).toMatch(subject);
      expect(mail.subject).toMatch(script);
      const html = typeof mail.html === 'string' ? mail.html : '';
      expect(html).toMatch(script);
      expect(html).toContain('&lt;b&gt;Ravi&lt;/b&gt; &amp; &quot;Sons&quot;');
      expect(html).not.toContain('<b>Ravi');
      expect(mail.text).toContain(`<b>Ravi</b> & "Sons"`);
      expect(mail.text).toContain(String(CONFIRM_LINK_HOURS));

      const link = linkIn(mail);
      expect(`${link.origin}${link.pathname}`).toBe(`${TEST_CONFIG.publicUrl}/confirm-email`);
      const token = tokenOf(mail);
      expect(token).toMatch(/^[\w-]{43}$/);
      expect(mail.text).toContain(`${TEST_CONFIG.publicUrl}/confirm-email#token=${token}`);

      // Only the hash is stored, valid for 48 hours; the email is in the outbox as confirm_email.
      const stored = await queryRows<{ token_hash: string; hours: number }>(
        db(),
        sql`select token_hash, extract(epoch from expires_at - created_at)::float / 3600 as hours
            from account_tokens where user_id = ${user.id} and purpose = 'confirm_email'`,
      );
      expect(stored).toHaveLength(1);
      expect(stored[0]?.token_hash).not.toContain(token);
      expect(stored[0]?.hours).toBeCloseTo(CONFIRM_LINK_HOURS, 1);
      expect(
        await count(
          sql`select count(*)::int as n from outbox_emails where to_address = ${email} and kind = 'confirm_email'`,
        ),
      ).toBe(1);
    },
  );

  it('following the link confirms the address; the signed-in session shows it at once', async () => {
    const { email, cookie } = await register();
    expect((await session(cookie)).emailConfirmed).toBe(false);

    const response = await confirm(tokenOf(await emailTo(email)));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'confirmed' });
    expect((await session(cookie)).emailConfirmed).toBe(true);
    const [row] = await db().select().from(users).where(eq(users.email, email));
    expect(row?.emailConfirmedAt).toBeInstanceOf(Date);
  });

  it('writes no account when its confirmation email cannot be written, and no email for a taken address', async () => {
    const failing: Outbox = {
      ...createOutbox({ publicUrl: TEST_CONFIG.publicUrl }),
      enqueue: () => Promise.reject(new Error('outbox unavailable')),
    };
    const usersService = createUsersService(db());
    const auth = createAuthService(db(), usersService, {
      emailConfirmation: createEmailConfirmationService(db(), {
        outbox: failing,
        publicUrl: TEST_CONFIG.publicUrl,
        now: () => new Date(),
      }),
    });
    const email = uniqueEmail('lost');
    await expect(
      auth.register(
        {
          fullName: 'Lost Mail',
          email,
          password: 'lost password 1',
          passwordConfirmation: 'lost password 1',
        },
        { ip: '127.0.0.1', userAgent: undefined },
      ),
    ).rejects.toThrow('outbox unavailable');
    expect(await usersService.findByEmail(email)).toBeUndefined();

    const { email: taken } = await register();
    const again = await call(context.app, 'POST', '/api/v1/auth/register', {
      fullName: 'Someone Else',
      email: taken,
      password: 'another password',
      passwordConfirmation: 'another password',
    });
    expect(again.statusCode).toBe(409);
    expect(await count(sql`select count(*)::int as n from outbox_emails where to_address = ${taken}`)).toBe(
      1,
    );
  });
});

describe('raising tickets before and after confirming', () => {
  it('an unconfirmed customer signs in and reads tickets, but cannot raise one: 403 and nothing written', async () => {
    const customer = await createCustomer(context, { emailConfirmed: false });
    const cookie = await signIn(context, customer);
    expect((await session(cookie)).emailConfirmed).toBe(false);
    expect((await call(context.app, 'GET', '/api/v1/tickets', undefined, { cookie })).statusCode).toBe(200);

    const outboxBefore = await count(sql`select count(*)::int as n from outbox_emails`);
    const refused = await raise(cookie);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toEqual({
      error: { code: 'EMAIL_NOT_CONFIRMED', message: 'Confirm your email address before raising a ticket' },
    });
    expect(await db().select().from(tickets).where(eq(tickets.customerId, customer.id))).toEqual([]);
    expect(
      await count(
        sql`select count(*)::int as n from ticket_events e join tickets t on t.id = e.ticket_id
            where t.customer_id = ${customer.id}`,
      ),
    ).toBe(0);
    expect(await count(sql`select count(*)::int as n from outbox_emails`)).toBe(outboxBefore);
  });

  it('a registered customer raises a ticket once the emailed link is followed: 403 before, 201 after', async () => {
    const { email, cookie } = await register();
    expect((await raise(cookie)).statusCode).toBe(403);
    expect((await confirm(tokenOf(await emailTo(email)))).statusCode).toBe(200);
    const created = await raise(cookie);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ subject: 'Parcel missing', status: 'open' });
  });
});

describe('the confirmation link', () => {
  it('works once', async () => {
    const { email } = await register();
    const token = tokenOf(await emailTo(email));
    expect((await confirm(token)).statusCode).toBe(200);
    const again = await confirm(token);
    expect(again.statusCode).toBe(400);
    expect(again.json()).toEqual(INVALID_LINK);
  });

  it('expires after 48 hours', async () => {
    const late = await register();
    const onTime = await register();
    const lateToken = tokenOf(await emailTo(late.email));
    const onTimeToken = tokenOf(await emailTo(onTime.email));
    try {
      clockOffsetMs = CONFIRM_LINK_HOURS * 3_600_000 - 60_000;
      expect((await confirm(onTimeToken)).statusCode).toBe(200);
      clockOffsetMs = CONFIRM_LINK_HOURS * 3_600_000 + 1_000;
      const expired = await confirm(lateToken);
      expect(expired.statusCode).toBe(400);
      expect(expired.json()).toEqual(INVALID_LINK);
    } finally {
      clockOffsetMs = 0;
    }
    const [row] = await db().select().from(users).where(eq(users.email, late.email));
    expect(row?.emailConfirmedAt).toBeNull();
  });

  it('answers 400 on the token field for an unknown, empty or missing token', async () => {
    expect((await confirm('not-a-real-token')).json()).toEqual(INVALID_LINK);
    const empty = await confirm('');
    expect(empty.statusCode).toBe(400);
    expect(empty.json<{ error: { details: unknown[] } }>().error.details).toEqual([
      { field: 'token', message: 'must not be empty' },
    ]);
    const missing = await call(context.app, 'POST', '/api/v1/auth/confirm-email', {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ error: { details: unknown[] } }>().error.details).toEqual([
      { field: 'token', message: 'is required' },
    ]);
    const extra = await call(context.app, 'POST', '/api/v1/auth/confirm-email', { token: 'x', userId: 'y' });
    expect(extra.statusCode).toBe(400);
  });

  it('is shown in full in the Mail log (it signs nobody in)', async () => {
    const { email } = await register();
    const token = tokenOf(await emailTo(email));
    const admin = await signedIn(context, 'admin');
    const list = await call(
      context.app,
      'GET',
      '/api/v1/admin/mail?kind=confirm_email&limit=100',
      undefined,
      {
        cookie: admin.cookie,
      },
    );
    expect(list.statusCode).toBe(200);
    const item = list.json<{ items: { id: string; to: string }[] }>().items.find((i) => i.to === email);
    expect(item).toBeDefined();
    const detail = await call(context.app, 'GET', `/api/v1/admin/mail/${item?.id}`, undefined, {
      cookie: admin.cookie,
    });
    expect(detail.json<{ text: string }>().text).toContain(`/confirm-email#token=${token}`);
  });
});

describe('asking for a new link', () => {
  it('sends a fresh link and the earlier one stops working', async () => {
    const { email, cookie } = await register();
    const first = tokenOf(await emailTo(email));
    const response = await resend(cookie);
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ status: 'sent' });
    const second = tokenOf(await emailTo(email, 2));
    expect(second).not.toBe(first);

    expect((await confirm(first)).json()).toEqual(INVALID_LINK);
    expect((await confirm(second)).statusCode).toBe(200);
  });

  it('is limited per account: the 4th request within an hour gets 429 with Retry-After', async () => {
    const { email, cookie } = await register();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await resend(cookie)).statusCode);
    expect(statuses).toEqual([202, 202, 202]);

    const limited = await resend(cookie);
    expect(limited.statusCode).toBe(429);
    expect(limited.json<{ error: { code: string } }>().error.code).toBe('RATE_LIMITED');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    await emailTo(email, 4);
    expect(await count(sql`select count(*)::int as n from outbox_emails where to_address = ${email}`)).toBe(
      4,
    );

    // Another account is not affected.
    expect((await resend((await register()).cookie)).statusCode).toBe(202);
  });

  it('answers 409 ALREADY_CONFIRMED for a confirmed address and sends nothing', async () => {
    const { user, cookie } = await signedIn(context, 'customer');
    const response = await resend(cookie);
    expect(response.statusCode).toBe(409);
    expect(response.json<{ error: { code: string } }>().error.code).toBe('ALREADY_CONFIRMED');
    expect(
      await count(sql`select count(*)::int as n from outbox_emails where to_address = ${user.email}`),
    ).toBe(0);
  });

  it('needs a signed-in customer', async () => {
    expect((await call(context.app, 'POST', '/api/v1/me/confirmation-email')).statusCode).toBe(401);
    const agent = await signedIn(context, 'agent');
    expect((await resend(agent.cookie)).statusCode).toBe(403);
  });
});

describe('staff accounts', () => {
  it('accepting an agent invitation from its email confirms the address', async () => {
    const admin = await signedIn(context, 'admin');
    const email = uniqueEmail('invited');
    const created = await call(
      context.app,
      'POST',
      '/api/v1/admin/agents',
      { fullName: 'Meena Iyer', email, categoryIds: [category.id], languages: ['en'] },
      { cookie: admin.cookie },
    );
    expect(created.statusCode).toBe(201);
    const { invitationUrl } = created.json<CreatedAgent>();
    const [before] = await db().select().from(users).where(eq(users.email, email));
    expect(before?.emailConfirmedAt).toBeNull();

    const accepted = await call(context.app, 'POST', '/api/v1/auth/invitation', {
      token: invitationUrl.split('#token=')[1],
      password: 'meena password 1',
      passwordConfirmation: 'meena password 1',
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json<{ user: UserView }>().user.emailConfirmed).toBe(true);
    const [after] = await db().select().from(users).where(eq(users.email, email));
    expect(after?.emailConfirmedAt).toBeInstanceOf(Date);
  });

  it('the first admin starts confirmed', async () => {
    // A database of its own: the first admin is only created where there is none.
    const fresh = await createTestApp();
    try {
      const created = await createUsersService(fresh.db.database.db).ensureFirstAdmin({
        email: 'boss@shop.example',
      });
      expect(created?.email).toBe('boss@shop.example');
      const [row] = await fresh.db.database.db
        .select()
        .from(users)
        .where(eq(users.email, 'boss@shop.example'));
      expect(row?.emailConfirmedAt).toBeInstanceOf(Date);
    } finally {
      await fresh.close();
    }
  });
});
