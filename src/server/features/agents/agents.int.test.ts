import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createTestApp,
  knownDeviceSignIn,
  sessionCookie,
  signedIn,
  uniqueEmail,
  type TestContext,
} from '../../../../test/helpers/app.js';
import {
  createAgent,
  createCategory,
  createCustomer,
  createTicket,
} from '../../../../test/helpers/factories.js';
import type { AgentPage, AgentView, CreatedAgent } from '../../../shared/contracts/agents.js';
import type { CategoryView } from '../../../shared/contracts/categories.js';
import { queryRows } from '../../db/connection.js';

let context: TestContext;
let admin: string;
let payments: CategoryView;
let delivery: CategoryView;

const post = (url: string, body?: unknown, cookie?: string) =>
  call(context.app, 'POST', url, body, cookie ? { cookie } : {});

beforeAll(async () => {
  context = await createTestApp();
  admin = (await signedIn(context, 'admin')).cookie;
  payments = (await post('/api/v1/admin/categories', { name: 'Payments' }, admin)).json<CategoryView>();
  delivery = (
    await post('/api/v1/admin/categories', { name: 'Delivery', autoAssign: true }, admin)
  ).json<CategoryView>();
});
afterAll(() => context.close());

const request = (overrides: Record<string, unknown> = {}) => ({
  fullName: 'Arjun Mehta',
  email: uniqueEmail('arjun'),
  password: 'agent password 1',
  passwordConfirmation: 'agent password 1',
  categoryIds: [payments.id],
  languages: ['en', 'hi'],
  ...overrides,
});

const signIn = (email: string, password: string) => knownDeviceSignIn(context, { email, password });

/** Sends a request to join and answers the pending agent's id, as the admin's Requests list shows it. */
async function askToJoin(body: ReturnType<typeof request>): Promise<string> {
  expect((await post('/api/v1/agent-requests', body)).statusCode).toBe(201);
  const page = (
    await call(context.app, 'GET', '/api/v1/admin/agents?status=pending&limit=100', undefined, {
      cookie: admin,
    })
  ).json<AgentPage>();
  const id = page.items.find((agent) => agent.email === body.email)?.id;
  if (!id) throw new Error(`no pending request for ${body.email}`);
  return id;
}

describe('agents asking to join', () => {
  it('creates a pending request that cannot sign in until an admin accepts it', async () => {
    const body = request();
    const asked = await post('/api/v1/agent-requests', body);
    expect(asked.statusCode).toBe(201);
    expect(asked.json()).toEqual({ status: 'pending' });

    const pending = await signIn(body.email, body.password);
    expect(pending.statusCode).toBe(403);
    expect(pending.json()).toEqual({
      error: {
        code: 'ACCOUNT_PENDING',
        message: 'Your request to join is waiting for an admin to accept it',
      },
    });
    // A wrong password still says nothing about the account.
    expect((await signIn(body.email, 'wrong password!')).json<{ error: { code: string } }>().error.code).toBe(
      'INVALID_CREDENTIALS',
    );

    const requests = (
      await call(context.app, 'GET', '/api/v1/admin/agents?status=pending', undefined, { cookie: admin })
    ).json<AgentPage>();
    const mine = requests.items.find((agent) => agent.email === body.email);
    expect(mine).toMatchObject({
      status: 'pending',
      languages: ['en', 'hi'],
      categories: [{ id: payments.id, name: 'Payments' }],
    });
    const overview = await call(context.app, 'GET', '/api/v1/admin/overview', undefined, { cookie: admin });
    expect(overview.json<{ pendingAgentRequests: number }>().pendingAgentRequests).toBeGreaterThanOrEqual(1);

    const accepted = await post(`/api/v1/admin/agents/${mine?.id}/accept`, undefined, admin);
    expect(accepted.json<AgentView>().status).toBe('active');
    const session = await signIn(body.email, body.password);
    expect(session.statusCode).toBe(200);
    expect(session.json()).toMatchObject({ user: { role: 'agent' } });
  });

  it('tells a rejected agent why they cannot sign in', async () => {
    const body = request();
    const id = await askToJoin(body);
    expect((await post(`/api/v1/admin/agents/${id}/reject`, undefined, admin)).json<AgentView>().status).toBe(
      'rejected',
    );
    expect((await signIn(body.email, body.password)).json<{ error: { code: string } }>().error.code).toBe(
      'ACCOUNT_REJECTED',
    );
    // A decided request cannot be decided again.
    expect((await post(`/api/v1/admin/agents/${id}/accept`, undefined, admin)).statusCode).toBe(409);
  });

  it.each([
    ['no category', { categoryIds: [] }, 'categoryIds'],
    ['an unknown category', { categoryIds: ['00000000-0000-4000-8000-000000000000'] }, 'categoryIds'],
    ['an unknown language', { languages: ['fr'] }, 'languages.0'],
    ['a confirmation that differs', { passwordConfirmation: 'something else!' }, 'passwordConfirmation'],
  ])('refuses a request with %s and writes nothing', async (_case, overrides, field) => {
    const before = await queryRows<{ n: number }>(
      context.db.database.db,
      sql`select count(*)::int as n from users`,
    );
    const response = await post('/api/v1/agent-requests', request(overrides));
    expect(response.statusCode).toBe(400);
    expect(
      response.json<{ error: { details: { field: string }[] } }>().error.details.map((d) => d.field),
    ).toContain(field);
    const after = await queryRows<{ n: number }>(
      context.db.database.db,
      sql`select count(*)::int as n from users`,
    );
    expect(after).toEqual(before);
  });

  it('refuses an archived category', async () => {
    const old = (await post('/api/v1/admin/categories', { name: 'Old stuff' }, admin)).json<CategoryView>();
    await call(
      context.app,
      'PATCH',
      `/api/v1/admin/categories/${old.id}`,
      { archived: true },
      { cookie: admin },
    );
    expect((await post('/api/v1/agent-requests', request({ categoryIds: [old.id] }))).statusCode).toBe(400);
  });
});

describe('agents created by an admin', () => {
  it('sets a password through a single-use invitation link, then signs in', async () => {
    const email = uniqueEmail('invited');
    const created = await post(
      '/api/v1/admin/agents',
      { fullName: 'Meena Iyer', email, categoryIds: [payments.id, delivery.id], languages: ['ta', 'en'] },
      admin,
    );
    expect(created.statusCode).toBe(201);
    const { agent, invitationUrl } = created.json<CreatedAgent>();
    expect(agent).toMatchObject({ email, status: 'active', languages: ['ta', 'en'] });
    expect(agent.categories.map((c) => c.name).sort()).toEqual(['Delivery', 'Payments']);
    const token = /^http:\/\/localhost:3000\/invitation#token=([\w-]{43})$/.exec(invitationUrl)?.[1] ?? '';
    expect(token).not.toBe('');

    // The same link is emailed to the agent, in the transaction that created the account.
    const [mail] = await queryRows<{ text_body: string; html_body: string; kind: string }>(
      context.db.database.db,
      sql`select text_body, html_body, kind from outbox_emails where to_address = ${email}`,
    );
    expect(mail?.kind).toBe('agent_invitation');
    expect(mail?.text_body).toContain(invitationUrl);
    expect(mail?.html_body).toContain('Hello Meena Iyer');

    const accepted = await post('/api/v1/auth/invitation', {
      token,
      password: 'meena password 1',
      passwordConfirmation: 'meena password 1',
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ user: { email, role: 'agent' } });
    const session = await call(context.app, 'GET', '/api/v1/auth/session', undefined, {
      cookie: sessionCookie(accepted),
    });
    expect(session.statusCode).toBe(200);

    const reused = await post('/api/v1/auth/invitation', {
      token,
      password: 'another password',
      passwordConfirmation: 'another password',
    });
    expect(reused.statusCode).toBe(404);
    expect((await signIn(email, 'meena password 1')).statusCode).toBe(200);
    expect((await signIn(email, 'another password')).statusCode).toBe(401);
  });

  it('expires the invitation after 72 hours', async () => {
    let now = new Date('2026-06-01T08:00:00Z');
    const clocked = await createTestApp({ now: () => now });
    try {
      const cookie = (await signedIn(clocked, 'admin')).cookie;
      const category = (
        await call(clocked.app, 'POST', '/api/v1/admin/categories', { name: 'Refunds' }, { cookie })
      ).json<CategoryView>();
      const { invitationUrl } = (
        await call(
          clocked.app,
          'POST',
          '/api/v1/admin/agents',
          {
            fullName: 'Late Comer',
            email: uniqueEmail('late'),
            categoryIds: [category.id],
            languages: ['en'],
          },
          { cookie },
        )
      ).json<CreatedAgent>();
      now = new Date(now.getTime() + 72 * 3_600_000 + 1000);
      const response = await call(clocked.app, 'POST', '/api/v1/auth/invitation', {
        token: invitationUrl.split('#token=')[1],
        password: 'late password 1',
        passwordConfirmation: 'late password 1',
      });
      expect(response.statusCode).toBe(404);
    } finally {
      await clocked.close();
    }
  });

  it('edits categories and languages, and deactivation signs the agent out for good', async () => {
    const body = request();
    const id = await askToJoin(body);
    await post(`/api/v1/admin/agents/${id}/accept`, undefined, admin);

    const edited = await call(
      context.app,
      'PATCH',
      `/api/v1/admin/agents/${id}`,
      { categoryIds: [delivery.id], languages: ['ta'] },
      { cookie: admin },
    );
    expect(edited.json<AgentView>()).toMatchObject({ languages: ['ta'], categories: [{ name: 'Delivery' }] });

    const agentCookie = sessionCookie(await signIn(body.email, body.password));
    const deactivated = await post(`/api/v1/admin/agents/${id}/deactivate`, undefined, admin);
    expect(deactivated.json<AgentView>().status).toBe('deactivated');
    expect(
      (await call(context.app, 'GET', '/api/v1/auth/session', undefined, { cookie: agentCookie })).statusCode,
    ).toBe(401);
    expect((await signIn(body.email, body.password)).json<{ error: { code: string } }>().error.code).toBe(
      'ACCOUNT_DEACTIVATED',
    );
  });

  it('returns the deactivated agent’s open tickets to the unassigned queue, and only those', async () => {
    const category = await createCategory(context, { name: `Queue ${Date.now()}` });
    const agent = await createAgent(context, { categories: [category] });
    const customer = await createCustomer(context);
    const working = await createTicket(context, { customer, category, agent, status: 'in_progress' });
    const done = await createTicket(context, { customer, category, agent, status: 'resolved' });

    expect((await post(`/api/v1/admin/agents/${agent.id}/deactivate`, undefined, admin)).statusCode).toBe(
      200,
    );
    const rows = await queryRows<{ id: string; agent_id: string | null; status: string }>(
      context.db.database.db,
      sql`select id, agent_id, status from tickets where id in (${working.id}, ${done.id})`,
    );
    expect(rows.find((row) => row.id === working.id)).toMatchObject({ agent_id: null, status: 'open' });
    expect(rows.find((row) => row.id === done.id)).toMatchObject({ agent_id: agent.id, status: 'resolved' });
  });

  it('answers 404 for an id that is not an agent', async () => {
    const customer = await signedIn(context, 'customer');
    expect(
      (await post(`/api/v1/admin/agents/${customer.user.id}/deactivate`, undefined, admin)).statusCode,
    ).toBe(404);
  });
});

describe('categories', () => {
  it('lists active categories to anyone, archived ones only to admins who ask', async () => {
    const archived = (
      await post('/api/v1/admin/categories', { name: 'Gift cards' }, admin)
    ).json<CategoryView>();
    await call(
      context.app,
      'PATCH',
      `/api/v1/admin/categories/${archived.id}`,
      { archived: true },
      { cookie: admin },
    );
    const names = (await call(context.app, 'GET', '/api/v1/categories'))
      .json<{ items: CategoryView[] }>()
      .items.map((c) => c.name);
    expect(names).toContain('Payments');
    expect(names).not.toContain('Gift cards');
    const all = (
      await call(context.app, 'GET', '/api/v1/categories?includeArchived=true', undefined, { cookie: admin })
    ).json<{ items: CategoryView[] }>();
    expect(all.items.find((c) => c.name === 'Gift cards')?.archived).toBe(true);
    expect((await call(context.app, 'GET', '/api/v1/categories?includeArchived=true')).statusCode).toBe(403);
  });

  it('renames, switches automatic assignment, and refuses a duplicate name whatever its case', async () => {
    const created = (await post('/api/v1/admin/categories', { name: 'Returns' }, admin)).json<CategoryView>();
    const renamed = await call(
      context.app,
      'PATCH',
      `/api/v1/admin/categories/${created.id}`,
      { name: 'Returns & exchanges', autoAssign: true },
      { cookie: admin },
    );
    expect(renamed.json()).toEqual({
      id: created.id,
      name: 'Returns & exchanges',
      autoAssign: true,
      archived: false,
    });
    expect((await post('/api/v1/admin/categories', { name: 'payments' }, admin)).statusCode).toBe(409);
    const clash = await call(
      context.app,
      'PATCH',
      `/api/v1/admin/categories/${created.id}`,
      { name: 'PAYMENTS' },
      { cookie: admin },
    );
    expect(clash.statusCode).toBe(409);
    expect(
      (await call(context.app, 'PATCH', `/api/v1/admin/categories/${created.id}`, {}, { cookie: admin }))
        .statusCode,
    ).toBe(400);
  });

  it('is managed by admins only', async () => {
    const agent = await signedIn(context, 'agent');
    expect((await post('/api/v1/admin/categories', { name: 'Sneaky' }, agent.cookie)).statusCode).toBe(403);
    expect((await post('/api/v1/admin/categories', { name: 'Sneaky' })).statusCode).toBe(401);
  });
});

describe('preferences', () => {
  it('lets a user change their preferred language', async () => {
    const { cookie } = await signedIn(context, 'customer');
    const changed = await call(context.app, 'PATCH', '/api/v1/me', { preferredLanguage: 'ta' }, { cookie });
    expect(changed.json()).toMatchObject({ user: { preferredLanguage: 'ta' } });
    expect(
      (await call(context.app, 'PATCH', '/api/v1/me', { preferredLanguage: 'xx' }, { cookie })).statusCode,
    ).toBe(400);
  });

  it('registers with the language the customer was using', async () => {
    const response = await post('/api/v1/auth/register', {
      fullName: 'Kavya',
      email: uniqueEmail('kavya'),
      password: 'kavya password',
      passwordConfirmation: 'kavya password',
      preferredLanguage: 'hi',
    });
    expect(response.json()).toMatchObject({ user: { preferredLanguage: 'hi' } });
  });
});
