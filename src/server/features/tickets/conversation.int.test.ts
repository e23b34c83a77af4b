import { randomUUID } from 'node:crypto';
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
import {
  connectLive,
  isEvent,
  isHello,
  isSignal,
  listening,
  type LiveTestClient,
} from '../../../../test/helpers/live-client.js';
import type { ServerFrame } from '../../../shared/contracts/live.js';
import type {
  MessagePage,
  MessageView,
  RatingView,
  TicketDetail,
  TicketPage,
  UnreadSummary,
} from '../../../shared/contracts/tickets.js';
import { ticketMessages, type CategoryRow, type UserRow } from '../../db/schema.js';

let context: TestContext;
let baseUrl: string;
let category: CategoryRow;
let customer: UserRow;
let customerCookie: string;
let agent: UserRow;
let agentCookie: string;
let otherAgentCookie: string;
let adminCookie: string;
let otherCustomerCookie: string;

beforeAll(async () => {
  context = await createTestApp();
  baseUrl = await listening(context.app);
  category = await createCategory(context);
  customer = await createCustomer(context, { fullName: 'Priya Raman' });
  customerCookie = await signIn(context, customer);
  agent = await createAgent(context, { fullName: 'Arjun Mehta', categories: [category] });
  agentCookie = await signIn(context, agent);
  otherAgentCookie = await signIn(context, await createAgent(context, { categories: [category] }));
  adminCookie = (await signedIn(context, 'admin')).cookie;
  otherCustomerCookie = (await signedIn(context, 'customer')).cookie;
});
afterAll(() => context.close());

const get = (url: string, cookie: string) => call(context.app, 'GET', url, undefined, { cookie });
const post = (url: string, body: unknown, cookie: string) => call(context.app, 'POST', url, body, { cookie });
type ErrorJson = { error: { code: string; details?: { field: string; message: string }[] } };

async function assignedTicket(): Promise<TicketDetail> {
  const raised = await raiseTicket(context, customerCookie, { categoryId: category.id });
  const assigned = await post(
    `/api/v1/tickets/${raised.id}/assign`,
    { agentId: agent.id, version: raised.version },
    adminCookie,
  );
  return assigned.json<TicketDetail>();
}

async function moveTo(ticket: TicketDetail, status: string, cookie = agentCookie): Promise<TicketDetail> {
  const moved = await post(
    `/api/v1/tickets/${ticket.id}/status`,
    { status, version: ticket.version },
    cookie,
  );
  if (moved.statusCode !== 200) throw new Error(`status change failed: ${moved.body}`);
  return moved.json<TicketDetail>();
}

/** A ticket the agent worked on and resolved. */
const resolve = async (ticket: TicketDetail) => moveTo(await moveTo(ticket, 'in_progress'), 'resolved');

async function live(cookie: string): Promise<LiveTestClient> {
  const client = await connectLive(baseUrl, cookie);
  await client.next(isHello);
  return client;
}

const messageEvent =
  (body: string) =>
  (frame: ServerFrame): frame is Extract<ServerFrame, { kind: 'event' }> =>
    isEvent(frame) && frame.event.type === 'message.created' && frame.event.data.body === body;

describe('the live conversation', () => {
  it('delivers a reply to the other side at once, and internal notes to staff only', async () => {
    const ticket = await assignedTicket();
    const customerLive = await live(customerCookie);
    const agentLive = await live(agentCookie);
    const adminLive = await live(adminCookie);
    const otherAgentLive = await live(otherAgentCookie);
    const otherCustomerLive = await live(otherCustomerCookie);

    const sent = await post(
      `/api/v1/tickets/${ticket.id}/messages`,
      { body: 'My parcel is lost' },
      customerCookie,
    );
    expect(sent.statusCode).toBe(201);
    const received = await agentLive.next(messageEvent('My parcel is lost'));
    expect(received.event).toMatchObject({
      ticketId: ticket.id,
      data: { id: sent.json<MessageView>().id, author: { id: customer.id, fullName: 'Priya Raman' } },
    });
    await adminLive.next(messageEvent('My parcel is lost'));

    await post(
      `/api/v1/tickets/${ticket.id}/messages`,
      { body: 'Check the courier', internal: true },
      agentCookie,
    );
    await post(`/api/v1/tickets/${ticket.id}/messages`, { body: 'We are on it' }, agentCookie);
    await customerLive.next(messageEvent('We are on it'));
    await adminLive.next(messageEvent('We are on it'));
    expect(adminLive.frames.some(messageEvent('Check the courier'))).toBe(true);
    // In order: the customer got the public reply, and never the note written before it.
    expect(customerLive.frames.some(messageEvent('Check the courier'))).toBe(false);
    expect(otherAgentLive.frames.some(messageEvent('My parcel is lost'))).toBe(false);
    expect(otherCustomerLive.frames.some(isEvent)).toBe(false);
    await Promise.all(
      [customerLive, agentLive, adminLive, otherAgentLive, otherCustomerLive].map((c) => c.close()),
    );
  });

  it('stores a message sent twice with one client id once, even when both arrive together', async () => {
    const ticket = await assignedTicket();
    const clientId = randomUUID();
    const body = { body: 'Sent on a flaky connection', clientId };
    const [first, second] = await Promise.all([
      post(`/api/v1/tickets/${ticket.id}/messages`, body, customerCookie),
      post(`/api/v1/tickets/${ticket.id}/messages`, body, customerCookie),
    ]);
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect(first.json<MessageView>().id).toBe(second.json<MessageView>().id);
    const retried = await post(`/api/v1/tickets/${ticket.id}/messages`, body, customerCookie);
    expect(retried.json<MessageView>()).toMatchObject({ id: first.json<MessageView>().id, clientId });
    const stored = await context.db.database.db
      .select()
      .from(ticketMessages)
      .where(eq(ticketMessages.clientId, clientId));
    expect(stored).toHaveLength(1);

    const other = await assignedTicket();
    const reused = await post(`/api/v1/tickets/${other.id}/messages`, body, customerCookie);
    expect(reused.statusCode).toBe(400);
    expect(reused.json<ErrorJson>().error.details?.[0]?.field).toBe('clientId');
  });

  it('a retried send answers its stored message though the ticket was resolved or the sender is at the limit since', async () => {
    const ticket = await assignedTicket();
    const body = { body: 'Sent just before the ticket was resolved', clientId: randomUUID() };
    const first = await post(`/api/v1/tickets/${ticket.id}/messages`, body, customerCookie);
    expect(first.statusCode).toBe(201);
    const current = (await get(`/api/v1/tickets/${ticket.id}`, agentCookie)).json<TicketDetail>();
    await resolve(current);
    const afterResolve = await post(`/api/v1/tickets/${ticket.id}/messages`, body, customerCookie);
    expect(afterResolve.statusCode).toBe(201);
    expect(afterResolve.json<MessageView>().id).toBe(first.json<MessageView>().id);
    // A new message on the resolved ticket is still refused.
    const fresh = { body: 'A new one', clientId: randomUUID() };
    expect((await post(`/api/v1/tickets/${ticket.id}/messages`, fresh, customerCookie)).statusCode).toBe(409);

    const sender = await createCustomer(context);
    const cookie = await signIn(context, sender);
    const own = await raiseTicket(context, cookie, { categoryId: category.id });
    const sent = [];
    for (let i = 0; i < 30; i++) {
      const message = { body: `message ${i}`, clientId: randomUUID() };
      const answer = await post(`/api/v1/tickets/${own.id}/messages`, message, cookie);
      expect(answer.statusCode).toBe(201);
      sent.push({ message, id: answer.json<MessageView>().id });
    }
    const retried = await post(`/api/v1/tickets/${own.id}/messages`, sent[0]!.message, cookie);
    expect(retried.statusCode).toBe(201);
    expect(retried.json<MessageView>().id).toBe(sent[0]!.id);
    const over = { body: 'one too many', clientId: randomUUID() };
    expect((await post(`/api/v1/tickets/${own.id}/messages`, over, cookie)).statusCode).toBe(429);
  });

  it('refuses a flood of messages with 429 and a message that is too long with a field error', async () => {
    const ticket = await assignedTicket();
    const flooder = await createCustomer(context);
    const cookie = await signIn(context, flooder);
    const own = await raiseTicket(context, cookie, { categoryId: category.id });
    const answers = [];
    for (let i = 0; i < 31; i++) {
      answers.push(
        (await post(`/api/v1/tickets/${own.id}/messages`, { body: `spam ${i}` }, cookie)).statusCode,
      );
    }
    expect(answers.slice(0, 30).every((status) => status === 201)).toBe(true);
    expect(answers[30]).toBe(429);

    const long = await post(
      `/api/v1/tickets/${ticket.id}/messages`,
      { body: 'x'.repeat(10_001) },
      customerCookie,
    );
    expect(long.statusCode).toBe(400);
    expect(long.json<ErrorJson>().error.details?.[0]).toMatchObject({ field: 'body' });
  });

  it('counts unread messages per ticket and on the dashboard, and shows "seen" to the sender', async () => {
    const ticket = await assignedTicket();
    const before = (await get('/api/v1/tickets/unread', customerCookie)).json<UnreadSummary>().tickets;
    await post(`/api/v1/tickets/${ticket.id}/messages`, { body: 'First answer' }, agentCookie);
    const last = (
      await post(`/api/v1/tickets/${ticket.id}/messages`, { body: 'Second answer' }, agentCookie)
    ).json<MessageView>();
    await post(`/api/v1/tickets/${ticket.id}/messages`, { body: 'A note', internal: true }, agentCookie);

    const list = (await get('/api/v1/tickets?limit=100', customerCookie)).json<TicketPage>();
    expect(list.items.find((item) => item.id === ticket.id)?.unreadCount).toBe(2);
    expect((await get('/api/v1/tickets/unread', customerCookie)).json<UnreadSummary>().tickets).toBe(
      before + 1,
    );
    // The agent wrote them: nothing is unread for the agent, and the note counts for nobody else.
    expect((await get(`/api/v1/tickets/${ticket.id}`, agentCookie)).json<TicketDetail>().unreadCount).toBe(0);

    const agentLive = await live(agentCookie);
    const read = await post(`/api/v1/tickets/${ticket.id}/read`, { messageId: last.id }, customerCookie);
    expect(read.statusCode).toBe(204);
    const seen = await agentLive.next(
      (frame): frame is Extract<ServerFrame, { kind: 'event' }> =>
        isEvent(frame) && frame.event.type === 'ticket.read',
    );
    expect(seen.event.data).toEqual({ userId: customer.id, readUpTo: last.createdAt });
    await agentLive.close();

    const detail = (await get(`/api/v1/tickets/${ticket.id}`, agentCookie)).json<TicketDetail>();
    expect(detail.reads).toContainEqual({ userId: customer.id, readUpTo: last.createdAt });
    expect((await get(`/api/v1/tickets/${ticket.id}`, customerCookie)).json<TicketDetail>().unreadCount).toBe(
      0,
    );
    expect((await get('/api/v1/tickets/unread', customerCookie)).json<UnreadSummary>().tickets).toBe(before);
    // Lists count from the reader's own mark: the agent's mark neither counts for the customer nor repeats the row.
    await post(`/api/v1/tickets/${ticket.id}/read`, { messageId: last.id }, agentCookie);
    const rows = (await get('/api/v1/tickets?limit=100', customerCookie))
      .json<TicketPage>()
      .items.filter((item) => item.id === ticket.id);
    expect(rows.map((row) => row.unreadCount)).toEqual([0]);
    await post(`/api/v1/tickets/${ticket.id}/messages`, { body: 'Thanks!' }, customerCookie);
    const agentRows = (await get('/api/v1/tickets?limit=100', agentCookie))
      .json<TicketPage>()
      .items.filter((item) => item.id === ticket.id);
    expect(agentRows.map((row) => row.unreadCount)).toEqual([1]);

    const note = (await get(`/api/v1/tickets/${ticket.id}/messages?limit=100`, agentCookie))
      .json<MessagePage>()
      .items.find((message) => message.internal);
    const peek = await post(`/api/v1/tickets/${ticket.id}/read`, { messageId: note?.id }, customerCookie);
    expect(peek.statusCode).toBe(400);
    const stranger = await post(
      `/api/v1/tickets/${ticket.id}/read`,
      { messageId: last.id },
      otherCustomerCookie,
    );
    expect(stranger.statusCode).toBe(404);
  });

  it('closes the conversation on resolution, asks for one rating per resolution, reopens with the ticket', async () => {
    let ticket = await assignedTicket();
    const early = await post(`/api/v1/tickets/${ticket.id}/rating`, { stars: 5 }, customerCookie);
    expect(early.statusCode).toBe(409);

    ticket = await resolve(ticket);
    const closed = await post(
      `/api/v1/tickets/${ticket.id}/messages`,
      { body: 'One more thing' },
      customerCookie,
    );
    expect(closed.statusCode).toBe(409);
    expect(closed.json<ErrorJson>().error.code).toBe('CONVERSATION_CLOSED');
    const note = await post(
      `/api/v1/tickets/${ticket.id}/messages`,
      { body: 'Closed well', internal: true },
      agentCookie,
    );
    expect(note.statusCode).toBe(201);

    expect((await get(`/api/v1/tickets/${ticket.id}`, customerCookie)).json<TicketDetail>().canRate).toBe(
      true,
    );
    expect((await post(`/api/v1/tickets/${ticket.id}/rating`, { stars: 0 }, customerCookie)).statusCode).toBe(
      400,
    );
    expect((await post(`/api/v1/tickets/${ticket.id}/rating`, { stars: 4 }, agentCookie)).statusCode).toBe(
      403,
    );
    expect(
      (await post(`/api/v1/tickets/${ticket.id}/rating`, { stars: 4 }, otherCustomerCookie)).statusCode,
    ).toBe(404);

    const agentLive = await live(agentCookie);
    const rated = await post(
      `/api/v1/tickets/${ticket.id}/rating`,
      { stars: 4, comment: '  Quick and kind  ' },
      customerCookie,
    );
    expect(rated.statusCode).toBe(201);
    expect(rated.json<RatingView>()).toMatchObject({ stars: 4, comment: 'Quick and kind' });
    await agentLive.next(
      (frame): frame is Extract<ServerFrame, { kind: 'event' }> =>
        isEvent(frame) && frame.event.type === 'ticket.rated',
    );
    await agentLive.close();
    expect((await post(`/api/v1/tickets/${ticket.id}/rating`, { stars: 1 }, customerCookie)).statusCode).toBe(
      409,
    );
    const seenByAgent = (await get(`/api/v1/tickets/${ticket.id}`, agentCookie)).json<TicketDetail>();
    expect(seenByAgent.rating).toMatchObject({ stars: 4, comment: 'Quick and kind' });
    expect((await get(`/api/v1/tickets/${ticket.id}`, customerCookie)).json<TicketDetail>().canRate).toBe(
      false,
    );

    ticket = await moveTo(seenByAgent, 'reopened', customerCookie);
    const reopened = await post(
      `/api/v1/tickets/${ticket.id}/messages`,
      { body: 'It broke again' },
      customerCookie,
    );
    expect(reopened.statusCode).toBe(201);
    ticket = await resolve((await get(`/api/v1/tickets/${ticket.id}`, agentCookie)).json<TicketDetail>());
    expect((await get(`/api/v1/tickets/${ticket.id}`, customerCookie)).json<TicketDetail>().canRate).toBe(
      true,
    );
    expect((await post(`/api/v1/tickets/${ticket.id}/rating`, { stars: 2 }, customerCookie)).statusCode).toBe(
      201,
    );
  });

  it('shows who is typing and whether the agent is online, only to people watching that ticket', async () => {
    const ticket = await assignedTicket();
    const customerLive = await live(customerCookie);
    const strangerLive = await live(otherCustomerCookie);
    customerLive.send({ kind: 'watch', ticketId: ticket.id });
    strangerLive.send({ kind: 'watch', ticketId: ticket.id });
    const refused = await strangerLive.next(
      (frame): frame is Extract<ServerFrame, { kind: 'error' }> => frame.kind === 'error',
    );
    expect(refused.message).toBe('Ticket not found');

    const agentLive = await live(agentCookie);
    const online = await customerLive.next(
      (frame): frame is Extract<ServerFrame, { kind: 'signal' }> =>
        isSignal(frame) && frame.signal.type === 'presence' && frame.signal.userId === agent.id,
    );
    expect(online.signal).toMatchObject({ online: true });

    agentLive.send({ kind: 'watch', ticketId: ticket.id });
    await new Promise((resolve) => setTimeout(resolve, 100));
    agentLive.send({ kind: 'typing', ticketId: ticket.id });
    const typing = await customerLive.next(
      (frame): frame is Extract<ServerFrame, { kind: 'signal' }> =>
        isSignal(frame) && frame.signal.type === 'typing',
    );
    expect(typing.signal).toEqual({
      type: 'typing',
      ticketId: ticket.id,
      user: { id: agent.id, fullName: 'Arjun' },
    });
    expect(strangerLive.frames.some((frame) => isSignal(frame) && frame.signal.type === 'typing')).toBe(
      false,
    );

    await agentLive.close();
    const offline = await customerLive.next(
      (frame): frame is Extract<ServerFrame, { kind: 'signal' }> =>
        isSignal(frame) && frame.signal.type === 'presence' && !frame.signal.online,
    );
    expect(offline.signal).toMatchObject({ userId: agent.id });
    await Promise.all([customerLive.close(), strangerLive.close()]);
  });

  it('tells the agent with the ticket open when its customer comes and goes, and nobody else', async () => {
    const ticket = await assignedTicket();
    const agentLive = await live(agentCookie);
    const otherAgentLive = await live(otherAgentCookie);
    agentLive.send({ kind: 'watch', ticketId: ticket.id });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const isCustomerPresence =
      (online: boolean) =>
      (frame: ServerFrame): frame is Extract<ServerFrame, { kind: 'signal' }> =>
        isSignal(frame) &&
        frame.signal.type === 'presence' &&
        frame.signal.userId === customer.id &&
        frame.signal.online === online;

    const customerLive = await live(customerCookie);
    await agentLive.next(isCustomerPresence(true));
    await customerLive.close();
    await agentLive.next(isCustomerPresence(false));
    expect(otherAgentLive.frames.some(isCustomerPresence(true))).toBe(false);
    await Promise.all([agentLive.close(), otherAgentLive.close()]);
  });
});
