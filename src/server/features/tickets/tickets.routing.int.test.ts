import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../../test/helpers/app.js';
import {
  createAgent,
  createCategory,
  createCustomer,
  createTicket,
  raiseTicket,
  signIn,
} from '../../../../test/helpers/factories.js';
import type { Language } from '../../../shared/languages.js';
import type { TicketStatus } from '../../../shared/tickets.js';
import { createTicketsService } from './tickets.service.js';
import { ticketEvents, tickets, users, type CategoryRow, type UserRow } from '../../db/schema.js';

let context: TestContext;
const cookies = new Map<Language, string>();
const customers = new Map<Language, UserRow>();

beforeAll(async () => {
  context = await createTestApp();
  for (const language of ['en', 'hi'] as const) {
    const customer = await createCustomer(context, { preferredLanguage: language });
    customers.set(language, customer);
    cookies.set(language, await signIn(context, customer));
  }
});
afterAll(() => context.close());

const db = () => context.db.database.db;
const HOUR = 3_600_000;

async function raise(category: CategoryRow, language: Language = 'en') {
  return raiseTicket(context, cookies.get(language) ?? '', { categoryId: category.id });
}

/** Gives an agent `count` tickets in the given status (in a category of their own, so routing there is untouched). */
async function load(agent: UserRow, count: number, status: TicketStatus = 'in_progress') {
  const elsewhere = await createCategory(context);
  const customer = customers.get('en');
  if (!customer) throw new Error('no customer');
  for (let i = 0; i < count; i++)
    await createTicket(context, { customer, category: elsewhere, agent, status });
}

describe('automatic routing', () => {
  it('assigns to the least-loaded matching agent, counting only active tickets, as the system', async () => {
    const category = await createCategory(context, { autoAssign: true });
    const busy = await createAgent(context, { categories: [category] });
    const lighter = await createAgent(context, { categories: [category] });
    await load(busy, 2);
    await load(lighter, 1, 'waiting_on_customer');
    await load(lighter, 3, 'resolved');
    await load(lighter, 2, 'closed');

    const ticket = await raise(category);
    expect(ticket).toMatchObject({ status: 'assigned', agent: { id: lighter.id }, version: 1 });
    expect(ticket.history.map((event) => [event.type, event.actor, event.agent?.id ?? null])).toEqual([
      ['created', { id: customers.get('en')?.id, fullName: expect.any(String) as unknown }, null],
      ['assigned', null, lighter.id],
    ]);
    const [agentRow] = await db().select().from(users).where(eq(users.id, lighter.id));
    expect(agentRow?.lastAssignedAt).not.toBeNull();
  });

  it('leaves out agents who do not speak the customer’s language or handle the category', async () => {
    const category = await createCategory(context, { autoAssign: true });
    await createAgent(context, { categories: [category], languages: ['en', 'ta'] });
    await createAgent(context, { categories: [await createCategory(context)], languages: ['hi'] });
    const hindi = await createAgent(context, { categories: [category], languages: ['en', 'hi'] });
    await load(hindi, 3);
    const ticket = await raise(category, 'hi');
    expect(ticket.language).toBe('hi');
    expect(ticket.agent?.id).toBe(hindi.id);
  });

  it('breaks ties by the least recently assigned, never-assigned first, then by id', async () => {
    const category = await createCategory(context, { autoAssign: true });
    const recent = await createAgent(context, {
      categories: [category],
      lastAssignedAt: new Date(Date.now() - HOUR),
    });
    const longAgo = await createAgent(context, {
      categories: [category],
      lastAssignedAt: new Date(Date.now() - 5 * HOUR),
    });
    expect((await raise(category)).agent?.id).toBe(longAgo.id);
    // The least loaded comes before any tie-break.
    expect((await raise(category)).agent?.id).toBe(recent.id);
    const never = await createAgent(context, { categories: [category] });
    await load(never, 1);
    // All three carry one ticket; the one never assigned by routing goes first.
    expect((await raise(category)).agent?.id).toBe(never.id);
    // Then, with equal loads again, the one routing served longest ago.
    expect((await raise(category)).agent?.id).toBe(longAgo.id);
  });

  it('never chooses a pending or deactivated agent, and leaves the ticket open without an eligible one', async () => {
    const category = await createCategory(context, { autoAssign: true });
    await createAgent(context, { categories: [category], status: 'pending' });
    await createAgent(context, { categories: [category], status: 'deactivated' });
    await createAgent(context, { categories: [category], status: 'rejected' });
    const ticket = await raise(category);
    expect(ticket).toMatchObject({ status: 'open', agent: null });
    const events = await db().select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticket.id));
    expect(events.map((event) => event.type)).toEqual(['created']);

    const active = await createAgent(context, { categories: [category] });
    await load(active, 4);
    expect((await raise(category)).agent?.id).toBe(active.id);
  });

  it('does not route in a category without auto-assign', async () => {
    const category = await createCategory(context, { autoAssign: false });
    await createAgent(context, { categories: [category] });
    expect((await raise(category)).status).toBe('open');
  });

  it('balances tickets created at the same moment', async () => {
    const category = await createCategory(context, { autoAssign: true });
    const agents = [
      await createAgent(context, { categories: [category] }),
      await createAgent(context, { categories: [category] }),
    ];
    // Straight through the service as well as over HTTP, so the transactions really overlap.
    const service = createTicketsService(db());
    const customer = customers.get('en');
    if (!customer) throw new Error('no customer');
    const created = await Promise.all([
      ...Array.from({ length: 14 }, (_x, i) =>
        service.create(customer, { subject: `Rush ${i}`, description: 'Now', categoryId: category.id }),
      ),
      ...Array.from({ length: 6 }, () => raise(category)),
    ]);
    expect(created.every((ticket) => ticket.status === 'assigned')).toBe(true);
    const loads = await Promise.all(
      agents.map(
        async (agent) => (await db().select().from(tickets).where(eq(tickets.agentId, agent.id))).length,
      ),
    );
    expect((loads[0] ?? 0) + (loads[1] ?? 0)).toBe(20);
    expect(Math.abs((loads[0] ?? 0) - (loads[1] ?? 0))).toBeLessThanOrEqual(1);
  });
});
