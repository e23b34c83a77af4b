import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, signedIn, type TestContext } from '../../../../test/helpers/app.js';
import {
  createAgent,
  createCategory,
  createCustomer,
  raiseTicket,
  signIn,
} from '../../../../test/helpers/factories.js';
import type { TicketDetail } from '../../../shared/contracts/tickets.js';
import { liveEvents, outboxEmails, tickets, users, type CategoryRow, type UserRow } from '../../db/schema.js';
import { createOutbox } from '../../mail/outbox.js';
import { createLiveEventsRepo } from '../../realtime/live-events.repo.js';
import { createSlaBreaches } from './sla-breaches.js';

const MINUTE = 60_000;
let offset = 0;
const now = () => new Date(Date.now() + offset);

let context: TestContext;
let category: CategoryRow;
let customerCookie: string;
let agent: UserRow;
let agentCookie: string;
let adminCookie: string;

beforeAll(async () => {
  context = await createTestApp({ now, slaCheckIntervalMs: 3_600_000 });
  category = await createCategory(context, { autoAssign: true });
  customerCookie = await signIn(context, await createCustomer(context));
  agent = await createAgent(context, { categories: [category] });
  agentCookie = await signIn(context, agent);
  ({ cookie: adminCookie } = await signedIn(context, 'admin'));
  const targets = (['low', 'normal', 'high', 'urgent'] as const).map((priority) => ({
    priority,
    firstResponseMinutes: priority === 'urgent' ? 1 : null,
    resolutionMinutes: priority === 'urgent' ? 3 : null,
    businessHours: false,
  }));
  const saved = await call(
    context.app,
    'PUT',
    '/api/v1/admin/service-levels',
    { targets, businessHours: { timeZone: 'UTC', week: [{ day: 1, start: '09:00', end: '17:00' }] } },
    { cookie: adminCookie },
  );
  expect(saved.statusCode, saved.body).toBe(200);
});
afterAll(() => context.close());

const db = () => context.db.database.db;

/** A breach job as another app instance would run it, on the same database. */
function instance() {
  const repo = createLiveEventsRepo(db());
  return createSlaBreaches({
    db: db(),
    now,
    outbox: createOutbox({ publicUrl: 'http://localhost:3000' }),
    live: {
      record: (tx, event) => repo.append(tx, event),
      recordWrite: (event) => repo.appendWrite(event),
      published: () => undefined,
    },
    publicUrl: 'http://localhost:3000',
  });
}

async function urgentTicket(): Promise<TicketDetail> {
  const raised = await raiseTicket(context, customerCookie, { categoryId: category.id });
  const response = await call(
    context.app,
    'POST',
    `/api/v1/tickets/${raised.id}/priority`,
    { priority: 'urgent', version: raised.version },
    { cookie: agentCookie },
  );
  expect(response.statusCode, response.body).toBe(200);
  return response.json<TicketDetail>();
}

const breachEmails = () => db().select().from(outboxEmails).where(eq(outboxEmails.kind, 'sla_breached'));
const breachEvents = (ticketId: string) =>
  db()
    .select()
    .from(liveEvents)
    .where(and(eq(liveEvents.type, 'ticket.sla_breached'), eq(liveEvents.ticketId, ticketId)));

describe('the breach job', () => {
  it('does nothing before a target is due', async () => {
    offset = 0;
    await urgentTicket();
    expect(await instance().check()).toBe(0);
  });

  it('announces a missed first response once, even with two instances checking at once', async () => {
    offset = 0;
    const before = (await breachEmails()).length;
    const ticket = await urgentTicket();
    offset += 2 * MINUTE;
    const counts = await Promise.all([instance().check(), instance().check()]);
    // This ticket's first response and the one of the ticket from the test before: each once.
    expect(counts.reduce((a, b) => a + b, 0)).toBe(2);
    expect(await instance().check()).toBe(0);

    const admins = await db()
      .select({ email: users.email })
      .from(users)
      .where(and(eq(users.role, 'admin'), eq(users.status, 'active')));
    const emails = (await breachEmails())
      .slice(before)
      .filter((email) => email.subject.includes(ticket.reference));
    expect(emails.map((email) => email.toAddress).sort()).toEqual(
      [agent.email, ...admins.map((admin) => admin.email)].sort(),
    );
    expect(emails[0]?.subject).toBe(`Ticket ${ticket.reference} breached its first-response target`);

    const events = await breachEvents(ticket.id);
    expect(events).toHaveLength(1);
    // Staff only: the customer is not in the audience.
    expect(events[0]?.customerId).toBeNull();
    expect(events[0]?.agentIds).toEqual([agent.id]);
    expect(events[0]?.payload).toMatchObject({ reference: ticket.reference, target: 'first_response' });

    const stored = (await db().select().from(tickets).where(eq(tickets.id, ticket.id)))[0];
    expect(stored?.firstResponseBreached).toBe(true);
    expect(stored?.resolutionBreached).toBe(false);
    // Announcing a breach is not a change to the ticket: the version staff hold stays valid.
    expect(stored?.version).toBe(ticket.version);
  });

  it('announces the resolution breach separately, and never for a resolved ticket', async () => {
    offset = 0;
    const late = await urgentTicket();
    const resolved = await urgentTicket();
    let version = resolved.version;
    for (const status of ['in_progress', 'resolved']) {
      const response = await call(
        context.app,
        'POST',
        `/api/v1/tickets/${resolved.id}/status`,
        { status, version },
        { cookie: agentCookie },
      );
      expect(response.statusCode, response.body).toBe(200);
      version = response.json<TicketDetail>().version;
    }
    offset += 4 * MINUTE;
    await Promise.all([instance().check(), instance().check()]);
    const events = await breachEvents(late.id);
    expect(events.map((event) => (event.payload as { target: string }).target).sort()).toEqual([
      'first_response',
      'resolution',
    ]);
    expect(await breachEvents(resolved.id)).toEqual([]);
    const staff = await call(context.app, 'GET', `/api/v1/tickets/${late.id}`, undefined, {
      cookie: adminCookie,
    });
    expect(staff.json<TicketDetail>().sla?.state).toBe('breached');
  });
});
