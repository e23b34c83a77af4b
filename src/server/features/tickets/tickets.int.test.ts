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
import type { TicketDetail, TicketPage, TicketSummary } from '../../../shared/contracts/tickets.js';
import type { CategoryRow, UserRow } from '../../db/schema.js';
import { ticketEvents, tickets } from '../../db/schema.js';
import { createTicketsRepo } from './tickets.repo.js';
import { createTicketsService } from './tickets.service.js';

let context: TestContext;
let category: CategoryRow;
let customer: UserRow;
let customerCookie: string;
let otherCookie: string;
let agent: UserRow;
let agentCookie: string;
let adminCookie: string;

const REFERENCE = /^CCR-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{6}$/;

beforeAll(async () => {
  context = await createTestApp();
  category = await createCategory(context, { name: 'Deliveries' });
  customer = await createCustomer(context, { fullName: 'Priya Raman', preferredLanguage: 'ta' });
  customerCookie = await signIn(context, customer);
  otherCookie = (await signedIn(context, 'customer')).cookie;
  agent = await createAgent(context, { fullName: 'Arjun Kumar Mehta', categories: [category] });
  agentCookie = await signIn(context, agent);
  adminCookie = (await signedIn(context, 'admin')).cookie;
});
afterAll(() => context.close());

const db = () => context.db.database.db;
const get = (url: string, cookie: string) => call(context.app, 'GET', url, undefined, { cookie });
const post = (url: string, body: unknown, cookie: string) => call(context.app, 'POST', url, body, { cookie });
type ErrorJson = { error: { code: string; message: string; details?: { field: string; message: string }[] } };

describe('raising a ticket', () => {
  it('answers 201 with the ticket, stores it with a reference and a created event', async () => {
    const response = await post(
      '/api/v1/tickets',
      {
        subject: '  Broken kettle ',
        description: 'It arrived cracked.',
        categoryId: category.id,
        orderReference: 'ORD-1',
      },
      customerCookie,
    );
    expect(response.statusCode).toBe(201);
    const ticket = response.json<TicketDetail>();
    expect(ticket.reference).toMatch(REFERENCE);
    expect(ticket).toMatchObject({
      subject: 'Broken kettle',
      description: 'It arrived cracked.',
      orderReference: 'ORD-1',
      status: 'open',
      version: 1,
      agent: null,
      language: 'ta',
      category: { id: category.id, name: 'Deliveries' },
      customer: { id: customer.id, fullName: 'Priya Raman', email: customer.email },
      resolvedAt: null,
      allowedStatuses: [],
    });
    expect(ticket.history).toMatchObject([{ type: 'created', toStatus: 'open', actor: { id: customer.id } }]);

    const stored = await db().select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(stored[0]).toMatchObject({ reference: ticket.reference, customerId: customer.id, status: 'open' });
    const events = await db().select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticket.id));
    expect(events.map((event) => event.type)).toEqual(['created']);
  });

  it.each([
    ['only spaces', '   \n\t  '],
    ['empty', ''],
  ])(
    'refuses a description that is %s with "Query cannot be empty!" and writes nothing',
    async (_name, text) => {
      const before = (await db().select().from(tickets)).length;
      const response = await post(
        '/api/v1/tickets',
        { subject: 'Help', description: text, categoryId: category.id },
        customerCookie,
      );
      expect(response.statusCode).toBe(400);
      const { error } = response.json<ErrorJson>();
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.details).toEqual([{ field: 'description', message: 'Query cannot be empty!' }]);
      expect(await db().select().from(tickets)).toHaveLength(before);
    },
  );

  it('answers exactly what reading the new ticket back shows', async () => {
    const created = await post(
      '/api/v1/tickets',
      { subject: 'Late parcel', description: 'Ordered a week ago.', categoryId: category.id },
      customerCookie,
    );
    expect(created.statusCode).toBe(201);
    const ticket = created.json<TicketDetail>();
    expect(ticket.history).toHaveLength(1);
    const readBack = await get(`/api/v1/tickets/${ticket.id}`, customerCookie);
    expect(readBack.json<TicketDetail>()).toEqual(ticket);
  });

  it('keeps the usual messages for other fields', async () => {
    const response = await post('/api/v1/tickets', { subject: ' ', categoryId: category.id }, customerCookie);
    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorJson>().error.details).toEqual(
      expect.arrayContaining([
        { field: 'subject', message: 'must not be blank' },
        { field: 'description', message: 'is required' },
      ]),
    );
  });

  it.each([
    ['archived', true],
    ['unknown', false],
  ])('refuses an %s category with 400 on categoryId', async (_name, archived) => {
    const categoryId = archived
      ? (await createCategory(context, { archived: true })).id
      : '00000000-0000-4000-8000-000000000000';
    const response = await post(
      '/api/v1/tickets',
      { subject: 'Help', description: 'Please', categoryId },
      customerCookie,
    );
    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorJson>().error.details).toEqual([
      { field: 'categoryId', message: 'is not a category you can choose' },
    ]);
  });

  it('draws another reference when the first one is taken', async () => {
    const first = await raiseTicket(context, customerCookie, { categoryId: category.id });
    const draws = [first.reference, first.reference, 'CCR-ZZZZZZ'];
    const service = createTicketsService(db(), { newReference: () => draws.shift() ?? 'CCR-YYYYYY' });
    const created = await service.create(customer, {
      subject: 'Second',
      description: 'Again',
      categoryId: category.id,
    });
    expect(created.reference).toBe('CCR-ZZZZZZ');
    expect(draws).toEqual([]);
  });
});

describe('reading tickets', () => {
  let mine: TicketDetail;

  beforeAll(async () => {
    mine = await raiseTicket(context, customerCookie, { categoryId: category.id, subject: 'Lost parcel' });
  });

  it('shows a customer only their own tickets, and the agent by first name once assigned', async () => {
    await raiseTicket(context, otherCookie, { categoryId: category.id, subject: 'Not yours' });
    const before = (await get('/api/v1/tickets?limit=100', customerCookie)).json<TicketPage>();
    expect(before.items.every((ticket) => ticket.customer.id === customer.id)).toBe(true);
    expect(before.items.find((ticket) => ticket.id === mine.id)?.agent).toBeNull();

    const assigned = await post(
      `/api/v1/tickets/${mine.id}/assign`,
      { agentId: agent.id, version: mine.version },
      adminCookie,
    );
    expect(assigned.statusCode).toBe(200);
    const after = (await get('/api/v1/tickets?limit=100', customerCookie)).json<TicketPage>();
    const listed = after.items.find((ticket) => ticket.id === mine.id);
    expect(listed?.agent).toEqual({ id: agent.id, firstName: 'Arjun' });
    expect(after.items[0]?.id).toBe(mine.id);
    const detail = (
      await get(`/api/v1/tickets/${mine.reference.toLowerCase()}`, customerCookie)
    ).json<TicketDetail>();
    expect(detail.agent).toEqual({ id: agent.id, firstName: 'Arjun' });
    expect(detail.history.map((event) => [event.type, event.agent?.fullName ?? null])).toEqual([
      ['created', null],
      ['assigned', 'Arjun'],
    ]);
    expect(JSON.stringify(detail)).not.toContain('Mehta');
  });

  it('reads list pages without the descriptions, which can be long and no list shows', async () => {
    const repo = createTicketsRepo(db());
    const rows = await repo.page({ customerId: customer.id }, { id: customer.id, staff: false }, 5);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.ticket).not.toHaveProperty('description');
      expect(row.ticket.subject).toEqual(expect.any(String));
    }
  });

  it('answers 404 for another customer’s ticket and for nonsense keys', async () => {
    for (const key of [mine.id, mine.reference, 'CCR-222222', 'not-a-ticket']) {
      const response = await get(`/api/v1/tickets/${key}`, otherCookie);
      expect(response.statusCode).toBe(404);
      expect(response.json<ErrorJson>().error.code).toBe('NOT_FOUND');
    }
  });

  it('refuses staff filters from a customer with 400 naming them', async () => {
    const response = await get('/api/v1/tickets?q=kettle&unassigned=true&status=open', customerCookie);
    expect(response.statusCode).toBe(400);
    expect(
      response
        .json<ErrorJson>()
        .error.details?.map((detail) => detail.field)
        .sort(),
    ).toEqual(['q', 'unassigned']);
    const byStatus = (await get('/api/v1/tickets?status=assigned', customerCookie)).json<TicketPage>();
    expect(byStatus.items.map((ticket) => ticket.id)).toEqual([mine.id]);
  });

  it('shows an agent only the tickets assigned to them', async () => {
    const page = (await get('/api/v1/tickets?limit=100', agentCookie)).json<TicketPage>();
    expect(page.items.map((ticket) => ticket.id)).toEqual([mine.id]);
    const refused = await get(`/api/v1/tickets?agentId=${agent.id}`, agentCookie);
    expect(refused.statusCode).toBe(400);
  });
});

describe('admin list: pagination, filters and search', () => {
  let other: CategoryRow;
  let searcher: UserRow;
  let seeded: { id: string; subject: string }[];

  beforeAll(async () => {
    other = await createCategory(context, { name: 'Refunds' });
    searcher = await createCustomer(context, { email: 'Meera.Search@Example.com' });
    const day = (d: number) => new Date(Date.UTC(2024, 0, d, 12));
    seeded = [];
    for (let i = 0; i < 7; i++) {
      const ticket = await createTicket(context, {
        customer: searcher,
        category: i % 2 === 0 ? other : category,
        agent: i === 0 ? agent : null,
        subject: i === 3 ? 'Refund 100%_off promo' : `Refund request ${i}`,
        createdAt: day(i + 1),
        updatedAt: day(i + 1),
      });
      seeded.push({ id: ticket.id, subject: ticket.subject });
    }
  });

  const list = async (query: string) => {
    const response = await get(`/api/v1/tickets?limit=100&${query}`, adminCookie);
    expect(response.statusCode).toBe(200);
    return response.json<TicketPage>().items;
  };

  it('walks every ticket exactly once, newest activity first', async () => {
    const total = (await list('')).length;
    const seen: TicketSummary[] = [];
    let cursor: string | null = null;
    do {
      const response = await get(`/api/v1/tickets?limit=3${cursor ? `&cursor=${cursor}` : ''}`, adminCookie);
      const page = response.json<TicketPage>();
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((ticket) => ticket.id)).size).toBe(total);
    const times = seen.map((ticket) => ticket.updatedAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('filters by category, agent, status, unassigned and creation days', async () => {
    const ids = (items: TicketSummary[]) => items.map((ticket) => ticket.id).sort();
    const inOther = seeded.filter((_t, i) => i % 2 === 0).map((t) => t.id);
    expect(ids(await list(`categoryId=${other.id}`))).toEqual([...inOther].sort());
    expect(ids(await list(`agentId=${agent.id}&categoryId=${other.id}`))).toEqual([seeded[0]?.id]);
    expect(ids(await list(`status=assigned&categoryId=${other.id}`))).toEqual([seeded[0]?.id]);
    const unassigned = await list('unassigned=true');
    expect(unassigned.every((ticket) => ticket.agent === null)).toBe(true);
    expect(unassigned.map((ticket) => ticket.id)).not.toContain(seeded[0]?.id);
    // Inclusive days: 2 January through 4 January.
    expect(ids(await list('from=2024-01-02&to=2024-01-04'))).toEqual(
      [seeded[1]?.id, seeded[2]?.id, seeded[3]?.id].sort(),
    );
    expect((await get('/api/v1/tickets?from=2024-01-05&to=2024-01-04', adminCookie)).statusCode).toBe(400);
  });

  it('searches by exact reference, customer email or words of the subject', async () => {
    const target = await createTicket(context, { customer: searcher, category, subject: 'Zebra pattern' });
    expect((await list(`q=${target.reference.toLowerCase()}`)).map((ticket) => ticket.id)).toEqual([
      target.id,
    ]);
    expect(await list(`q=${target.reference.slice(0, 6)}`)).toEqual([]);
    expect(await list('q=MEERA.search@example.com')).toHaveLength(8);
    expect((await list('q=zebra')).map((ticket) => ticket.id)).toEqual([target.id]);
    // % and _ are literal characters, not wildcards.
    expect((await list('q=100%25_')).map((ticket) => ticket.subject)).toEqual(['Refund 100%_off promo']);
    expect(await list('q=1_0')).toEqual([]);
  });
});

describe('the unassigned queue', () => {
  it('lists open unassigned tickets in the agent’s categories, oldest first', async () => {
    const queueCategory = await createCategory(context);
    const elsewhere = await createCategory(context);
    const queueAgent = await createAgent(context, { categories: [queueCategory] });
    const cookie = await signIn(context, queueAgent);
    const t = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    const older = await createTicket(context, { customer, category: queueCategory, createdAt: t(30) });
    const newer = await createTicket(context, { customer, category: queueCategory, createdAt: t(10) });
    await createTicket(context, { customer, category: queueCategory, agent, createdAt: t(20) });
    await createTicket(context, { customer, category: elsewhere, createdAt: t(40) });

    const first = (await get('/api/v1/tickets/queue?limit=1', cookie)).json<TicketPage>();
    expect(first.items.map((ticket) => ticket.id)).toEqual([older.id]);
    const second = (
      await get(`/api/v1/tickets/queue?limit=1&cursor=${first.nextCursor}`, cookie)
    ).json<TicketPage>();
    expect(second.items.map((ticket) => ticket.id)).toEqual([newer.id]);
    expect(second.nextCursor).toBeNull();
    // Not captured by /tickets/:ticket.
    expect((await get('/api/v1/tickets/queue', customerCookie)).statusCode).toBe(403);
    // They may look at a queued ticket before picking it up, but not reply yet.
    const look = await get(`/api/v1/tickets/${older.reference}`, cookie);
    expect(look.statusCode).toBe(200);
    expect(look.json<TicketDetail>().allowedStatuses).toEqual([]);
    expect((await post(`/api/v1/tickets/${older.id}/messages`, { body: 'Hi' }, cookie)).statusCode).toBe(403);
  });

  it('merges every category the agent handles into one queue, oldest first', async () => {
    const first = await createCategory(context);
    const second = await createCategory(context);
    const cookie = await signIn(context, await createAgent(context, { categories: [first, second] }));
    const t = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    const a = await createTicket(context, { customer, category: first, createdAt: t(30) });
    const b = await createTicket(context, { customer, category: second, createdAt: t(20) });
    const c = await createTicket(context, { customer, category: first, createdAt: t(10) });

    const page = (await get('/api/v1/tickets/queue?limit=100', cookie)).json<TicketPage>();
    expect(page.items.map((ticket) => ticket.id)).toEqual([a.id, b.id, c.id]);
    const afterFirst = (await get('/api/v1/tickets/queue?limit=1', cookie)).json<TicketPage>();
    const rest = (
      await get(`/api/v1/tickets/queue?limit=100&cursor=${afterFirst.nextCursor}`, cookie)
    ).json<TicketPage>();
    expect(rest.items.map((ticket) => ticket.id)).toEqual([b.id, c.id]);
  });
});
