import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, signedIn, type TestContext } from '../../../../test/helpers/app.js';
import type { SavedFilterList, SavedFilterView } from '../../../shared/contracts/saved-filters.js';

let context: TestContext;
let agent: string;
let otherAgent: string;
let admin: string;
let customer: string;

beforeAll(async () => {
  context = await createTestApp({ mail: { runWorker: false } });
  [agent, otherAgent, admin, customer] = (
    await Promise.all([
      signedIn(context, 'agent'),
      signedIn(context, 'agent'),
      signedIn(context, 'admin'),
      signedIn(context, 'customer'),
    ])
  ).map((session) => session.cookie) as [string, string, string, string];
});
afterAll(() => context.close());

const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, cookie: string, body?: unknown) =>
  call(context.app, method, url, body, { cookie });

describe('saved filters', () => {
  it('saves, lists, renames, pins and deletes the owner’s filters', async () => {
    const created = await api('POST', '/api/v1/saved-filters', agent, {
      name: ' My urgent tickets ',
      filters: { priority: 'urgent', status: 'in_progress', tag: 'VIP' },
      pinned: true,
    });
    expect(created.statusCode).toBe(201);
    const view = created.json<SavedFilterView>();
    expect(view).toEqual({
      id: expect.any(String) as string,
      name: 'My urgent tickets',
      filters: { priority: 'urgent', status: 'in_progress', tag: 'VIP' },
      pinned: true,
      createdAt: expect.any(String) as string,
    });
    await api('POST', '/api/v1/saved-filters', agent, { name: 'Everything', filters: {} });

    const list = (await api('GET', '/api/v1/saved-filters', agent)).json<SavedFilterList>();
    expect(list.items.map((item) => [item.name, item.pinned])).toEqual([
      ['My urgent tickets', true],
      ['Everything', false],
    ]);

    const patched = await api('PATCH', `/api/v1/saved-filters/${view.id}`, agent, {
      name: 'Urgent',
      pinned: false,
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ name: 'Urgent', pinned: false, filters: view.filters });

    expect((await api('DELETE', `/api/v1/saved-filters/${view.id}`, agent)).statusCode).toBe(204);
    const after = (await api('GET', '/api/v1/saved-filters', agent)).json<SavedFilterList>();
    expect(after.items.map((item) => item.name)).toEqual(['Everything']);
  });

  it('keeps each person’s filters to themselves (others get 404)', async () => {
    const theirs = (
      await api('POST', '/api/v1/saved-filters', otherAgent, { name: 'Theirs', filters: { status: 'open' } })
    ).json<SavedFilterView>();
    expect((await api('GET', '/api/v1/saved-filters', admin)).json<SavedFilterList>().items).toEqual([]);
    for (const cookie of [agent, admin]) {
      expect(
        (await api('PATCH', `/api/v1/saved-filters/${theirs.id}`, cookie, { pinned: true })).statusCode,
      ).toBe(404);
      expect((await api('DELETE', `/api/v1/saved-filters/${theirs.id}`, cookie)).statusCode).toBe(404);
    }
    const still = (await api('GET', '/api/v1/saved-filters', otherAgent)).json<SavedFilterList>();
    expect(still.items).toMatchObject([{ name: 'Theirs', pinned: false }]);
  });

  it('accepts only known list parameters with short values', async () => {
    const unknown = await api('POST', '/api/v1/saved-filters', agent, {
      name: 'X',
      filters: { sort: 'asc' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({
      error: { details: [{ field: 'filters.sort', message: 'is not an allowed field' }] },
    });
    const long = await api('POST', '/api/v1/saved-filters', agent, {
      name: 'X',
      filters: { q: 'x'.repeat(101) },
    });
    expect(long.json()).toMatchObject({ error: { details: [{ field: 'filters.q' }] } });
    const notText = await api('POST', '/api/v1/saved-filters', agent, { name: 'X', filters: { status: 1 } });
    expect(notText.statusCode).toBe(400);
    const blank = await api('POST', '/api/v1/saved-filters', agent, { name: ' ', filters: {} });
    expect(blank.json()).toMatchObject({
      error: { details: [{ field: 'name', message: 'must not be blank' }] },
    });
    expect((await api('PATCH', `/api/v1/saved-filters/${crypto.randomUUID()}`, agent, {})).statusCode).toBe(
      400,
    );
    expect((await api('PATCH', '/api/v1/saved-filters/not-an-id', agent, { pinned: true })).statusCode).toBe(
      400,
    );
  });

  it('keeps at most 50 per person', async () => {
    const { cookie } = await signedIn(context, 'admin');
    for (let i = 0; i < 50; i++) {
      expect(
        (await api('POST', '/api/v1/saved-filters', cookie, { name: `F${i}`, filters: {} })).statusCode,
      ).toBe(201);
    }
    const over = await api('POST', '/api/v1/saved-filters', cookie, { name: 'One too many', filters: {} });
    expect(over.statusCode).toBe(409);
    expect((await api('GET', '/api/v1/saved-filters', cookie)).json<SavedFilterList>().items).toHaveLength(
      50,
    );
  });

  it('is for staff only', async () => {
    expect((await api('GET', '/api/v1/saved-filters', customer)).statusCode).toBe(403);
    expect(
      (await api('POST', '/api/v1/saved-filters', customer, { name: 'X', filters: {} })).statusCode,
    ).toBe(403);
  });
});
