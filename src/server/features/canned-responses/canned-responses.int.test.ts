import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, signedIn, type TestContext } from '../../../../test/helpers/app.js';
import type { CannedResponsePage, CannedResponseView } from '../../../shared/contracts/canned-responses.js';

let context: TestContext;
let admin: string;
let agent: string;
let otherAgent: string;
let customer: string;

beforeAll(async () => {
  context = await createTestApp({ mail: { runWorker: false } });
  [admin, agent, otherAgent, customer] = (
    await Promise.all([
      signedIn(context, 'admin'),
      signedIn(context, 'agent'),
      signedIn(context, 'agent'),
      signedIn(context, 'customer'),
    ])
  ).map((session) => session.cookie) as [string, string, string, string];
});
afterAll(() => context.close());

const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, cookie: string, body?: unknown) =>
  call(context.app, method, url, body, { cookie });

async function create(cookie: string, body: { title: string; body?: string; shared?: boolean }) {
  const response = await api('POST', '/api/v1/canned-responses', cookie, { body: 'Hello', ...body });
  expect(response.statusCode).toBe(201);
  return response.json<CannedResponseView>();
}

const titles = (page: CannedResponsePage) => page.items.map((item) => item.title);

describe('canned responses', () => {
  it('lists the shared ones and the caller’s own, by title, a page at a time', async () => {
    await create(admin, { title: 'List Shared greeting', shared: true });
    await create(admin, { title: 'List Admin own' });
    const mine = await create(agent, { title: 'List Agent own', body: 'Hi {{customer.firstName}}' });
    await create(otherAgent, { title: 'List Other agent own' });

    const first = await api('GET', '/api/v1/canned-responses?q=list&limit=1', agent);
    expect(first.statusCode).toBe(200);
    const page1 = first.json<CannedResponsePage>();
    expect(page1.items[0]).toEqual({
      id: mine.id,
      title: 'List Agent own',
      body: 'Hi {{customer.firstName}}',
      shared: false,
      editable: true,
      createdAt: expect.any(String) as string,
      updatedAt: expect.any(String) as string,
    });
    const page2 = (
      await api('GET', `/api/v1/canned-responses?q=list&limit=1&cursor=${page1.nextCursor}`, agent)
    ).json<CannedResponsePage>();
    expect(titles(page2)).toEqual(['List Shared greeting']);
    expect(page2.items[0]?.editable).toBe(false);
    expect(page2.nextCursor).toBeNull();

    const forAdmin = (await api('GET', '/api/v1/canned-responses?q=LIST', admin)).json<CannedResponsePage>();
    expect(titles(forAdmin)).toEqual(['List Admin own', 'List Shared greeting']);
    expect(forAdmin.items.every((item) => item.editable)).toBe(true);
  });

  it('searches the title literally (wildcards are plain characters)', async () => {
    await create(agent, { title: 'Search 100% refund' });
    await create(agent, { title: 'Search 1000 refund' });
    const page = (await api('GET', '/api/v1/canned-responses?q=100%25', agent)).json<CannedResponsePage>();
    expect(titles(page)).toEqual(['Search 100% refund']);
  });

  it('validates the fields and the cursor', async () => {
    const tooLong = await api('POST', '/api/v1/canned-responses', agent, {
      title: 'x'.repeat(101),
      body: 'y'.repeat(10_001),
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json()).toMatchObject({
      error: {
        code: 'VALIDATION_FAILED',
        details: expect.arrayContaining([
          { field: 'title', message: 'must be at most 100 characters' },
          { field: 'body', message: 'must be at most 10000 characters' },
        ]) as unknown,
      },
    });
    const blank = await api('POST', '/api/v1/canned-responses', agent, { title: '  ', body: 'ok' });
    expect(blank.json()).toMatchObject({
      error: { details: [{ field: 'title', message: 'must not be blank' }] },
    });
    const shared = await api('POST', '/api/v1/canned-responses', agent, {
      title: 'T',
      body: 'B',
      shared: true,
    });
    expect(shared.statusCode).toBe(400);
    expect(shared.json()).toMatchObject({ error: { details: [{ field: 'shared' }] } });
    const cursor = await api('GET', '/api/v1/canned-responses?cursor=nonsense', agent);
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json()).toMatchObject({ error: { details: [{ field: 'cursor' }] } });
    const empty = await api('PATCH', `/api/v1/canned-responses/${crypto.randomUUID()}`, agent, {});
    expect(empty.statusCode).toBe(400);
  });

  it('lets only the owner, or an admin for shared ones, change or delete a response', async () => {
    const own = await create(agent, { title: 'Owned' });
    const shared = await create(admin, { title: 'Team', shared: true });
    const adminOwn = await create(admin, { title: 'Admin private' });

    for (const [cookie, id] of [
      [otherAgent, own.id],
      [admin, own.id],
      [agent, shared.id],
      [agent, adminOwn.id],
      [agent, crypto.randomUUID()],
    ] as const) {
      expect(
        (await api('PATCH', `/api/v1/canned-responses/${id}`, cookie, { title: 'Taken' })).statusCode,
      ).toBe(404);
      expect((await api('DELETE', `/api/v1/canned-responses/${id}`, cookie)).statusCode).toBe(404);
    }

    const renamed = await api('PATCH', `/api/v1/canned-responses/${own.id}`, agent, {
      title: ' Renamed ',
      body: 'New',
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ title: 'Renamed', body: 'New', shared: false });
    const teamEdit = await api('PATCH', `/api/v1/canned-responses/${shared.id}`, admin, {
      body: 'Team text',
    });
    expect(teamEdit.json()).toMatchObject({ body: 'Team text', shared: true });

    expect((await api('DELETE', `/api/v1/canned-responses/${own.id}`, agent)).statusCode).toBe(204);
    expect((await api('DELETE', `/api/v1/canned-responses/${shared.id}`, admin)).statusCode).toBe(204);
    expect((await api('DELETE', `/api/v1/canned-responses/${own.id}`, agent)).statusCode).toBe(404);
  });

  it('is for staff only', async () => {
    expect((await api('GET', '/api/v1/canned-responses', customer)).statusCode).toBe(403);
    expect(
      (await api('POST', '/api/v1/canned-responses', customer, { title: 'T', body: 'B' })).statusCode,
    ).toBe(403);
    expect((await call(context.app, 'GET', '/api/v1/canned-responses')).statusCode).toBe(401);
  });
});
