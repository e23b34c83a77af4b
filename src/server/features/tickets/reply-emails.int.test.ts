import { and, eq, inArray, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createTestApp,
  signedIn,
  TEST_CONFIG,
  type TestContext,
} from '../../../../test/helpers/app.js';
import {
  createAgent,
  createCategory,
  createCustomer,
  createTicket,
  signIn,
} from '../../../../test/helpers/factories.js';
import {
  createSmtpReceiver,
  deliverTo,
  waitFor,
  type SmtpReceiver,
} from '../../../../test/helpers/smtp-receiver.js';
import type { Language } from '../../../shared/languages.js';
import {
  accountTokens,
  outboxEmails,
  sessions,
  users,
  type CategoryRow,
  type TicketRow,
  type UserRow,
} from '../../db/schema.js';
import { ONLINE_WITHIN_MS } from '../presence/presence.service.js';
import { createOutboxRepo } from '../../mail/outbox.repo.js';
import { REPLY_EMAIL_DELAY_MS, REPLY_EMAIL_LISTED } from './reply-emails.js';
import { ticketEmailRenderers } from './ticket-emails.js';
import { signInsChanged } from '../auth/session-cache.js';

/**
 * Reply emails through the real worker and SMTP: who gets one (the other side, when offline), and how
 * quick replies share one email. A grouped email waits REPLY_EMAIL_DELAY_MS; tests make it due at
 * once (`release`) instead of waiting two minutes.
 */
let context: TestContext;
let receiver: SmtpReceiver;
let category: CategoryRow;
let agent: UserRow;
let agentCookie: string;

// Every reading is later than the one before: quick replies never share a millisecond.
let last = 0;
const clock = () => {
  last = Math.max(Date.now(), last + 1);
  return new Date(last);
};

beforeAll(async () => {
  receiver = await createSmtpReceiver();
  await receiver.start();
  // Far more replies than one person may send in a minute: the send limit is not under test here.
  context = await createTestApp({
    mail: deliverTo(receiver),
    now: clock,
    sendLimit: { max: 1_000, windowSeconds: 60 },
  });
  category = await createCategory(context);
  agent = await createAgent(context, { fullName: 'Arjun Kumar Rao', categories: [category] });
  agentCookie = await signIn(context, agent);
});
afterAll(async () => {
  await context.close();
  await receiver.stop();
});

const URL_BASE = TEST_CONFIG.publicUrl;
const REPLY_KINDS = ['ticket_reply', 'customer_reply'];
const db = () => context.db.database.db;

function reply(ticket: TicketRow, cookie: string, body: string, internal?: boolean) {
  return call(
    context.app,
    'POST',
    `/api/v1/tickets/${ticket.id}/messages`,
    internal === undefined ? { body } : { body, internal },
    { cookie },
  );
}

async function replies(ticket: TicketRow, cookie: string, ...bodies: string[]) {
  for (const body of bodies) expect((await reply(ticket, cookie, body)).statusCode).toBe(201);
}

/** A customer with a ticket assigned to the shared agent; not signed in, so offline. */
async function customerWithTicket(fields: { preferredLanguage?: Language } = {}) {
  const customer = await createCustomer(context, { fullName: 'Priya Raman', ...fields });
  const ticket = await createTicket(context, { customer, category, agent, subject: 'Broken <b>kettle</b>' });
  return { customer, ticket };
}

/** The user's sessions were last seen long enough ago that they count as offline. */
async function goOffline(user: UserRow) {
  await db()
    .update(sessions)
    .set({ lastSeenAt: new Date(Date.now() - ONLINE_WITHIN_MS - 60_000) })
    .where(eq(sessions.userId, user.id));
  // As after minutes without a request: no instance's session cache (30 s at most) holds them now.
  signInsChanged(user.id);
}

/** Reply emails written for an address (any status), oldest first. */
async function replyMail(address: string) {
  const rows = await db()
    .select()
    .from(outboxEmails)
    .where(and(eq(outboxEmails.toAddress, address), inArray(outboxEmails.kind, REPLY_KINDS)));
  return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

/** The ticket's pending reply emails become due now, as if their two minutes were up. */
async function release(ticket: TicketRow) {
  await db()
    .update(outboxEmails)
    .set({ nextAttemptAt: sql`now()` })
    .where(and(like(outboxEmails.groupKey, `replies:${ticket.id}:%`), eq(outboxEmails.status, 'pending')));
}

/** Sends the ticket's pending reply emails now (see release); answers them once sent, as written. */
async function sendNow(ticket: TicketRow) {
  const pending = await db()
    .select({ id: outboxEmails.id })
    .from(outboxEmails)
    .where(and(like(outboxEmails.groupKey, `replies:${ticket.id}:%`), eq(outboxEmails.status, 'pending')));
  const ids = pending.map((row) => row.id);
  expect(ids.length).toBeGreaterThan(0);
  await release(ticket);
  const rows = () => db().select().from(outboxEmails).where(inArray(outboxEmails.id, ids));
  await waitFor(async () => (await rows()).every((row) => row.status === 'sent'));
  return (await rows()).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

const receivedBy = (address: string) => receiver.received.filter((r) => r.rcptTo.includes(address));

describe('agent replies to an offline customer', () => {
  it('three quick replies become one email, due after the delay, with all three in order', async () => {
    const { customer, ticket } = await customerWithTicket();
    await replies(
      ticket,
      agentCookie,
      'First: we are looking.',
      'Second <script>x</script>\nwith a new line',
      'Third.',
    );

    const [email, ...others] = await replyMail(customer.email);
    expect(others).toEqual([]);
    expect(email).toMatchObject({
      kind: 'ticket_reply',
      status: 'pending',
      groupKey: `replies:${ticket.id}:${customer.id}`,
    });
    // Admins see it in the Mail log as an email still to be written.
    const { cookie: adminCookie } = await signedIn(context, 'admin');
    const logged = async () =>
      (
        await call(context.app, 'GET', `/api/v1/admin/mail/${email!.id}`, undefined, { cookie: adminCookie })
      ).json<{
        writtenWhenSent: boolean;
        subject: string;
        text: string;
      }>();
    expect(await logged()).toMatchObject({ writtenWhenSent: true, subject: '', text: '' });
    const wait = email!.nextAttemptAt.getTime() - Date.now();
    expect(wait).toBeGreaterThan(REPLY_EMAIL_DELAY_MS - 30_000);
    expect(wait).toBeLessThanOrEqual(REPLY_EMAIL_DELAY_MS + 1000);
    // Not sent before its time, though the worker polls every 20 ms.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receivedBy(customer.email)).toEqual([]);

    await release(ticket);
    await waitFor(() => receivedBy(customer.email).length > 0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const [received, ...more] = receivedBy(customer.email);
    expect(more).toEqual([]);
    const mail = received!.mail;
    expect(mail.subject).toBe(`Customer Care Registry: 3 new replies on your ticket ${ticket.reference}`);
    const text = mail.text ?? '';
    expect(text).toContain('Hello Priya,');
    expect(text).toContain('Arjun wrote:');
    expect(text).not.toContain('Rao');
    const first = text.indexOf('First: we are looking.');
    const second = text.indexOf('Second <script>x</script>\nwith a new line');
    const third = text.indexOf('Third.');
    expect(first).toBeGreaterThan(-1);
    expect(second).toBeGreaterThan(first);
    expect(third).toBeGreaterThan(second);
    expect(text).toContain(`${URL_BASE}/customer/tickets/${ticket.reference}`);
    expect(text).toMatch(new RegExp(`${URL_BASE}/unsubscribe#token=[\\w-]{43}`));
    const html = typeof mail.html === 'string' ? mail.html : '';
    expect(html).toContain('Second &lt;script&gt;x&lt;/script&gt;<br>');
    expect(html).toContain('Broken &lt;b&gt;kettle&lt;/b&gt;');
    expect(html).not.toContain('<script>');
    // Unfolded: a long header line arrives wrapped.
    const header = (key: string) =>
      mail.headerLines.find((line) => line.key === key)?.line.replace(/\r\n\s+/g, ' ');
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(header('list-unsubscribe')).toMatch(
      new RegExp(`^List-Unsubscribe: <${URL_BASE}/api/v1/unsubscribe/one-click\\?token=[\\w-]{43}>$`),
    );
    await waitFor(async () => (await replyMail(customer.email))[0]?.status === 'sent');
    const written = await logged();
    expect(written).toMatchObject({ writtenWhenSent: false, subject: mail.subject });
    expect(written.text).toContain('Third.');

    // Its link turns ticket emails off, like the other ticket emails' links.
    const token = /\/unsubscribe#token=([\w-]+)/.exec(text)?.[1];
    const unsubscribed = await call(context.app, 'POST', '/api/v1/unsubscribe', { token });
    expect(unsubscribed.statusCode).toBe(200);
    const [after] = await db().select().from(users).where(eq(users.id, customer.id));
    expect(after?.notifyTicketUpdates).toBe(false);
  });

  it('a reply after the grouped email went out starts a new email with only the new reply', async () => {
    const { customer, ticket } = await customerWithTicket();
    await replies(ticket, agentCookie, 'Before the email.');
    await release(ticket);
    await waitFor(async () => (await replyMail(customer.email))[0]?.status === 'sent');

    await replies(ticket, agentCookie, 'After the email.');
    const [sent, pending, ...others] = await replyMail(customer.email);
    expect(others).toEqual([]);
    expect(sent?.status).toBe('sent');
    expect(pending).toMatchObject({ status: 'pending', groupKey: `replies:${ticket.id}:${customer.id}` });
    const [next] = await sendNow(ticket);
    expect(next?.id).toBe(pending?.id);
    expect(next?.textBody).toContain('After the email.');
    expect(next?.textBody).not.toContain('Before the email.');
    expect(next?.subject).toContain('new reply on your ticket');
  });

  it('a reply made after its email was claimed, before it was written, waits for the next email', async () => {
    const { customer, ticket } = await customerWithTicket();
    await replies(ticket, agentCookie, 'Before the claim.');
    const [first] = await replyMail(customer.email);
    // The worker's claim, made due in the same transaction so that the running worker skips the row.
    const claimed = await db().transaction(async (tx) => {
      // A second back: stored to the millisecond, `now()` itself may round up past the claim's now().
      await tx
        .update(outboxEmails)
        .set({ nextAttemptAt: sql`now() - interval '1 second'` })
        .where(eq(outboxEmails.id, first!.id));
      return createOutboxRepo(tx).claim(50, 5 * 60_000);
    });
    const email = claimed.find((row) => row.id === first?.id);
    expect(email).toMatchObject({ kind: 'ticket_reply', renderFrom: { ticketId: ticket.id } });

    await replies(ticket, agentCookie, 'After the claim.');
    const render = ticketEmailRenderers({ publicUrl: URL_BASE, now: clock }).ticket_reply!;
    const written = await db().transaction((tx) =>
      render(tx, { renderFrom: email!.renderFrom!, createdAt: email!.createdAt }),
    );
    expect(written?.subject).toBe(`Customer Care Registry: new reply on your ticket ${ticket.reference}`);
    expect(written?.text).toContain('Before the claim.');
    expect(written?.text).not.toContain('After the claim.');

    const [next] = await sendNow(ticket);
    expect(next?.textBody).toContain('After the claim.');
    expect(next?.textBody).not.toContain('Before the claim.');
  });

  it('concurrent replies still leave one pending email holding both', async () => {
    const { customer, ticket } = await customerWithTicket();
    const responses = await Promise.all(
      ['One at once.', 'Two at once.'].map((body) => reply(ticket, agentCookie, body)),
    );
    expect(responses.map((r) => r.statusCode)).toEqual([201, 201]);
    expect(await replyMail(customer.email)).toHaveLength(1);
    const [email] = await sendNow(ticket);
    expect(email?.textBody).toContain('One at once.');
    expect(email?.textBody).toContain('Two at once.');
  });

  it(`lists at most ${REPLY_EMAIL_LISTED} replies and counts the rest`, async () => {
    const { ticket } = await customerWithTicket();
    const bodies = Array.from({ length: REPLY_EMAIL_LISTED + 2 }, (_, i) => `Reply number ${i + 1}.`);
    await replies(ticket, agentCookie, ...bodies);
    const [email] = await sendNow(ticket);
    expect(email?.subject).toContain(`${REPLY_EMAIL_LISTED + 2} new replies`);
    expect(email?.textBody).toContain(`Reply number ${REPLY_EMAIL_LISTED}.`);
    expect(email?.textBody).not.toContain(`Reply number ${REPLY_EMAIL_LISTED + 1}.`);
    expect(email?.textBody).toContain('…and 2 more.');
  });

  it('never emails internal notes, alone or between replies', async () => {
    const { customer, ticket } = await customerWithTicket();
    expect((await reply(ticket, agentCookie, 'Secret note one', true)).statusCode).toBe(201);
    expect(await replyMail(customer.email)).toEqual([]);

    await replies(ticket, agentCookie, 'Public answer.');
    expect((await reply(ticket, agentCookie, 'Secret note two', true)).statusCode).toBe(201);
    expect(await replyMail(customer.email)).toHaveLength(1);
    const [email] = await sendNow(ticket);
    expect(email?.textBody).toContain('Public answer.');
    expect(email?.textBody).not.toContain('Secret note');
    expect(email?.htmlBody).not.toContain('Secret note');
  });
});

describe('who is not emailed', () => {
  it('a customer who is online', async () => {
    const { customer, ticket } = await customerWithTicket();
    await signIn(context, customer);
    await replies(ticket, agentCookie, 'You are here, so no email.');
    expect(await replyMail(customer.email)).toEqual([]);
  });

  it('a customer who turned ticket emails off (and no unsubscribe token is issued)', async () => {
    const { customer, ticket } = await customerWithTicket();
    await db().update(users).set({ notifyTicketUpdates: false }).where(eq(users.id, customer.id));
    await replies(ticket, agentCookie, 'Nobody will be told.');
    expect(await replyMail(customer.email)).toEqual([]);
    expect(await db().select().from(accountTokens).where(eq(accountTokens.userId, customer.id))).toEqual([]);
  });

  it('the author: each side hears only of the other side’s replies', async () => {
    const { customer, ticket } = await customerWithTicket();
    const customerCookie = await signIn(context, customer);
    const { user: admin, cookie: adminCookie } = await signedIn(context, 'admin');

    await goOffline(agent);
    await replies(ticket, customerCookie, 'From the customer.');
    // Their own request just marked the customer online: they leave again.
    await goOffline(customer);
    await replies(ticket, adminCookie, 'From an admin.');
    await replies(ticket, agentCookie, 'From the agent.');

    expect(await replyMail(customer.email)).toHaveLength(1);
    const sent = await sendNow(ticket);
    const toCustomer = sent.filter((row) => row.toAddress === customer.email);
    expect(toCustomer).toHaveLength(1);
    expect(toCustomer[0]?.textBody).toContain('From an admin.');
    expect(toCustomer[0]?.textBody).toContain('From the agent.');
    expect(toCustomer[0]?.textBody).not.toContain('From the customer.');

    const toAgent = sent.filter((row) => row.toAddress === agent.email);
    expect(toAgent).toHaveLength(1);
    expect(toAgent[0]?.subject).toContain(ticket.reference);
    expect(toAgent[0]?.textBody).toContain('From the customer.');
    expect(toAgent[0]?.textBody).not.toContain('From the agent.');
    expect(toAgent[0]?.textBody).not.toContain('From an admin.');
    expect(sent).toHaveLength(2);
    expect(await replyMail(admin.email)).toEqual([]);
  });

  it('anyone, when the customer replies on a ticket without an agent', async () => {
    const customer = await createCustomer(context);
    const customerCookie = await signIn(context, customer);
    const ticket = await createTicket(context, { customer, category });
    await replies(ticket, customerCookie, 'Is anybody there?');
    const written = await db()
      .select()
      .from(outboxEmails)
      .where(like(outboxEmails.groupKey, `replies:${ticket.id}:%`));
    expect(written).toEqual([]);
  });
});

describe('customer replies to an offline agent', () => {
  it('emails the agent in their language, without an unsubscribe link', async () => {
    const hindiAgent = await createAgent(context, { fullName: 'Kavya Iyer', categories: [category] });
    await db().update(users).set({ preferredLanguage: 'hi' }).where(eq(users.id, hindiAgent.id));
    const customer = await createCustomer(context, { fullName: 'Priya Raman' });
    const customerCookie = await signIn(context, customer);
    const ticket = await createTicket(context, { customer, category, agent: hindiAgent });

    await replies(ticket, customerCookie, 'It still <b>leaks</b>.', 'And it smells.');
    const [email, ...others] = await replyMail(hindiAgent.email);
    expect(others).toEqual([]);
    expect(email).toMatchObject({ kind: 'customer_reply', headers: {} });

    await release(ticket);
    await waitFor(() => receivedBy(hindiAgent.email).length > 0);
    const mail = receivedBy(hindiAgent.email)[0]!.mail;
    expect(mail.subject).toBe(`Customer Care Registry: टिकट ${ticket.reference} पर ग्राहक के 2 नए जवाब`);
    const text = mail.text ?? '';
    expect(text).toContain('नमस्ते Kavya,');
    expect(text).toContain('Priya Raman ने लिखा:');
    expect(text.indexOf('It still <b>leaks</b>.')).toBeLessThan(text.indexOf('And it smells.'));
    expect(text).toContain(`${URL_BASE}/agent/tickets/${ticket.reference}`);
    expect(text).not.toContain('nsubscribe');
    expect(mail.headerLines.some((line) => line.key.startsWith('list-unsubscribe'))).toBe(false);
    expect(typeof mail.html === 'string' ? mail.html : '').toContain('It still &lt;b&gt;leaks&lt;/b&gt;.');
  });

  it('does not email an agent who is online', async () => {
    const { customer, ticket } = await customerWithTicket();
    const customerCookie = await signIn(context, customer);
    const before = (await replyMail(agent.email)).length;
    await goOffline(agent);
    // The agent comes back: any request marks them online.
    const seen = await call(context.app, 'GET', `/api/v1/tickets/${ticket.id}`, undefined, {
      cookie: agentCookie,
    });
    expect(seen.statusCode).toBe(200);
    await replies(ticket, customerCookie, 'Are you there?');
    expect(await replyMail(agent.email)).toHaveLength(before);
  });
});
