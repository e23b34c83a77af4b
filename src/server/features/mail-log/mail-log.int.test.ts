import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createTestApp,
  createUser,
  signedIn,
  uniqueEmail,
  type TestContext,
} from '../../../../test/helpers/app.js';
import type { CategoryView } from '../../../shared/contracts/categories.js';
import type { MailDetail, MailPage } from '../../../shared/contracts/mail.js';
import { queryRows } from '../../db/connection.js';
import { createUsersService } from '../users/users.service.js';
import { createOutbox } from '../../mail/outbox.js';
import { HIDDEN_BODY } from './mail-log.view.js';

/** No worker here: the tests set each email's status themselves. */
let context: TestContext;
let admin: string;

beforeAll(async () => {
  context = await createTestApp({ mail: { runWorker: false } });
  admin = (await signedIn(context, 'admin')).cookie;
});
afterAll(() => context.close());

const get = (url: string, cookie = admin) => call(context.app, 'GET', url, undefined, { cookie });
/** As the admin unless told otherwise; `null`: anonymous. */
const post = (url: string, body?: unknown, cookie: string | null = admin) =>
  call(context.app, 'POST', url, body, cookie ? { cookie } : {});

/** Emails of one kind, oldest first, with the given statuses. */
async function emails(kind: string, statuses: string[]) {
  const outbox = createOutbox({ publicUrl: 'http://localhost:3000' });
  const rows = [];
  for (const [i, status] of statuses.entries()) {
    const row = await outbox.enqueue(context.db.database.db, {
      to: `person${i}@example.com`,
      subject: `${kind} ${i}`,
      text: `Text ${i}`,
      html: `<p>Html ${i}</p>`,
      kind,
    });
    await queryRows(
      context.db.database.db,
      sql`update outbox_emails
          set status = ${status},
              transport = ${status === 'sent' ? 'log' : null},
              sent_at = ${status === 'sent' ? sql`now()` : null},
              last_error = ${status === 'failed' ? '550 No such user' : null},
              attempts = ${status === 'pending' ? 0 : 1},
              created_at = ${new Date(Date.UTC(2026, 0, 1, 0, 0, i))}
          where id = ${row.id}`,
    );
    rows.push(row);
  }
  return rows;
}

describe('the Mail log', () => {
  it('lists emails newest first, a page at a time', async () => {
    const rows = await emails('paged', ['sent', 'sent', 'failed', 'pending', 'sent']);
    const first = await get('/api/v1/admin/mail?kind=paged&limit=2');
    expect(first.statusCode).toBe(200);
    const page1 = first.json<MailPage>();
    expect(page1.items.map((item) => item.subject)).toEqual(['paged 4', 'paged 3']);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = (
      await get(`/api/v1/admin/mail?kind=paged&limit=2&cursor=${page1.nextCursor}`)
    ).json<MailPage>();
    expect(page2.items.map((item) => item.subject)).toEqual(['paged 2', 'paged 1']);
    const page3 = (
      await get(`/api/v1/admin/mail?kind=paged&limit=2&cursor=${page2.nextCursor}`)
    ).json<MailPage>();
    expect(page3.items.map((item) => item.subject)).toEqual(['paged 0']);
    expect(page3.nextCursor).toBeNull();

    expect(page1.items[0]).toEqual({
      id: rows[4]?.id,
      to: 'person4@example.com',
      subject: 'paged 4',
      kind: 'paged',
      status: 'sent',
      attempts: 1,
      lastError: null,
      createdAt: '2026-01-01T00:00:04.000Z',
      sentAt: expect.any(String) as unknown,
      nextAttemptAt: expect.any(String) as unknown,
      transport: 'log',
      // The log transport kept it: the body is shown so one can read what would have been sent.
      text: 'Text 4',
      writtenWhenSent: false,
    });
    // Not kept by the log transport: no body in the list.
    expect(page1.items[1]).toMatchObject({ status: 'pending', transport: null, text: null });
  });

  it('filters by status', async () => {
    await emails('filtered', ['sent', 'failed', 'failed', 'pending']);
    const failed = (await get('/api/v1/admin/mail?kind=filtered&status=failed')).json<MailPage>();
    expect(failed.items.map((item) => item.subject)).toEqual(['filtered 2', 'filtered 1']);
    expect(failed.items[0]).toMatchObject({ lastError: '550 No such user', status: 'failed' });
    const all = (await get('/api/v1/admin/mail?status=failed&limit=100')).json<MailPage>();
    expect(all.items.every((item) => item.status === 'failed')).toBe(true);
    expect((await get('/api/v1/admin/mail?status=lost')).statusCode).toBe(400);
    expect((await get('/api/v1/admin/mail?cursor=nonsense')).statusCode).toBe(400);
  });

  it('shows one email in full', async () => {
    const [row] = await emails('detail', ['failed']);
    const response = await get(`/api/v1/admin/mail/${row?.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json<MailDetail>()).toMatchObject({
      id: row?.id,
      messageId: row?.messageId,
      text: 'Text 0',
      html: '<p>Html 0</p>',
      headers: {},
      status: 'failed',
    });
    expect((await get('/api/v1/admin/mail/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('retries only a failed email, counting its attempts afresh', async () => {
    const [sent, failed, pending] = await emails('retry', ['sent', 'failed', 'pending']);
    const retried = await post(`/api/v1/admin/mail/${failed?.id}/retry`);
    expect(retried.statusCode).toBe(200);
    expect(retried.json<MailDetail>()).toMatchObject({ status: 'pending', attempts: 0, lastError: null });

    for (const row of [sent, pending, failed]) {
      const again = await post(`/api/v1/admin/mail/${row?.id}/retry`);
      expect(again.statusCode).toBe(409);
      expect(again.json<{ error: { code: string } }>().error.code).toBe('CONFLICT');
    }
    expect((await post('/api/v1/admin/mail/00000000-0000-4000-8000-000000000000/retry')).statusCode).toBe(
      404,
    );
  });

  it('is for admins only', async () => {
    const [row] = await emails('private', ['failed']);
    for (const role of ['agent', 'customer'] as const) {
      const { cookie } = await signedIn(context, role);
      expect((await get('/api/v1/admin/mail', cookie)).statusCode).toBe(403);
      expect((await get(`/api/v1/admin/mail/${row?.id}`, cookie)).statusCode).toBe(403);
      expect((await post(`/api/v1/admin/mail/${row?.id}/retry`, undefined, cookie)).statusCode).toBe(403);
    }
    expect((await call(context.app, 'GET', '/api/v1/admin/mail')).statusCode).toBe(401);
    expect((await post(`/api/v1/admin/mail/${row?.id}/retry`, undefined, null)).statusCode).toBe(401);
  });
});

describe('the "new agent request" email', () => {
  it('goes to every active admin, in the request’s transaction, with the name escaped in HTML', async () => {
    const category = (
      await post('/api/v1/admin/categories', { name: `Requests ${Date.now()}` })
    ).json<CategoryView>();
    const second = await createUser(context, 'admin');
    const gone = await createUser(context, 'admin');
    await createUsersService(context.db.database.db).update(gone.id, { status: 'deactivated' });
    const admins = await queryRows<{ email: string }>(
      context.db.database.db,
      sql`select email from users where role = 'admin' and status = 'active'`,
    );
    expect(admins.map((a) => a.email)).toContain(second.email);

    const email = uniqueEmail('joiner');
    const asked = await post(
      '/api/v1/agent-requests',
      {
        fullName: 'Ravi <script>alert(1)</script> & Co',
        email,
        password: 'agent password 1',
        passwordConfirmation: 'agent password 1',
        categoryIds: [category.id],
        languages: ['en'],
      },
      null,
    );
    expect(asked.statusCode).toBe(201);

    const rows = await queryRows<{
      to_address: string;
      subject: string;
      text_body: string;
      html_body: string;
      kind: string;
      status: string;
    }>(
      context.db.database.db,
      sql`select to_address, subject, text_body, html_body, kind, status from outbox_emails
          where kind = 'agent_request' and text_body like ${`%${email}%`}`,
    );
    expect(rows.map((r) => r.to_address).sort()).toEqual(admins.map((a) => a.email).sort());
    expect(rows.map((r) => r.to_address)).not.toContain(gone.email);
    for (const row of rows) {
      expect(row).toMatchObject({ subject: 'New agent request waiting', status: 'pending' });
      expect(row.text_body).toContain('Ravi <script>alert(1)</script> & Co');
      expect(row.text_body).toContain('http://localhost:3000/admin/requests');
      expect(row.html_body).toContain('Ravi &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
      expect(row.html_body).not.toContain('<script>');
      expect(row.html_body).toContain('href="http://localhost:3000/admin/requests"');
    }
  });

  it('is not written when the request is refused', async () => {
    const before = await queryRows<{ n: number }>(
      context.db.database.db,
      sql`select count(*)::int as n from outbox_emails where kind = 'agent_request'`,
    );
    const taken = await createUser(context, 'customer');
    const category = (
      await post('/api/v1/admin/categories', { name: `Refused ${Date.now()}` })
    ).json<CategoryView>();
    const refused = await post(
      '/api/v1/agent-requests',
      {
        fullName: 'Duplicate',
        email: taken.email,
        password: 'agent password 1',
        passwordConfirmation: 'agent password 1',
        categoryIds: [category.id],
        languages: ['en'],
      },
      null,
    );
    expect(refused.statusCode).toBe(409);
    const after = await queryRows<{ n: number }>(
      context.db.database.db,
      sql`select count(*)::int as n from outbox_emails where kind = 'agent_request'`,
    );
    expect(after).toEqual(before);
  });
});

describe('secrets in the Mail log', () => {
  it('never shows the body of a password reset email, only that it exists and how delivery went', async () => {
    const outbox = createOutbox({ publicUrl: 'http://localhost:3000' });
    const row = await outbox.enqueue(context.db.database.db, {
      to: 'owner@example.com',
      subject: 'Reset your password',
      text: 'Open http://localhost:3000/reset-password#token=very-secret-token',
      html: '<a href="http://localhost:3000/reset-password#token=very-secret-token">Reset</a>',
      kind: 'password_reset',
    });
    await queryRows(
      context.db.database.db,
      sql`update outbox_emails set status = 'sent', transport = 'log' where id = ${row.id}`,
    );
    const detail = (await get(`/api/v1/admin/mail/${row.id}`)).json<MailDetail>();
    expect(detail).toMatchObject({ to: 'owner@example.com', subject: 'Reset your password', status: 'sent' });
    const list = (await get('/api/v1/admin/mail?kind=password_reset')).json<MailPage>();
    expect(JSON.stringify(detail) + JSON.stringify(list)).not.toContain('very-secret-token');
    expect(detail.text).toBe(HIDDEN_BODY);
  });
});
