import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, signedIn, type TestContext } from '../../../../test/helpers/app.js';
import {
  createAgent,
  createCategory,
  createCustomer,
  raiseTicket,
  signIn,
} from '../../../../test/helpers/factories.js';
import type { MessagePage, MessageView, TicketDetail } from '../../../shared/contracts/tickets.js';
import { tickets, type CategoryRow, type UserRow } from '../../db/schema.js';

let context: TestContext;
let category: CategoryRow;
let customer: UserRow;
let customerCookie: string;
let agent: UserRow;
let agentCookie: string;
let adminCookie: string;

beforeAll(async () => {
  context = await createTestApp();
  category = await createCategory(context);
  customer = await createCustomer(context, { fullName: 'Priya Raman' });
  customerCookie = await signIn(context, customer);
  agent = await createAgent(context, { fullName: 'Arjun Kumar Mehta', categories: [category] });
  agentCookie = await signIn(context, agent);
  adminCookie = (await signedIn(context, 'admin')).cookie;
});
afterAll(() => context.close());

const db = () => context.db.database.db;
const get = (url: string, cookie: string) => call(context.app, 'GET', url, undefined, { cookie });
const post = (url: string, body: unknown, cookie: string) => call(context.app, 'POST', url, body, { cookie });
type ErrorJson = { error: { code: string; details?: { field: string; message: string }[] } };

describe('the conversation', () => {
  let ticket: TicketDetail;

  beforeAll(async () => {
    ticket = await raiseTicket(context, customerCookie, { categoryId: category.id });
    const assigned = await post(
      `/api/v1/tickets/${ticket.id}/assign`,
      { agentId: agent.id, version: ticket.version },
      adminCookie,
    );
    ticket = assigned.json<TicketDetail>();
  });

  const messages = async (cookie: string) =>
    (await get(`/api/v1/tickets/${ticket.id}/messages?limit=100`, cookie)).json<MessagePage>().items;

  it('hides internal notes from the customer and shows them to staff', async () => {
    const reply = await post(`/api/v1/tickets/${ticket.id}/messages`, { body: 'Hello Priya' }, agentCookie);
    expect(reply.statusCode).toBe(201);
    expect(reply.json<MessageView>()).toMatchObject({
      body: 'Hello Priya',
      internal: false,
      author: { id: agent.id, fullName: 'Arjun Kumar Mehta', role: 'agent' },
    });
    const note = await post(
      `/api/v1/tickets/${ticket.id}/messages`,
      { body: 'Secret: courier is unreliable', internal: true },
      agentCookie,
    );
    expect(note.statusCode).toBe(201);

    const staffView = await messages(adminCookie);
    expect(staffView.map((message) => message.internal)).toEqual([false, true]);
    const customerView = await messages(customerCookie);
    expect(customerView.map((message) => message.body)).toEqual(['Hello Priya']);
    expect(customerView[0]?.author.fullName).toBe('Arjun');
    const detail = await get(`/api/v1/tickets/${ticket.id}`, customerCookie);
    expect(detail.body).not.toContain('Secret');
    expect(JSON.stringify(customerView)).not.toContain('Secret');
  });

  it('refuses an internal note from the customer with 400 on internal', async () => {
    const response = await post(
      `/api/v1/tickets/${ticket.id}/messages`,
      { body: 'psst', internal: true },
      customerCookie,
    );
    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorJson>().error.details?.[0]?.field).toBe('internal');
  });

  it('moves waiting_on_customer to in_progress when the customer replies, bumping the version', async () => {
    const started = await post(
      `/api/v1/tickets/${ticket.id}/status`,
      { status: 'in_progress', version: (await current()).version },
      agentCookie,
    );
    expect(started.statusCode).toBe(200);
    const waiting = await post(
      `/api/v1/tickets/${ticket.id}/status`,
      { status: 'waiting_on_customer', version: started.json<TicketDetail>().version },
      agentCookie,
    );
    const before = waiting.json<TicketDetail>();
    expect(before.status).toBe('waiting_on_customer');

    const reply = await post(
      `/api/v1/tickets/${ticket.id}/messages`,
      { body: 'Here is the photo' },
      customerCookie,
    );
    expect(reply.statusCode).toBe(201);
    const after = await current();
    expect(after.status).toBe('in_progress');
    expect(after.version).toBe(before.version + 1);
    expect(after.updatedAt >= before.updatedAt).toBe(true);
    expect(after.history.at(-1)).toMatchObject({
      type: 'status_changed',
      fromStatus: 'waiting_on_customer',
      toStatus: 'in_progress',
      actor: { id: customer.id },
    });
  });

  it('walks a long thread page by page, oldest first', async () => {
    for (let i = 0; i < 4; i++) {
      await post(`/api/v1/tickets/${ticket.id}/messages`, { body: `Note ${i}`, internal: true }, agentCookie);
    }
    const all = await messages(adminCookie);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: MessagePage = (
        await get(
          `/api/v1/tickets/${ticket.id}/messages?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          adminCookie,
        )
      ).json<MessagePage>();
      seen.push(...page.items.map((message) => message.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((message) => message.id));
    const times = all.map((message) => message.createdAt);
    expect([...times].sort()).toEqual(times);
  });

  it('refuses messages on a closed ticket with 409', async () => {
    await db().update(tickets).set({ status: 'closed' }).where(eq(tickets.id, ticket.id));
    const response = await post(`/api/v1/tickets/${ticket.id}/messages`, { body: 'Hello?' }, customerCookie);
    expect(response.statusCode).toBe(409);
    expect(response.json<ErrorJson>().error.code).toBe('INVALID_TRANSITION');
  });

  const current = async () => (await get(`/api/v1/tickets/${ticket.id}`, adminCookie)).json<TicketDetail>();
});
