import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createTestApp,
  knownDeviceSignIn,
  signedIn,
  TEST_PASSWORD,
  uniqueEmail,
  type TestContext,
} from '../../../../test/helpers/app.js';
import {
  createAgent,
  createCategory,
  createCustomer,
  createTicket,
  signIn,
} from '../../../../test/helpers/factories.js';
import type { AgentPage, CreatedAgent } from '../../../shared/contracts/agents.js';
import type { CategoryView } from '../../../shared/contracts/categories.js';
import type { TicketDetail } from '../../../shared/contracts/tickets.js';
import type { UserRow } from '../../db/schema.js';
import { queryRows } from '../../db/connection.js';

/** Each administrative action writes exactly one audit entry, in its own transaction. */
let context: TestContext;
let admin: { user: UserRow; cookie: string };

beforeAll(async () => {
  context = await createTestApp();
  admin = await signedIn(context, 'admin');
});
afterAll(() => context.close());

interface Entry {
  action: string;
  actor_id: string | null;
  actor_email: string | null;
  target_type: string | null;
  target_id: string | null;
  target_label: string | null;
  details: Record<string, unknown>;
  ip: string | null;
}

const entriesFor = (targetId: string) =>
  queryRows<Entry>(
    context.db.database.db,
    sql`select action, actor_id, actor_email, target_type, target_id, target_label, details, ip
        from audit_log where target_id = ${targetId} order by id`,
  );

const send = (method: 'POST' | 'PATCH' | 'PUT', url: string, body?: unknown, cookie = admin.cookie) =>
  call(context.app, method, url, body, { cookie });

const byAdmin = () => ({ actor_id: admin.user.id, actor_email: admin.user.email });

describe('agents', () => {
  it('records accept, reject, create, update and deactivate with the admin as actor', async () => {
    const category = await createCategory(context, { name: `Audit agents ${Date.now()}` });
    const join = (email: string) =>
      call(context.app, 'POST', '/api/v1/agent-requests', {
        fullName: 'Meera Iyer',
        email,
        password: 'agent password 1',
        passwordConfirmation: 'agent password 1',
        categoryIds: [category.id],
        languages: ['en'],
      });
    const accepted = uniqueEmail('accepted');
    const rejected = uniqueEmail('rejected');
    expect((await join(accepted)).statusCode).toBe(201);
    expect((await join(rejected)).statusCode).toBe(201);
    const pending = (
      await call(context.app, 'GET', '/api/v1/admin/agents?status=pending&limit=100', undefined, {
        cookie: admin.cookie,
      })
    ).json<AgentPage>();
    const idOf = (email: string) => pending.items.find((agent) => agent.email === email)?.id ?? '';
    // Asking to join is not an administrative action.
    expect(await entriesFor(idOf(accepted))).toEqual([]);

    expect((await send('POST', `/api/v1/admin/agents/${idOf(accepted)}/accept`)).statusCode).toBe(200);
    expect((await send('POST', `/api/v1/admin/agents/${idOf(rejected)}/reject`)).statusCode).toBe(200);
    expect(await entriesFor(idOf(accepted))).toEqual([
      {
        action: 'agent.accepted',
        ...byAdmin(),
        target_type: 'user',
        target_id: idOf(accepted),
        target_label: accepted,
        details: { from: 'pending', to: 'active' },
        ip: null,
      },
    ]);
    expect(await entriesFor(idOf(rejected))).toMatchObject([
      { action: 'agent.rejected', ...byAdmin(), target_label: rejected },
    ]);

    const created = await send('POST', '/api/v1/admin/agents', {
      fullName: 'Kiran Rao',
      email: uniqueEmail('created'),
      categoryIds: [category.id],
      languages: ['en'],
    });
    expect(created.statusCode).toBe(201);
    const agent = created.json<CreatedAgent>().agent;
    const other = await createCategory(context, { name: `Audit other ${Date.now()}` });
    const updated = await send('PATCH', `/api/v1/admin/agents/${agent.id}`, {
      categoryIds: [other.id],
      languages: ['en', 'ta'],
    });
    expect(updated.statusCode).toBe(200);
    expect((await send('POST', `/api/v1/admin/agents/${agent.id}/deactivate`)).statusCode).toBe(200);

    const entries = await entriesFor(agent.id);
    expect(entries.map((entry) => entry.action)).toEqual([
      'agent.created',
      'agent.updated',
      'agent.deactivated',
    ]);
    expect(entries.every((entry) => entry.actor_id === admin.user.id)).toBe(true);
    expect(entries[1]?.details).toEqual({
      categories: { from: [category.name], to: [other.name] },
      languages: { from: ['en'], to: ['en', 'ta'] },
    });
    // Nothing secret: the invitation link is not in the log.
    expect(JSON.stringify(entries)).not.toContain(created.json<CreatedAgent>().invitationUrl.split('#')[1]);
  });

  it('records nothing when the change is refused', async () => {
    const agent = await createAgent(context);
    expect((await send('POST', `/api/v1/admin/agents/${agent.id}/accept`)).statusCode).toBe(409);
    expect(await entriesFor(agent.id)).toEqual([]);
  });
});

describe('ticket assignment', () => {
  it('records assign, reassign, pick-up, automatic routing and unassignment on deactivation', async () => {
    const category = await createCategory(context, { autoAssign: false });
    const [first, second, picker] = [
      await createAgent(context, { categories: [category] }),
      await createAgent(context, { categories: [category] }),
      await createAgent(context, { categories: [category] }),
    ];
    const customer = await createCustomer(context);
    const ticket = await createTicket(context, { customer, category });

    const assign = async (agentId: string) => {
      const current = (
        await call(context.app, 'GET', `/api/v1/tickets/${ticket.reference}`, undefined, {
          cookie: admin.cookie,
        })
      ).json<TicketDetail>();
      const body = { agentId, version: current.version };
      expect((await send('POST', `/api/v1/tickets/${ticket.reference}/assign`, body)).statusCode).toBe(200);
    };
    await assign(first.id);
    await assign(second.id);
    expect(await entriesFor(ticket.id)).toEqual([
      {
        action: 'ticket.assigned',
        ...byAdmin(),
        target_type: 'ticket',
        target_id: ticket.id,
        target_label: ticket.reference,
        details: { from: null, to: first.email },
        ip: null,
      },
      {
        action: 'ticket.reassigned',
        ...byAdmin(),
        target_type: 'ticket',
        target_id: ticket.id,
        target_label: ticket.reference,
        details: { from: first.email, to: second.email },
        ip: null,
      },
    ]);

    const open = await createTicket(context, { customer, category });
    const pickerCookie = await signIn(context, picker);
    const picked = await send(
      'POST',
      `/api/v1/tickets/${open.reference}/pick-up`,
      { version: 1 },
      pickerCookie,
    );
    expect(picked.statusCode).toBe(200);
    expect(await entriesFor(open.id)).toMatchObject([
      { action: 'ticket.assigned', actor_id: picker.id, details: { from: null, to: picker.email } },
    ]);

    // Deactivating the second agent returns their ticket to the queue: one entry per ticket.
    expect((await send('POST', `/api/v1/admin/agents/${second.id}/deactivate`)).statusCode).toBe(200);
    const afterDeactivation = await entriesFor(ticket.id);
    expect(afterDeactivation).toHaveLength(3);
    expect(afterDeactivation[2]).toMatchObject({
      action: 'ticket.unassigned',
      ...byAdmin(),
      details: { from: second.email, to: null },
    });
  });

  it('records automatic routing with no actor', async () => {
    const category = await createCategory(context, { autoAssign: true });
    const agent = await createAgent(context, { categories: [category] });
    const customer = await createCustomer(context);
    const raised = await call(
      context.app,
      'POST',
      '/api/v1/tickets',
      { subject: 'Refund missing', description: 'Where is my refund?', categoryId: category.id },
      { cookie: await signIn(context, customer) },
    );
    expect(raised.statusCode).toBe(201);
    const detail = raised.json<TicketDetail>();
    expect(await entriesFor(detail.id)).toEqual([
      {
        action: 'ticket.assigned',
        actor_id: null,
        actor_email: null,
        target_type: 'ticket',
        target_id: detail.id,
        target_label: detail.reference,
        details: { from: null, to: agent.email, automatic: true },
        ip: null,
      },
    ]);
  });
});

describe('sign-ins', () => {
  const attempt = (email: string, password: string) => knownDeviceSignIn(context, { email, password });

  it('records staff sign-ins and failed sign-ins with the email and address', async () => {
    const agent = await createAgent(context);
    expect((await attempt(agent.email, TEST_PASSWORD)).statusCode).toBe(200);
    expect((await attempt(agent.email, 'not the password')).statusCode).toBe(401);
    expect(await entriesFor(agent.id)).toEqual([
      {
        action: 'staff.signed_in',
        actor_id: agent.id,
        actor_email: agent.email,
        target_type: 'user',
        target_id: agent.id,
        target_label: agent.email,
        details: {},
        ip: '127.0.0.1',
      },
      {
        action: 'staff.sign_in_failed',
        actor_id: null,
        actor_email: agent.email,
        target_type: 'user',
        target_id: agent.id,
        target_label: agent.email,
        details: { reason: 'wrong_password' },
        ip: '127.0.0.1',
      },
    ]);
  });

  it('records nothing for customers or unknown emails, and answers them as before', async () => {
    const customer = await createCustomer(context);
    const count = async () =>
      (
        await queryRows<{ n: number }>(
          context.db.database.db,
          sql`select count(*)::int as n from audit_log where action like 'staff.%'`,
        )
      )[0]?.n;
    const before = await count();
    expect((await attempt(customer.email, TEST_PASSWORD)).statusCode).toBe(200);
    const wrong = await attempt(customer.email, 'not the password');
    const unknown = await attempt(uniqueEmail('nobody'), 'not the password');
    expect(await count()).toBe(before);
    expect(await entriesFor(customer.id)).toEqual([]);
    // Same answer for a wrong password and an unknown email: nothing to tell them apart.
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
    expect(wrong.json()).toEqual(unknown.json());
  });
});

describe('categories and settings', () => {
  it('records create, rename, auto-assign switch and archive, each once', async () => {
    const name = `Returns ${Date.now()}`;
    const created = await send('POST', '/api/v1/admin/categories', { name });
    expect(created.statusCode).toBe(201);
    const { id } = created.json<CategoryView>();
    const patch = (body: unknown) => send('PATCH', `/api/v1/admin/categories/${id}`, body);
    expect((await patch({ name: `${name} and refunds` })).statusCode).toBe(200);
    expect((await patch({ autoAssign: true })).statusCode).toBe(200);
    expect((await patch({ archived: true })).statusCode).toBe(200);
    expect(await entriesFor(id)).toMatchObject([
      { action: 'category.created', ...byAdmin(), target_label: name, details: { autoAssign: false } },
      {
        action: 'category.updated',
        target_label: `${name} and refunds`,
        details: { name: { from: name, to: `${name} and refunds` } },
      },
      { action: 'category.updated', details: { autoAssign: { from: false, to: true } } },
      { action: 'category.archived', ...byAdmin(), details: {} },
    ]);
  });

  it('records a security setting change with before and after, and nothing when nothing changed', async () => {
    const rows = () =>
      queryRows<Entry>(
        context.db.database.db,
        sql`select action, actor_id, details, target_type from audit_log
            where action = 'security.settings_changed' order by id`,
      );
    expect((await send('PUT', '/api/v1/admin/security', { requireStaffTotp: false })).statusCode).toBe(200);
    expect(await rows()).toEqual([]);
    // Last in this file: from now on staff without an authenticator may only set one up.
    expect((await send('PUT', '/api/v1/admin/security', { requireStaffTotp: true })).statusCode).toBe(200);
    expect(await rows()).toEqual([
      {
        action: 'security.settings_changed',
        actor_id: admin.user.id,
        target_type: 'settings',
        details: { requireStaffTotp: { from: false, to: true } },
      },
    ]);
  });
});
