import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, createUser, signedIn, type TestContext } from '../../../../test/helpers/app.js';
import type { UserPage } from '../../../shared/contracts/admin.js';

let context: TestContext;
let adminCookie: string;

beforeAll(async () => {
  context = await createTestApp();
  adminCookie = (await signedIn(context, 'admin')).cookie;
  for (let i = 0; i < 7; i++) await createUser(context, 'customer', { fullName: `Customer ${i}` });
  for (let i = 0; i < 3; i++) await createUser(context, 'agent', { fullName: `Agent ${i}` });
});
afterAll(() => context.close());

const get = (url: string) => call(context.app, 'GET', url, undefined, { cookie: adminCookie });

describe('admin overview', () => {
  it('counts accounts by role', async () => {
    const response = await get('/api/v1/admin/overview');
    expect(response.json()).toEqual({
      accounts: { customer: 7, agent: 3, admin: 1 },
      pendingAgentRequests: 0,
    });
  });
});

describe('admin account list', () => {
  it('walks every account exactly once, newest first, page by page', async () => {
    const seen: string[] = [];
    const createdAt: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await get(`/api/v1/admin/users?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.statusCode).toBe(200);
      const page = response.json<UserPage>();
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((user) => user.id));
      createdAt.push(...page.items.map((user) => user.createdAt));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(4);
    expect(new Set(seen).size).toBe(11);
    expect([...createdAt].sort().reverse()).toEqual(createdAt);
  });

  it('filters by role and never returns a password hash', async () => {
    const page = (await get('/api/v1/admin/users?role=agent&limit=100')).json<UserPage>();
    expect(page.items.map((user) => user.fullName).sort()).toEqual(['Agent 0', 'Agent 1', 'Agent 2']);
    expect(page.nextCursor).toBeNull();
    expect(JSON.stringify(page)).not.toContain('argon2');
  });

  it.each([
    ['limit=101', 'limit'],
    ['limit=0', 'limit'],
    ['limit=ten', 'limit'],
    ['role=superuser', 'role'],
    ['cursor=not-a-cursor', 'cursor'],
    ['colour=blue', 'colour'],
  ])('refuses ?%s with a 400 naming the field', async (query, field) => {
    const response = await get(`/api/v1/admin/users?${query}`);
    expect(response.statusCode).toBe(400);
    const { error } = response.json<{ error: { code: string; details: { field: string }[] } }>();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details.map((detail) => detail.field)).toContain(field);
  });
});
