import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, signedIn, type TestContext } from '../../../../test/helpers/app.js';
import {
  createAgent,
  createCategory,
  createCustomer,
  createTicket,
  raiseTicket,
  signIn,
} from '../../../../test/helpers/factories.js';
import type { TicketDetail, WorkloadPage, WorkloadRow } from '../../../shared/contracts/tickets.js';
import type { TicketStatus } from '../../../shared/tickets.js';
import { ticketEvents, tickets, users, type CategoryRow, type UserRow } from '../../db/schema.js';
import { createTicketsService } from './tickets.service.js';

const DAY = 24 * 3_600_000;
let offset = 0;
/** The app's clock; tests move it forward. */
const now = () => new Date(Date.now() + offset);

let context: TestContext;
let category: CategoryRow;
let customer: UserRow;
let customerCookie: string;
let agent: UserRow;
let agentCookie: string;
let otherAgent: UserRow;
let otherAgentCookie: string;
let admin: UserRow;
let adminCookie: string;

beforeAll(async () => {
  context = await createTestApp({ now });
  category = await createCategory(context);
  customer = await createCustomer(context);
  customerCookie = await signIn(context, customer);
  agent = await createAgent(context, { categories: [category] });
  agentCookie = await signIn(context, agent);
  otherAgent = await createAgent(context, { categories: [category] });
  otherAgentCookie = await signIn(context, otherAgent);
  ({ user: admin, cookie: adminCookie } = await signedIn(context, 'admin'));
});
afterAll(() => context.close());

const db = () => context.db.database.db;
const get = (url: string, cookie: string) => call(context.app, 'GET', url, undefined, { cookie });
const post = (url: string, body: unknown, cookie: string) => call(context.app, 'POST', url, body, { cookie });
const errorCode = (response: { json: <T>() => T }) => response.json<{ error: { code: string } }>().error.code;
const events = (ticketId: string) =>
  db().select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticketId)).orderBy(ticketEvents.createdAt);
const stored = async (ticketId: string) =>
  (await db().select().from(tickets).where(eq(tickets.id, ticketId)))[0];

async function assignedTicket(to: UserRow = agent): Promise<TicketDetail> {
  const ticket = await raiseTicket(context, customerCookie, { categoryId: category.id });
  const response = await post(
    `/api/v1/tickets/${ticket.id}/assign`,
    { agentId: to.id, version: ticket.version },
    adminCookie,
  );
  expect(response.statusCode).toBe(200);
  return response.json<TicketDetail>();
}

const move = (ticket: { id: string; version: number }, status: TicketStatus, cookie = agentCookie) =>
  post(`/api/v1/tickets/${ticket.id}/status`, { status, version: ticket.version }, cookie);

describe('assigning', () => {
  it('assigns an open ticket, then reassigns keeping the status, with events and last_assigned_at', async () => {
    const ticket = await raiseTicket(context, customerCookie, { categoryId: category.id });
    const first = await post(
      `/api/v1/tickets/${ticket.id}/assign`,
      { agentId: agent.id, version: 1 },
      adminCookie,
    );
    expect(first.statusCode).toBe(200);
    const assigned = first.json<TicketDetail>();
    expect(assigned).toMatchObject({ status: 'assigned', version: 2, agent: { id: agent.id } });
    expect(assigned.allowedStatuses).toEqual(['in_progress']);

    const started = (await move(assigned, 'in_progress')).json<TicketDetail>();
    const second = await post(
      `/api/v1/tickets/${ticket.reference}/assign`,
      { agentId: otherAgent.id, version: started.version },
      adminCookie,
    );
    expect(second.statusCode).toBe(200);
    expect(second.json<TicketDetail>()).toMatchObject({
      status: 'in_progress',
      agent: { id: otherAgent.id },
    });

    const history = (await events(ticket.id)).map((event) => [event.type, event.agentId, event.actorId]);
    expect(history).toEqual([
      ['created', null, customer.id],
      ['assigned', agent.id, admin.id],
      ['status_changed', agent.id, agent.id],
      ['assigned', otherAgent.id, admin.id],
    ]);
    const [row] = await db().select().from(users).where(eq(users.id, otherAgent.id));
    expect(row?.lastAssignedAt?.getTime()).toBeGreaterThan(Date.now() - 60_000);
    // The former agent no longer sees it.
    expect((await get(`/api/v1/tickets/${ticket.id}`, agentCookie)).statusCode).toBe(404);
  });

  it.each([
    ['a customer', 'customer'],
    ['a pending agent', 'pending'],
    ['a deactivated agent', 'deactivated'],
    ['nobody', 'none'],
  ])('refuses to assign to %s with 400 on agentId', async (_name, kind) => {
    const ticket = await raiseTicket(context, customerCookie, { categoryId: category.id });
    const agentId =
      kind === 'customer'
        ? customer.id
        : kind === 'none'
          ? '00000000-0000-4000-8000-000000000000'
          : (await createAgent(context, { status: kind as 'pending' | 'deactivated' })).id;
    const response = await post(`/api/v1/tickets/${ticket.id}/assign`, { agentId, version: 1 }, adminCookie);
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: { details: { field: string }[] } }>().error.details[0]?.field).toBe(
      'agentId',
    );
    expect((await stored(ticket.id))?.agentId).toBeNull();
  });

  it('refuses a stale version and a resolved ticket with 409', async () => {
    const ticket = await assignedTicket();
    const stale = await post(
      `/api/v1/tickets/${ticket.id}/assign`,
      { agentId: otherAgent.id, version: 1 },
      adminCookie,
    );
    expect(stale.statusCode).toBe(409);
    expect(errorCode(stale)).toBe('STALE_UPDATE');
    const resolved = await createTicket(context, { customer, category, agent, status: 'resolved' });
    const refused = await post(
      `/api/v1/tickets/${resolved.id}/assign`,
      { agentId: otherAgent.id, version: resolved.version },
      adminCookie,
    );
    expect(refused.statusCode).toBe(409);
    expect(errorCode(refused)).toBe('INVALID_TRANSITION');
  });
});

describe('status changes', () => {
  it('lets the agent walk the allowed transitions and records each one', async () => {
    let ticket = await assignedTicket();
    for (const status of [
      'in_progress',
      'waiting_on_customer',
      'in_progress',
      'resolved',
      'closed',
    ] as const) {
      const response = await move(ticket, status);
      expect(response.statusCode).toBe(200);
      const next: TicketDetail = response.json<TicketDetail>();
      expect(next.status).toBe(status);
      expect(next.version).toBe(ticket.version + 1);
      if (status === 'resolved') expect(next.resolvedAt).not.toBeNull();
      ticket = next;
    }
    const changes = (await events(ticket.id)).filter((event) => event.type === 'status_changed');
    expect(changes.map((event) => [event.fromStatus, event.toStatus, event.actorId])).toEqual([
      ['assigned', 'in_progress', agent.id],
      ['in_progress', 'waiting_on_customer', agent.id],
      ['waiting_on_customer', 'in_progress', agent.id],
      ['in_progress', 'resolved', agent.id],
      ['resolved', 'closed', agent.id],
    ]);
  });

  it.each([
    ['assigned', 'resolved'],
    ['assigned', 'closed'],
    ['assigned', 'open'],
  ] as const)('refuses %s → %s with 409 INVALID_TRANSITION', async (_from, to) => {
    const ticket = await assignedTicket();
    const response = await move(ticket, to);
    expect(response.statusCode).toBe(409);
    expect(errorCode(response)).toBe('INVALID_TRANSITION');
    expect((await stored(ticket.id))?.status).toBe('assigned');
  });

  it('refuses a stale version with 409 STALE_UPDATE and writes nothing', async () => {
    const ticket = await assignedTicket();
    const eventsBefore = (await events(ticket.id)).length;
    const response = await move({ id: ticket.id, version: ticket.version - 1 }, 'in_progress');
    expect(response.statusCode).toBe(409);
    expect(response.json<{ error: { code: string; message: string } }>().error).toMatchObject({
      code: 'STALE_UPDATE',
      message: expect.stringContaining('This ticket changed since you loaded it') as unknown,
    });
    expect(await stored(ticket.id)).toMatchObject({ status: 'assigned', version: ticket.version });
    expect(await events(ticket.id)).toHaveLength(eventsBefore);
  });

  it('lets only one of two simultaneous changes of the same version through', async () => {
    const ticket = await assignedTicket();
    const responses = await Promise.all([
      move(ticket, 'in_progress'),
      move(ticket, 'in_progress', adminCookie),
    ]);
    expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 409]);
    expect((await stored(ticket.id))?.version).toBe(ticket.version + 1);
  });

  it('answers 409 to the owner moving an unresolved ticket, 404 to an agent it is not assigned to', async () => {
    const ticket = await assignedTicket();
    const customerTry = await move(ticket, 'in_progress', customerCookie);
    expect(customerTry.statusCode).toBe(409);
    expect((await move(ticket, 'in_progress', otherAgentCookie)).statusCode).toBe(404);
  });

  it('lets the customer reopen within 7 days and refuses after, suggesting a new ticket', async () => {
    let ticket = await assignedTicket();
    for (const status of ['in_progress', 'resolved'] as const)
      ticket = (await move(ticket, status)).json<TicketDetail>();
    const seen = (await get(`/api/v1/tickets/${ticket.id}`, customerCookie)).json<TicketDetail>();
    expect(seen.allowedStatuses).toEqual(['reopened']);

    offset = 6 * DAY;
    let cookie = await signIn(context, customer);
    const reopened = await move(ticket, 'reopened', cookie);
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json<TicketDetail>()).toMatchObject({
      status: 'reopened',
      resolvedAt: null,
      agent: { id: agent.id },
    });

    let late = reopened.json<TicketDetail>();
    const agentNow = await signIn(context, agent);
    for (const status of ['in_progress', 'resolved'] as const)
      late = (await move(late, status, agentNow)).json<TicketDetail>();
    offset = 6 * DAY + 7 * DAY + 60_000;
    cookie = await signIn(context, customer);
    const view = (await get(`/api/v1/tickets/${ticket.id}`, cookie)).json<TicketDetail>();
    expect(view.allowedStatuses).toEqual([]);
    const refused = await move(late, 'reopened', cookie);
    expect(refused.statusCode).toBe(409);
    const { error } = refused.json<{ error: { code: string; message: string } }>();
    expect(error.code).toBe('INVALID_TRANSITION');
    expect(error.message).toContain('new ticket');
    expect((await stored(ticket.id))?.status).toBe('resolved');
    offset = 0;
    customerCookie = await signIn(context, customer);
    agentCookie = await signIn(context, agent);
    otherAgentCookie = await signIn(context, otherAgent);
    adminCookie = await signIn(context, admin);
  });
});

describe('picking up', () => {
  it('gives the ticket to one of two agents racing for it; the other gets 409', async () => {
    const ticket = await raiseTicket(context, customerCookie, { categoryId: category.id });
    const responses = await Promise.all([
      post(`/api/v1/tickets/${ticket.id}/pick-up`, { version: ticket.version }, agentCookie),
      post(`/api/v1/tickets/${ticket.id}/pick-up`, { version: ticket.version }, otherAgentCookie),
    ]);
    expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 409]);
    const loser = responses.find((response) => response.statusCode === 409);
    expect(loser && errorCode(loser)).toBe('STALE_UPDATE');
    const winner = responses.find((response) => response.statusCode === 200)?.json<TicketDetail>();
    expect(winner?.status).toBe('assigned');
    const row = await stored(ticket.id);
    expect(row?.agentId).toBe(winner?.agent?.id);
    expect((await events(ticket.id)).filter((event) => event.type === 'assigned')).toHaveLength(1);
    // Picking it up again later: the winner already has it, the loser is told it was taken.
    const again = await post(`/api/v1/tickets/${ticket.id}/pick-up`, { version: row?.version }, agentCookie);
    expect(again.statusCode).toBe(409);
  });

  it('answers 404 for a ticket outside the agent’s categories', async () => {
    const elsewhere = await createTicket(context, { customer, category: await createCategory(context) });
    const response = await post(`/api/v1/tickets/${elsewhere.id}/pick-up`, { version: 1 }, agentCookie);
    expect(response.statusCode).toBe(404);
  });
});

describe('workload and returning tickets to the queue', () => {
  it('counts each active agent’s active tickets by status', async () => {
    const fresh = await createAgent(context, { fullName: 'Workload Person', categories: [category] });
    const idle = await createAgent(context, { fullName: 'Idle Person' });
    await createAgent(context, { status: 'deactivated' });
    const old = new Date(Date.now() - 5 * DAY);
    const statuses: TicketStatus[] = [
      'assigned',
      'assigned',
      'in_progress',
      'waiting_on_customer',
      'reopened',
      'resolved',
      'closed',
    ];
    for (const [i, status] of statuses.entries()) {
      await createTicket(context, {
        customer,
        category,
        agent: fresh,
        status,
        updatedAt: i === 2 ? old : new Date(),
      });
    }
    const rows: WorkloadRow[] = [];
    let cursor: string | null = null;
    do {
      const response = await get(
        `/api/v1/admin/workload?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        adminCookie,
      );
      expect(response.statusCode).toBe(200);
      const page: WorkloadPage = response.json<WorkloadPage>();
      rows.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const activeAgents = await db().select().from(users).where(eq(users.role, 'agent'));
    expect(rows).toHaveLength(activeAgents.filter((user) => user.status === 'active').length);
    expect(rows.find((row) => row.agent.id === fresh.id)).toEqual({
      agent: { id: fresh.id, fullName: 'Workload Person' },
      counts: { assigned: 2, in_progress: 1, waiting_on_customer: 1, reopened: 1 },
      total: 5,
      oldestWaitingSince: old.toISOString(),
    });
    expect(rows.find((row) => row.agent.id === idle.id)).toMatchObject({
      total: 0,
      oldestWaitingSince: null,
    });
  });

  it('returnAgentTicketsToQueue unassigns every active ticket of the agent with an event', async () => {
    const leaving = await createAgent(context, { categories: [category] });
    const active = await Promise.all(
      (['assigned', 'in_progress', 'waiting_on_customer', 'reopened'] as const).map((status) =>
        createTicket(context, { customer, category, agent: leaving, status }),
      ),
    );
    const done = await createTicket(context, { customer, category, agent: leaving, status: 'resolved' });
    const untouched = await createTicket(context, { customer, category, agent, status: 'in_progress' });

    await createTicketsService(db()).returnAgentTicketsToQueue(leaving.id, admin.id);

    for (const ticket of active) {
      expect(await stored(ticket.id)).toMatchObject({
        agentId: null,
        status: 'open',
        version: ticket.version + 1,
      });
      const last = (await events(ticket.id)).at(-1);
      expect(last).toMatchObject({
        type: 'unassigned',
        fromStatus: ticket.status,
        toStatus: 'open',
        actorId: admin.id,
        agentId: leaving.id,
      });
    }
    expect(await stored(done.id)).toMatchObject({ agentId: leaving.id, status: 'resolved', version: 1 });
    expect(await stored(untouched.id)).toMatchObject({ agentId: agent.id, version: 1 });
    // They are back in the queue of the category's agents.
    const queue = (await get('/api/v1/tickets/queue?limit=100', agentCookie)).json<{
      items: { id: string }[];
    }>();
    expect(queue.items.map((ticket) => ticket.id)).toEqual(expect.arrayContaining(active.map((t) => t.id)));
  });
});
