import { and, eq } from 'drizzle-orm';
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
  raiseTicket,
  signIn,
} from '../../../../test/helpers/factories.js';
import type { TicketDetail } from '../../../shared/contracts/tickets.js';
import type { Language } from '../../../shared/languages.js';
import type { TicketStatus } from '../../../shared/tickets.js';
import {
  accountTokens,
  outboxEmails,
  tickets,
  users,
  type CategoryRow,
  type UserRow,
} from '../../db/schema.js';
import { createOutbox, type Outbox } from '../../mail/outbox.js';
import { createTicketsService } from './tickets.service.js';

/** Which emails ticket changes write to the outbox (no worker runs: the rows stay as written). */
let context: TestContext;
let category: CategoryRow;
let routed: CategoryRow;
let agent: UserRow;
let agentCookie: string;
let adminCookie: string;
let admin: UserRow;

beforeAll(async () => {
  context = await createTestApp({ mail: { runWorker: false } });
  category = await createCategory(context);
  routed = await createCategory(context, { autoAssign: true });
  agent = await createAgent(context, { fullName: 'Arjun Kumar Rao', categories: [category] });
  agentCookie = await signIn(context, agent);
  ({ user: admin, cookie: adminCookie } = await signedIn(context, 'admin'));
});
afterAll(() => context.close());

const URL_BASE = TEST_CONFIG.publicUrl;
const db = () => context.db.database.db;
const post = (url: string, body: unknown, cookie: string) => call(context.app, 'POST', url, body, { cookie });

const KIND_ORDER = ['ticket_received', 'ticket_assigned', 'ticket_status_changed', 'ticket_resolved'];

/** Emails to one address, oldest first (those of one transaction share a timestamp: by kind then). */
async function mailTo(address: string) {
  const rows = await db().select().from(outboxEmails).where(eq(outboxEmails.toAddress, address));
  return rows.sort(
    (a, b) =>
      a.createdAt.getTime() - b.createdAt.getTime() ||
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind),
  );
}
const kindsTo = async (address: string) => (await mailTo(address)).map((row) => row.kind);

async function customerWithCookie(fields: { preferredLanguage?: Language; fullName?: string } = {}) {
  const customer = await createCustomer(context, { fullName: 'Priya Raman', ...fields });
  return { customer, cookie: await signIn(context, customer) };
}

async function assign(ticket: TicketDetail, to: UserRow = agent): Promise<TicketDetail> {
  const response = await post(
    `/api/v1/tickets/${ticket.id}/assign`,
    { agentId: to.id, version: ticket.version },
    adminCookie,
  );
  expect(response.statusCode).toBe(200);
  return response.json<TicketDetail>();
}

async function move(ticket: TicketDetail, status: TicketStatus, cookie = agentCookie): Promise<TicketDetail> {
  const response = await post(
    `/api/v1/tickets/${ticket.id}/status`,
    { status, version: ticket.version },
    cookie,
  );
  expect(response.statusCode).toBe(200);
  return response.json<TicketDetail>();
}

describe('creating a ticket', () => {
  it('sends the customer a receipt with the reference, a link and the subject escaped', async () => {
    const { customer, cookie } = await customerWithCookie();
    const ticket = await raiseTicket(context, cookie, {
      categoryId: category.id,
      subject: 'Refund <script>alert(1)</script> & more',
    });
    const [email, ...others] = await mailTo(customer.email);
    expect(others).toEqual([]);
    expect(email).toMatchObject({ kind: 'ticket_received', status: 'pending' });
    expect(email?.subject).toContain(ticket.reference);
    expect(email?.subject).toContain('Customer Care Registry');
    const link = `${URL_BASE}/customer/tickets/${ticket.reference}`;
    expect(email?.textBody).toContain(link);
    expect(email?.textBody).toContain('Refund <script>alert(1)</script> & more');
    expect(email?.textBody).toContain('Hello Priya,');
    expect(email?.htmlBody).toContain(`href="${link}"`);
    expect(email?.htmlBody).toContain('Refund &lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
    expect(email?.htmlBody).not.toContain('<script>');
    expect(email?.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(email?.headers['List-Unsubscribe']).toMatch(
      new RegExp(`^<${URL_BASE}/api/v1/unsubscribe/one-click\\?token=[\\w-]{43}>$`),
    );
    expect(email?.textBody).toMatch(new RegExp(`${URL_BASE}/unsubscribe#token=[\\w-]{43}`));
    // The unsubscribe token lives long (about 180 days).
    const [token] = await db().select().from(accountTokens).where(eq(accountTokens.userId, customer.id));
    expect(token?.purpose).toBe('unsubscribe');
    expect(token!.expiresAt.getTime() - Date.now()).toBeGreaterThan(179 * 24 * 3_600_000);
  });

  it('with routing, also tells the customer the agent’s first name and the agent that it is theirs', async () => {
    const router = await createAgent(context, { fullName: 'Kavya  Iyer', categories: [routed] });
    const { customer, cookie } = await customerWithCookie();
    const ticket = await raiseTicket(context, cookie, {
      categoryId: routed.id,
      subject: 'Late <b>parcel</b>',
    });
    expect(ticket.agent?.id).toBe(router.id);

    expect(await kindsTo(customer.email)).toEqual(['ticket_received', 'ticket_assigned']);
    const assigned = (await mailTo(customer.email))[1];
    expect(assigned?.subject).toContain('Kavya is looking after your ticket');
    expect(assigned?.textBody).not.toContain('Iyer');

    const [toAgent, ...more] = await mailTo(router.email);
    expect(more).toEqual([]);
    expect(toAgent).toMatchObject({ kind: 'ticket_assigned_to_agent', headers: {} });
    expect(toAgent?.subject).toContain(ticket.reference);
    expect(toAgent?.textBody).toContain(`${URL_BASE}/agent/tickets/${ticket.reference}`);
    expect(toAgent?.textBody).toContain('Priya Raman');
    expect(toAgent?.htmlBody).toContain('Late &lt;b&gt;parcel&lt;/b&gt;');
    expect(toAgent?.textBody).not.toContain('unsubscribe');
  });

  it('writes no email when the change rolls back', async () => {
    const { customer } = await customerWithCookie();
    const real = createOutbox({ publicUrl: URL_BASE });
    let written = 0;
    // A routed creation writes the receipt and the customer's assignment email with the ticket, then
    // the agent's email on its own, which fails: everything before it must vanish too.
    const failing: Outbox = {
      enqueueWrite(tx, email) {
        written++;
        return real.enqueueWrite(tx, email);
      },
      enqueue: () => Promise.reject(new Error('outbox unavailable')),
      groupedWrite: (tx, group, email) => real.groupedWrite(tx, group, email),
      wake: () => undefined,
    };
    await createAgent(context, { categories: [routed] });
    const service = createTicketsService(db(), { outbox: failing, publicUrl: URL_BASE });
    const caller = {
      id: customer.id,
      role: 'customer' as const,
      fullName: customer.fullName,
      preferredLanguage: 'en' as const,
      emailConfirmedAt: customer.emailConfirmedAt,
      email: customer.email,
      notifyTicketUpdates: customer.notifyTicketUpdates,
    };
    await expect(
      service.create(caller, {
        categoryId: routed.id,
        subject: 'Will roll back',
        description: 'Nothing stays.',
      }),
    ).rejects.toThrow('outbox unavailable');
    expect(written).toBe(2);
    expect(await mailTo(customer.email)).toEqual([]);
    expect(await db().select().from(tickets).where(eq(tickets.customerId, customer.id))).toEqual([]);
    expect(await db().select().from(accountTokens).where(eq(accountTokens.userId, customer.id))).toEqual([]);
  });
});

describe('changes to a ticket', () => {
  it('manual assignment emails the customer and the agent, never the admin who assigned', async () => {
    const { customer, cookie } = await customerWithCookie();
    const ticket = await assign(await raiseTicket(context, cookie, { categoryId: category.id }));
    expect(await kindsTo(customer.email)).toEqual(['ticket_received', 'ticket_assigned']);
    expect((await mailTo(customer.email))[1]?.textBody).toContain('Arjun from our support team');
    const toAgent = (await mailTo(agent.email)).filter((row) => row.subject.includes(ticket.reference));
    expect(toAgent.map((row) => row.kind)).toEqual(['ticket_assigned_to_agent']);
    expect(await mailTo(admin.email)).toEqual([]);
  });

  it('pick-up emails the customer, not the agent who picked it up', async () => {
    const { customer, cookie } = await customerWithCookie();
    const ticket = await raiseTicket(context, cookie, { categoryId: category.id });
    const before = (await mailTo(agent.email)).length;
    const response = await post(
      `/api/v1/tickets/${ticket.id}/pick-up`,
      { version: ticket.version },
      agentCookie,
    );
    expect(response.statusCode).toBe(200);
    expect(await kindsTo(customer.email)).toEqual(['ticket_received', 'ticket_assigned']);
    expect(await mailTo(agent.email)).toHaveLength(before);
  });

  it('two pick-ups racing send one assignment email: the loser’s 409 rolls back', async () => {
    const rival = await createAgent(context, { categories: [category] });
    const rivalCookie = await signIn(context, rival);
    const { customer, cookie } = await customerWithCookie();
    const ticket = await raiseTicket(context, cookie, { categoryId: category.id });
    const responses = await Promise.all(
      [agentCookie, rivalCookie].map((c) =>
        post(`/api/v1/tickets/${ticket.id}/pick-up`, { version: ticket.version }, c),
      ),
    );
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await kindsTo(customer.email)).toEqual(['ticket_received', 'ticket_assigned']);
  });

  it('status changes email the customer in words, resolving sends the resolved email, a stale 409 none', async () => {
    const { customer, cookie } = await customerWithCookie();
    let ticket = await assign(await raiseTicket(context, cookie, { categoryId: category.id }));
    ticket = await move(ticket, 'in_progress');
    ticket = await move(ticket, 'waiting_on_customer');

    const stale = await post(
      `/api/v1/tickets/${ticket.id}/status`,
      { status: 'in_progress', version: ticket.version - 1 },
      agentCookie,
    );
    expect(stale.statusCode).toBe(409);

    ticket = await move(ticket, 'resolved');
    const emails = await mailTo(customer.email);
    expect(emails.map((row) => row.kind)).toEqual([
      'ticket_received',
      'ticket_assigned',
      'ticket_status_changed',
      'ticket_status_changed',
      'ticket_resolved',
    ]);
    expect(emails[3]?.textBody).toContain('changed from In progress to Waiting on customer');
    expect(emails[4]?.textBody).toContain(`${URL_BASE}/customer/tickets/${ticket.reference}`);
    expect(emails[4]?.textBody).toContain('reopen it within 7 days');

    // The customer reopening it is their own change: no email to them (and none to the agent).
    const agentBefore = (await mailTo(agent.email)).length;
    await move(ticket, 'reopened', cookie);
    expect(await mailTo(customer.email)).toHaveLength(5);
    expect(await mailTo(agent.email)).toHaveLength(agentBefore);
  });

  it('writes each email in the recipient’s language: a Tamil customer gets the Tamil template', async () => {
    const { customer, cookie } = await customerWithCookie({ preferredLanguage: 'ta' });
    const ticket = await assign(await raiseTicket(context, cookie, { categoryId: category.id }));
    await move(ticket, 'in_progress');
    const emails = await mailTo(customer.email);
    expect(emails[0]?.subject).toContain('உங்கள் டிக்கெட்');
    expect(emails[0]?.textBody).toContain('வணக்கம் Priya,');
    expect(emails[2]?.textBody).toContain('ஒதுக்கப்பட்டது');
    expect(emails[2]?.textBody).toContain('செயல்பாட்டில்');
    // The agent still reads English (their own preference).
    const toAgent = (await mailTo(agent.email)).find((row) => row.subject.includes(ticket.reference));
    expect(toAgent?.subject).toContain('was assigned to you');
  });

  it('sends no customer email at all when they turned ticket updates off', async () => {
    const { customer, cookie } = await customerWithCookie();
    await db().update(users).set({ notifyTicketUpdates: false }).where(eq(users.id, customer.id));
    const ticket = await assign(await raiseTicket(context, cookie, { categoryId: category.id }));
    await move(await move(ticket, 'in_progress'), 'resolved');
    expect(await mailTo(customer.email)).toEqual([]);
    expect(
      await db()
        .select()
        .from(accountTokens)
        .where(and(eq(accountTokens.userId, customer.id), eq(accountTokens.purpose, 'unsubscribe'))),
    ).toEqual([]);
    // The agent's email is not a customer preference.
    expect((await mailTo(agent.email)).some((row) => row.subject.includes(ticket.reference))).toBe(true);
  });
});
