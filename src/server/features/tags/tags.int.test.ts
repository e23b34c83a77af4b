import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, signedIn, type TestContext } from '../../../../test/helpers/app.js';
import {
  createAgent,
  createCategory,
  createCustomer,
  createTicket,
  signIn,
} from '../../../../test/helpers/factories.js';
import type { TagPage } from '../../../shared/contracts/tags.js';
import type { TicketDetail, TicketPage } from '../../../shared/contracts/tickets.js';
import type { CategoryRow, TicketRow, UserRow } from '../../db/schema.js';

let context: TestContext;
let admin: string;
let agentCookie: string;
let outsiderCookie: string;
let customerCookie: string;
let customer: UserRow;
let category: CategoryRow;
let mine: TicketRow;
let other: TicketRow;

beforeAll(async () => {
  context = await createTestApp({ mail: { runWorker: false } });
  category = await createCategory(context);
  const elsewhere = await createCategory(context);
  const agent = await createAgent(context, { categories: [category] });
  const outsider = await createAgent(context, { categories: [elsewhere] });
  customer = await createCustomer(context);
  mine = await createTicket(context, { customer, category, agent });
  other = await createTicket(context, { customer, category: elsewhere });
  admin = (await signedIn(context, 'admin')).cookie;
  agentCookie = await signIn(context, agent);
  outsiderCookie = await signIn(context, outsider);
  customerCookie = await signIn(context, customer);
});
afterAll(() => context.close());

const api = (method: 'GET' | 'PUT', url: string, cookie: string, body?: unknown) =>
  call(context.app, method, url, body, { cookie });
const setTags = (ticket: { id: string }, tags: unknown, cookie = admin) =>
  api('PUT', `/api/v1/tickets/${ticket.id}/tags`, cookie, { tags });

describe('ticket tags', () => {
  it('sets a ticket’s tags, creating new ones and matching old ones whatever their case', async () => {
    const first = await setTags(mine, ['Refund', ' VIP ', 'refund'], agentCookie);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ tags: ['Refund', 'VIP'] });

    const second = await setTags(mine, ['vip', 'Damaged  parcel']);
    expect(second.json()).toEqual({ tags: ['Damaged parcel', 'VIP'] });

    const staffView = (
      await api('GET', `/api/v1/tickets/${mine.reference}`, agentCookie)
    ).json<TicketDetail>();
    expect(staffView.tags).toEqual(['Damaged parcel', 'VIP']);
    const staffList = (await api('GET', '/api/v1/tickets', admin)).json<TicketPage>();
    expect(staffList.items.find((item) => item.id === mine.id)?.tags).toEqual(['Damaged parcel', 'VIP']);
    expect(staffList.items.find((item) => item.id === other.id)?.tags).toEqual([]);
  });

  it('never shows tags to customers and refuses them the tag routes', async () => {
    await setTags(mine, ['Secret label']);
    const detail = await api('GET', `/api/v1/tickets/${mine.id}`, customerCookie);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).not.toHaveProperty('tags');
    expect(detail.body).not.toContain('Secret label');
    const list = await api('GET', '/api/v1/tickets', customerCookie);
    expect(list.body).not.toContain('Secret label');
    expect(list.json<TicketPage>().items.every((item) => !('tags' in item))).toBe(true);

    expect((await setTags(mine, ['x'], customerCookie)).statusCode).toBe(403);
    expect((await api('GET', '/api/v1/tags', customerCookie)).statusCode).toBe(403);
    const filtered = await api('GET', '/api/v1/tickets?tag=secret%20label', customerCookie);
    expect(filtered.statusCode).toBe(400);
    expect(filtered.json()).toMatchObject({ error: { details: [{ field: 'tag' }] } });
  });

  it('answers 404 for a ticket the agent may not see', async () => {
    expect((await setTags(other, ['Nope'], agentCookie)).statusCode).toBe(404);
    expect((await setTags({ id: 'CCR-ZZZZZZ' }, ['Nope'], agentCookie)).statusCode).toBe(404);
    expect((await setTags(mine, ['Nope'], outsiderCookie)).statusCode).toBe(404);
    const autocomplete = (await api('GET', '/api/v1/tags?q=nope', admin)).json<TagPage>();
    expect(autocomplete.items).toEqual([]);
  });

  it('validates the tags', async () => {
    const tooMany = await setTags(
      mine,
      Array.from({ length: 11 }, (_, i) => `t${i}`),
    );
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json()).toMatchObject({ error: { details: [{ field: 'tags' }] } });
    const tooLong = await setTags(mine, ['x'.repeat(31)]);
    expect(tooLong.json()).toMatchObject({
      error: { details: [{ field: 'tags.0', message: 'must be at most 30 characters' }] },
    });
    expect((await setTags(mine, [' '])).statusCode).toBe(400);
    expect((await setTags(mine, 'vip')).statusCode).toBe(400);
    expect((await api('GET', '/api/v1/tickets?tag=' + 'x'.repeat(31), admin)).statusCode).toBe(400);
  });

  it('autocompletes by the start of the name, a page at a time', async () => {
    await setTags(other, ['Auto-b', 'auto-A', 'Auto-c', 'Manual']);
    const page1 = (await api('GET', '/api/v1/tags?q=AUTO&limit=2', admin)).json<TagPage>();
    expect(page1.items.map((tag) => tag.name)).toEqual(['auto-A', 'Auto-b']);
    const page2 = (
      await api('GET', `/api/v1/tags?q=auto&limit=2&cursor=${page1.nextCursor}`, agentCookie)
    ).json<TagPage>();
    expect(page2.items.map((tag) => tag.name)).toEqual(['Auto-c']);
    expect(page2.nextCursor).toBeNull();
    expect((await api('GET', '/api/v1/tags?q=%25', admin)).json<TagPage>().items).toEqual([]);
  });

  it('filters staff lists by tag, keeping keyset pagination', async () => {
    const tagged: TicketRow[] = [];
    for (let i = 0; i < 5; i++) {
      const ticket = await createTicket(context, {
        customer,
        category,
        agent: null,
        updatedAt: new Date(Date.UTC(2025, 0, 1, 0, 0, i)),
      });
      if (i !== 2) {
        await setTags(ticket, ['Urgent-Paged']);
        tagged.push(ticket);
      }
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/tickets?tag=urgent-paged&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page: TicketPage = (await api('GET', url, admin)).json<TicketPage>();
      expect(page.items.length).toBeLessThanOrEqual(2);
      expect(page.items.every((item) => item.tags?.includes('Urgent-Paged'))).toBe(true);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(tagged.map((ticket) => ticket.id).reverse());

    const unknown = (await api('GET', '/api/v1/tickets?tag=never-used', admin)).json<TicketPage>();
    expect(unknown.items).toEqual([]);
    // An agent's list is still only their own tickets.
    const forAgent = (await api('GET', '/api/v1/tickets?tag=urgent-paged', agentCookie)).json<TicketPage>();
    expect(forAgent.items).toEqual([]);
  });

  it('clears a ticket’s tags with an empty list', async () => {
    await setTags(mine, ['Temporary']);
    expect((await setTags(mine, [])).json()).toEqual({ tags: [] });
    const view = (await api('GET', `/api/v1/tickets/${mine.id}`, admin)).json<TicketDetail>();
    expect(view.tags).toEqual([]);
  });
});
