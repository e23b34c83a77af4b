import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { eq } from 'drizzle-orm';
import Fastify from 'fastify';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createTestApp,
  signedIn,
  TEST_CONFIG,
  type TestContext,
} from '../../../../test/helpers/app.js';
import { createCategory, createCustomer, raiseTicket, signIn } from '../../../../test/helpers/factories.js';
import {
  createSmtpReceiver,
  waitFor,
  type SmtpReceiver,
  deliverTo,
} from '../../../../test/helpers/smtp-receiver.js';
import type { NotificationPreferences } from '../../../shared/contracts/account.js';
import { outboxEmails, users, type CategoryRow, type UserRow } from '../../db/schema.js';
import { registerCsrfProtection } from '../../http/csrf.js';
import { createAccountTokens } from '../../security/account-tokens.js';

/**
 * Email preferences and unsubscribing, with the app's worker delivering through a real SMTP server:
 * the unsubscribe link and the List-Unsubscribe headers of a delivered email must work.
 */
let receiver: SmtpReceiver;
let context: TestContext;
let category: CategoryRow;

beforeAll(async () => {
  receiver = await createSmtpReceiver();
  await receiver.start();
  context = await createTestApp({
    mail: deliverTo(receiver, { worker: { maxAttempts: 5 } }),
  });
  category = await createCategory(context);
});
afterAll(async () => {
  await context.close();
  await receiver.stop();
});

const db = () => context.db.database.db;
const errorOf = (response: { json: <T>() => T }) =>
  response.json<{ error: { code: string; details?: { field: string }[] } }>().error;

async function customerWithCookie(): Promise<{ customer: UserRow; cookie: string }> {
  const customer = await createCustomer(context);
  return { customer, cookie: await signIn(context, customer) };
}

const notifies = async (id: string) =>
  (await db().select().from(users).where(eq(users.id, id)))[0]?.notifyTicketUpdates;

const emailsTo = (address: string) =>
  db().select().from(outboxEmails).where(eq(outboxEmails.toAddress, address));

const oneClick = (token: string, headers: Record<string, string> = {}) =>
  context.app.inject({
    method: 'POST',
    url: `/api/v1/unsubscribe/one-click?token=${encodeURIComponent(token)}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: 'List-Unsubscribe=One-Click',
  });

/** A fresh customer with a delivered "ticket received" email; answers the parsed email. */
async function deliveredReceipt() {
  const { customer, cookie } = await customerWithCookie();
  const ticket = await raiseTicket(context, cookie, { categoryId: category.id });
  await waitFor(() => receiver.received.some((r) => r.rcptTo.includes(customer.email)));
  const received = receiver.received.find((r) => r.rcptTo.includes(customer.email));
  if (!received) throw new Error('no email arrived');
  return { customer, cookie, ticket, mail: received.mail };
}

/** A header's value as sent (folded lines joined). */
function headerValue(mail: ParsedMail, key: string): string | undefined {
  const line = mail.headerLines.find((h) => h.key === key)?.line;
  return line
    ?.replace(/\r?\n[ \t]+/g, '')
    .slice(line.indexOf(':') + 1)
    .trim();
}

describe('a delivered ticket email', () => {
  it('carries RFC 8058 List-Unsubscribe headers; the one-click POST works without the CSRF header', async () => {
    const { customer, ticket, mail } = await deliveredReceipt();
    expect(mail.subject).toContain(ticket.reference);
    expect(mail.text).toContain(`${TEST_CONFIG.publicUrl}/customer/tickets/${ticket.reference}`);
    expect(headerValue(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const listUnsubscribe = headerValue(mail, 'list-unsubscribe') ?? '';
    const match = /^<(http:\/\/localhost:3000\/api\/v1\/unsubscribe\/one-click\?token=([\w-]+))>$/.exec(
      listUnsubscribe,
    );
    expect(match, listUnsubscribe).not.toBeNull();

    // As a mail provider sends it: a form-encoded POST from its server, no CSRF header, no cookie.
    const response = await oneClick(match![2]!);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'unsubscribed' });
    expect(await notifies(customer.id)).toBe(false);
  });

  it('carries an unsubscribe link whose token stops ticket emails, and may be followed again', async () => {
    const { customer, cookie, mail } = await deliveredReceipt();
    const token = /\/unsubscribe#token=([\w-]+)/.exec(mail.text ?? '')?.[1];
    expect(token).toBeDefined();
    expect(mail.html || '').toContain(`/unsubscribe#token=${token}`);

    for (let i = 0; i < 2; i++) {
      const response = await call(context.app, 'POST', '/api/v1/unsubscribe', { token });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ status: 'unsubscribed' });
    }
    expect(await notifies(customer.id)).toBe(false);

    const before = (await emailsTo(customer.email)).length;
    await raiseTicket(context, cookie, { categoryId: category.id });
    expect(await emailsTo(customer.email)).toHaveLength(before);
  });
});

describe('POST /api/v1/unsubscribe', () => {
  it.each([
    ['an unknown token', () => Promise.resolve('not-a-token')],
    [
      'an expired token',
      async () =>
        createAccountTokens(db()).issue(
          (await createCustomer(context)).id,
          'unsubscribe',
          new Date(Date.now() - 1000),
        ),
    ],
    [
      'a token for another purpose',
      async () =>
        createAccountTokens(db()).issue(
          (await createCustomer(context)).id,
          'reset_password',
          new Date(Date.now() + 60_000),
        ),
    ],
  ])('refuses %s with 400 on token', async (_name, makeToken) => {
    const token = await makeToken();
    for (const response of [
      await call(context.app, 'POST', '/api/v1/unsubscribe', { token }),
      await oneClick(token),
    ]) {
      expect(response.statusCode).toBe(400);
      expect(errorOf(response).details?.[0]?.field).toBe('token');
    }
  });

  it('one-click needs its token', async () => {
    const response = await context.app.inject({ method: 'POST', url: '/api/v1/unsubscribe/one-click' });
    expect(response.statusCode).toBe(400);
  });
});

describe('the CSRF exemption', () => {
  it('covers only the one-click route: every other POST/PATCH still needs the header', async () => {
    const { cookie } = await customerWithCookie();
    const refused = [
      await context.app.inject({
        method: 'POST',
        url: '/api/v1/unsubscribe',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ token: 'x' }),
      }),
      await context.app.inject({
        method: 'PATCH',
        url: '/api/v1/me/notifications',
        headers: { 'content-type': 'application/json', cookie },
        payload: JSON.stringify({ ticketUpdates: false }),
      }),
      await context.app.inject({
        method: 'POST',
        url: '/api/v1/tickets',
        headers: { 'content-type': 'application/json', cookie },
        payload: JSON.stringify({ categoryId: category.id, subject: 'x', description: 'y' }),
      }),
    ];
    for (const response of refused) {
      expect(response.statusCode).toBe(403);
      expect(errorOf(response).code).toBe('CSRF_REJECTED');
    }
  });

  it('cannot be declared on a route that is not public', async () => {
    const app = Fastify().withTypeProvider<TypeBoxTypeProvider>();
    registerCsrfProtection(app, TEST_CONFIG.publicUrl);
    const declare = () =>
      app.post('/api/v1/private', { config: { access: 'signed-in', csrf: false } }, () => ({}));
    expect(declare).toThrow(/may not skip the CSRF check/);
    await app.close();
  });
});

describe('GET and PATCH /api/v1/me/notifications', () => {
  it('shows and changes the ticket-update preference', async () => {
    const { customer, cookie } = await customerWithCookie();
    const get = () => call(context.app, 'GET', '/api/v1/me/notifications', undefined, { cookie });
    expect((await get()).json<NotificationPreferences>()).toEqual({ ticketUpdates: true });

    const off = await call(
      context.app,
      'PATCH',
      '/api/v1/me/notifications',
      { ticketUpdates: false },
      { cookie },
    );
    expect(off.statusCode).toBe(200);
    expect(off.json()).toEqual({ ticketUpdates: false });
    expect((await get()).json()).toEqual({ ticketUpdates: false });
    expect(await notifies(customer.id)).toBe(false);

    const on = await call(
      context.app,
      'PATCH',
      '/api/v1/me/notifications',
      { ticketUpdates: true },
      { cookie },
    );
    expect(on.json()).toEqual({ ticketUpdates: true });
  });

  it('needs a signed-in user and a valid body', async () => {
    expect((await call(context.app, 'GET', '/api/v1/me/notifications')).statusCode).toBe(401);
    const { cookie } = await signedIn(context, 'agent');
    const bad = await call(
      context.app,
      'PATCH',
      '/api/v1/me/notifications',
      { ticketUpdates: 'no' },
      { cookie },
    );
    expect(bad.statusCode).toBe(400);
    const extra = await call(
      context.app,
      'PATCH',
      '/api/v1/me/notifications',
      { ticketUpdates: true, other: 1 },
      { cookie },
    );
    expect(extra.statusCode).toBe(400);
  });
});
